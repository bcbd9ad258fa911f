using FirmwarePlanner.Common;
using FirmwarePlanner.Checks;

namespace FirmwarePlanner.Reports;

/// <summary>The output formats of <c>fwplan check</c>.</summary>
public enum ReportFormat
{
    Text,
    Json,
    Junit,
    Sarif,
    Markdown,
    Html,
}

/// <summary>Renders a <see cref="CheckReport"/> in any <see cref="ReportFormat"/>. Output is LF-terminated and deterministic.</summary>
public static class ReportWriter
{
    public static string Render(CheckReport report, ReportFormat format) => format switch
    {
        ReportFormat.Text => TextReport.Render(report),
        ReportFormat.Json => JsonReport.Render(report),
        ReportFormat.Junit => JunitReport.Render(report),
        ReportFormat.Sarif => SarifReport.Render(report),
        ReportFormat.Markdown => MarkdownReport.Render(report),
        ReportFormat.Html => HtmlReport.Render(report),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static bool TryParse(string name, out ReportFormat format)
    {
        foreach (var f in Enum.GetValues<ReportFormat>())
        {
            if (string.Equals(f.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                format = f;
                return true;
            }
        }

        format = ReportFormat.Text;
        return false;
    }
}

/// <summary>Names and short forms shared by the writers.</summary>
internal static class ReportText
{
    public const string ToolName = "fwplan";
    public const string ToolVersion = "0.1.0";

    public static string Severity(Diagnostics.Severity s) => Diagnostics.Diagnostic.SeverityName(s);

    public static string Title(string ruleId) =>
        CheckRules.Find(ruleId)?.Name ?? Checks.DiagnosticCatalog.Find(ruleId)?.Title ?? ruleId;

    public static string Counts(CheckReport r) =>
        $"{Plural(r.Count(Diagnostics.Severity.Error), "error")}, {Plural(r.Count(Diagnostics.Severity.Warning), "warning")}, {Plural(r.Count(Diagnostics.Severity.Note), "note")}, {r.Waived} waived";

    public static string Plural(int n, string word) => n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + word + (n == 1 ? string.Empty : "s");

    public static string NodeLine(NodeMemory n) =>
        $"{(n.Node < 0 ? "no node" : "node " + n.Node.ToString(System.Globalization.CultureInfo.InvariantCulture))}: RAM {Sizes.Approx(n.RamBytes)}, mirrored {Sizes.Approx(n.MirroredBytes)} ({Sizes.Percent(n.MirroredBytes, n.RamBytes)})";
}
