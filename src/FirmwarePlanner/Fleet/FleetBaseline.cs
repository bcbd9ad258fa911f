using System.Text.Json;

namespace FirmwarePlanner.Fleet;

/// <summary>One machine as a previous fleet JSON recorded it.</summary>
public sealed record BaselineMachine(string Verdict, IReadOnlyList<string> Findings);

/// <summary>A machine whose verdict or findings changed between the baseline and this scan.</summary>
public sealed record MachineDrift(string Machine, string Before, string After, IReadOnlyList<string> New, IReadOnlyList<string> Resolved);

/// <summary>What changed between two scans of the same fleet.</summary>
public sealed record FleetDrift(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<MachineDrift> Changed)
{
    public bool Any => Added.Count + Removed.Count + Changed.Count > 0;

    /// <summary>Reads the <c>results</c> of an earlier <c>fwplan fleet --format json</c> output.</summary>
    public static bool TryReadBaseline(ReadOnlySpan<byte> json, out IReadOnlyDictionary<string, BaselineMachine> machines, out string? error)
    {
        var map = new Dictionary<string, BaselineMachine>(StringComparer.Ordinal);
        machines = map;
        error = null;
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schemaVersion", out var v) || v.ValueKind != JsonValueKind.Number ||
                !v.TryGetInt32(out var version) || version != FleetSummary.SchemaVersion || !root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
            {
                error = $"baseline is not a fwplan fleet JSON report (schemaVersion {FleetSummary.SchemaVersion} with results)";
                return false;
            }

            foreach (var r in results.EnumerateArray())
            {
                var name = r.GetProperty("machine").GetString() ?? string.Empty;
                var verdict = r.GetProperty("verdict").GetString() ?? string.Empty;
                var findings = r.GetProperty("findings").EnumerateArray().Select(f => f.GetString() ?? string.Empty).ToArray();
                map[name] = new BaselineMachine(verdict, findings);
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            error = $"baseline is not readable: {ex.Message}";
            return false;
        }
    }

    public static FleetDrift Compare(IReadOnlyDictionary<string, BaselineMachine> baseline, IEnumerable<FleetEntry> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var tracker = new FleetDriftTracker(baseline);
        foreach (var e in current)
        {
            tracker.Observe(e);
        }

        return tracker.Result();
    }
}
