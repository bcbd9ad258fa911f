using System.Text.Json;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Checks;

/// <summary>
/// Reads a check configuration:
/// <code>
/// { "schemaVersion": 1,
///   "severities": { "FP7006": "note", "FP7008": "off" },
///   "thresholds": { "mirrorProportionTolerance": 0.5, "uncoveredRamBytes": 1048576 },
///   "waivers": [ { "rule": "FP7003", "scope": "node 1", "reason": "node 1 is a CXL expander" } ] }
/// </code>
/// Unknown keys and rule IDs are errors, so a typo never silently disables a waiver.
/// </summary>
public static class CheckConfigReader
{
    public static bool TryParse(ReadOnlySpan<byte> json, out CheckConfig config, out string? error)
    {
        config = CheckConfig.Default;
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return TryRead(doc.RootElement, out config, out error);
        }
        catch (JsonException ex)
        {
            error = $"config is not valid JSON: {ex.Message}";
            return false;
        }
        catch (InvalidOperationException ex)
        {
            // JsonDocument checks structure, not the UTF-8 inside strings: a name or value that does not
            // transcode fails only when it is read.
            var at = Utf8Text.InvalidAt(json);
            error = at >= 0 ? $"config is not valid UTF-8 (byte offset {at})" : $"config: a string does not decode: {ex.Message}";
            return false;
        }
    }

    private static bool TryRead(JsonElement root, out CheckConfig config, out string? error)
    {
        config = CheckConfig.Default;
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "config: the top level must be an object";
            return false;
        }

        var severities = new Dictionary<string, Severity?>(StringComparer.Ordinal);
        var tolerance = config.MirrorProportionTolerance;
        var uncovered = config.UncoveredRamThresholdBytes;
        var waivers = new List<Waiver>();
        foreach (var p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "schemaVersion":
                    if (!p.Value.TryGetInt32(out var version) || version != CheckConfig.SchemaVersion)
                    {
                        error = $"config: schemaVersion must be {CheckConfig.SchemaVersion}";
                        return false;
                    }

                    break;
                case "severities":
                    if (!ReadSeverities(p.Value, severities, out error))
                    {
                        return false;
                    }

                    break;
                case "thresholds":
                    if (!ReadThresholds(p.Value, ref tolerance, ref uncovered, out error))
                    {
                        return false;
                    }

                    break;
                case "waivers":
                    if (!ReadWaivers(p.Value, waivers, out error))
                    {
                        return false;
                    }

                    break;
                default:
                    error = $"config: unknown key '{p.Name}'";
                    return false;
            }
        }

        config = new CheckConfig(severities, tolerance, uncovered, waivers);
        return true;
    }

    private static bool KnownRule(string id) => CheckRules.Find(id) is not null || DiagnosticCatalog.Find(id) is not null;

    private static bool ReadSeverities(JsonElement e, Dictionary<string, Severity?> into, out string? error)
    {
        error = null;
        if (e.ValueKind != JsonValueKind.Object)
        {
            error = "config: severities must be an object of rule ID to note|warning|error|off";
            return false;
        }

        foreach (var p in e.EnumerateObject())
        {
            if (!KnownRule(p.Name))
            {
                error = $"config: severities: unknown rule '{p.Name}'";
                return false;
            }

            Severity? s = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() switch
            {
                "note" => Severity.Note,
                "warning" => Severity.Warning,
                "error" => Severity.Error,
                "off" => null,
                _ => (Severity)(-1),
            } : (Severity)(-1);
            if (s is { } v && !Enum.IsDefined(v))
            {
                error = $"config: severities: '{p.Name}' must be note, warning, error or off";
                return false;
            }

            into[p.Name] = s;
        }

        return true;
    }

    private static bool ReadThresholds(JsonElement e, ref double tolerance, ref ulong uncovered, out string? error)
    {
        error = null;
        if (e.ValueKind != JsonValueKind.Object)
        {
            error = "config: thresholds must be an object";
            return false;
        }

        foreach (var p in e.EnumerateObject())
        {
            switch (p.Name)
            {
                case "mirrorProportionTolerance" when p.Value.TryGetDouble(out var t) && t is >= 0 and <= 100:
                    tolerance = t;
                    break;
                case "uncoveredRamBytes" when p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetUInt64(out var u):
                    uncovered = u;
                    break;
                default:
                    error = $"config: thresholds: unknown or invalid '{p.Name}'";
                    return false;
            }
        }

        return true;
    }

    private static bool ReadWaivers(JsonElement e, List<Waiver> into, out string? error)
    {
        error = null;
        if (e.ValueKind != JsonValueKind.Array)
        {
            error = "config: waivers must be an array";
            return false;
        }

        var i = 0;
        foreach (var w in e.EnumerateArray())
        {
            string? rule = null, scope = null, reason = null;
            if (w.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in w.EnumerateObject())
                {
                    var value = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
                    switch (p.Name)
                    {
                        case "rule": rule = value; break;
                        case "scope": scope = value; break;
                        case "reason": reason = value; break;
                        default:
                            error = $"config: waivers[{i}]: unknown key '{p.Name}'";
                            return false;
                    }
                }
            }

            if (string.IsNullOrWhiteSpace(rule) || !KnownRule(rule) || string.IsNullOrWhiteSpace(scope) || string.IsNullOrWhiteSpace(reason))
            {
                error = $"config: waivers[{i}] needs a known rule, a scope and a reason";
                return false;
            }

            into.Add(new Waiver(rule, scope, reason));
            i++;
        }

        return true;
    }
}
