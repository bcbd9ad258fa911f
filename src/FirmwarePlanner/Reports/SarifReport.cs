using System.Text.Json;
using FirmwarePlanner.Checks;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Reports;

/// <summary>
/// SARIF 2.1.0 (OASIS), as code-scanning services read it: one run, the rule catalogue as
/// <c>tool.driver.rules</c>, one result per finding (waived ones carry an external suppression with the
/// reason), rules not evaluated as tool execution notifications.
/// </summary>
public static class SarifReport
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static string Render(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rules = CheckRules.All.Where(r => !report.Disabled.Contains(r.Id)).Select(r => r.Descriptor)
            .Concat(report.Findings.Select(f => f.RuleId).Distinct().Where(id => CheckRules.Find(id) is null)
                .Select(id => DiagnosticCatalog.Find(id) ?? new DiagnosticDescriptor(id, Severity.Warning, id, id)))
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("$schema", SchemaUri);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            WriteTool(w, rules);
            w.WriteStartObject("automationDetails");
            w.WriteString("id", "fwplan/check/" + report.Subject.Name + "/");
            w.WriteEndObject();
            WriteInvocation(w, report);
            w.WriteStartArray("results");
            foreach (var f in report.Findings)
            {
                WriteResult(w, f, Array.FindIndex(rules, r => r.Id == f.RuleId));
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteTool(Utf8JsonWriter w, DiagnosticDescriptor[] rules)
    {
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", ReportText.ToolName);
        w.WriteString("version", ReportText.ToolVersion);
        w.WriteString("semanticVersion", ReportText.ToolVersion);
        w.WriteStartArray("rules");
        foreach (var d in rules)
        {
            var rule = CheckRules.Find(d.Id);
            w.WriteStartObject();
            w.WriteString("id", d.Id);
            Text(w, "shortDescription", d.Title);
            Text(w, "fullDescription", rule is null ? d.Description : rule.Checks);
            if (rule is not null)
            {
                Text(w, "help", rule.Why + (rule.LinuxMessage is { } l ? " Linux: " + l : string.Empty));
            }

            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", Level(d.DefaultSeverity));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter w, CheckReport report)
    {
        w.WriteStartArray("invocations");
        w.WriteStartObject();
        w.WriteBoolean("executionSuccessful", report.Usable);
        w.WriteNumber("exitCode", report.ExitCode);
        w.WriteStartArray("toolExecutionNotifications");
        foreach (var n in report.NotEvaluated)
        {
            w.WriteStartObject();
            w.WriteString("level", "note");
            Text(w, "message", n.RuleId + " not evaluated: " + n.Reason);
            w.WriteStartObject("associatedRule");
            w.WriteString("id", n.RuleId);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter w, Finding f, int ruleIndex)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.RuleId);
        if (ruleIndex >= 0)
        {
            w.WriteNumber("ruleIndex", ruleIndex);
        }

        w.WriteString("level", Level(f.Severity));
        Text(w, "message", f.Scope + ": " + f.Message + (f.LinuxMessage is { } l ? " Linux: \"" + l + "\"" : string.Empty));
        w.WriteStartArray("locations");
        w.WriteStartObject();
        if (f.Location is { } at)
        {
            w.WriteStartObject("physicalLocation");
            w.WriteStartObject("artifactLocation");
            w.WriteString("uri", Uri(at.Source));
            w.WriteEndObject();
            if (at.Line is { } line)
            {
                w.WriteStartObject("region");
                w.WriteNumber("startLine", line);
                w.WriteEndObject();
            }
            else if (at.Offset is { } offset)
            {
                w.WriteStartObject("region");
                w.WriteNumber("byteOffset", offset);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteStartArray("logicalLocations");
        w.WriteStartObject();
        w.WriteString("name", f.Scope);
        w.WriteString("kind", "module");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("partialFingerprints");
        w.WriteString("fwplanScope/v1", f.RuleId + ":" + f.Scope);
        w.WriteEndObject();
        if (f.WaiverReason is { } reason)
        {
            w.WriteStartArray("suppressions");
            w.WriteStartObject();
            w.WriteString("kind", "external");
            w.WriteString("status", "accepted");
            w.WriteString("justification", reason);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    private static string Level(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    /// <summary>A relative URI reference: each path segment percent-encoded.</summary>
    private static string Uri(string source) =>
        string.Join('/', source.Replace('\\', '/').Split('/').Select(System.Uri.EscapeDataString));
}
