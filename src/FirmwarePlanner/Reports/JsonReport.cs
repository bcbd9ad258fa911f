using System.Text.Json;
using FirmwarePlanner.Checks;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Reports;

/// <summary>The machine-readable report (<c>schemaVersion</c> 1). Byte sizes are numbers, addresses are hex strings.</summary>
public static class JsonReport
{
    public static string Render(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonText.Write(w => Write(w, report));
    }

    public static void Write(Utf8JsonWriter w, CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(report);
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", CheckReport.SchemaVersion);
        w.WriteString("tool", ReportText.ToolName + " " + ReportText.ToolVersion);
        w.WriteString("machine", report.Subject.Name);
        w.WriteString("verdict", CheckReport.VerdictName(report.Verdict));
        w.WriteString("failOn", ReportText.Severity(report.FailOn));
        w.WriteNumber("exitCode", report.ExitCode);
        w.WriteStartObject("counts");
        w.WriteNumber("error", report.Count(Severity.Error));
        w.WriteNumber("warning", report.Count(Severity.Warning));
        w.WriteNumber("note", report.Count(Severity.Note));
        w.WriteNumber("waived", report.Waived);
        w.WriteEndObject();
        w.StringOrNull("commandLine", report.Subject.CommandLine?.Text);

        w.WriteStartArray("inputs");
        foreach (var i in report.Subject.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("name", i.Name);
            w.WriteString("kind", i.Kind);
            w.WriteString("summary", i.Summary);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteNodes(w, report.Layout);
        w.WriteStartArray("findings");
        foreach (var f in report.Findings)
        {
            WriteFinding(w, f);
        }

        w.WriteEndArray();
        w.WriteStartArray("notEvaluated");
        foreach (var n in report.NotEvaluated)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", n.RuleId);
            w.WriteString("reason", n.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteNodes(Utf8JsonWriter w, MemoryLayout? layout)
    {
        if (layout is null)
        {
            w.WriteNull("memory");
            return;
        }

        w.WriteStartObject("memory");
        w.WriteBoolean("numaUsed", layout.NumaUsed);
        w.WriteNumber("ramBytes", layout.TotalRam);
        w.WriteNumber("mirroredBytes", layout.TotalMirrored);
        w.WriteStartArray("nodes");
        foreach (var n in layout.Nodes)
        {
            w.WriteStartObject();
            w.WriteNumber("node", n.Node);
            w.WriteNumber("ramBytes", n.RamBytes);
            w.WriteNumber("mirroredBytes", n.MirroredBytes);
            w.WriteNumber("hotpluggableBytes", n.HotpluggableBytes);
            w.WriteNumber("ramBelow4GBytes", n.RamBelow4GBytes);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter w, Finding f)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.RuleId);
        w.WriteString("severity", ReportText.Severity(f.Severity));
        w.WriteString("scope", f.Scope);
        w.WriteString("message", f.Message);
        w.StringOrNull("linuxMessage", f.LinuxMessage);
        if (f.Location is { } at)
        {
            w.WriteStartObject("location");
            w.WriteString("source", at.Source);
            if (at.Offset is { } o)
            {
                w.WriteNumber("offset", o);
            }

            if (at.Line is { } l)
            {
                w.WriteNumber("line", l);
            }

            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("location");
        }

        w.WriteBoolean("waived", f.IsWaived);
        w.StringOrNull("waiverReason", f.WaiverReason);
        w.WriteEndObject();
    }
}
