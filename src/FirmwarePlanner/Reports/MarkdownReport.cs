using FirmwarePlanner.Common;
using System.Text;
using FirmwarePlanner.Checks;

namespace FirmwarePlanner.Reports;

/// <summary>A Markdown summary for pull-request comments and CI job summaries.</summary>
public static class MarkdownReport
{
    public static string Render(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var verdict = CheckReport.VerdictName(report.Verdict).ToUpperInvariant();
        sb.Append("## fwplan check `").Append(report.Subject.Name).Append("`: **").Append(verdict).Append("**\n\n");
        sb.Append("Fail on ").Append(ReportText.Severity(report.FailOn)).Append("; ").Append(ReportText.Counts(report)).Append(".\n\n");
        if (report.Layout is { } layout)
        {
            sb.Append("| node | RAM | mirrored | share |\n|---:|---:|---:|---:|\n");
            foreach (var n in layout.Nodes)
            {
                sb.Append("| ").Append(n.Node < 0 ? "none" : n.Node.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" | ")
                  .Append(Sizes.Approx(n.RamBytes)).Append(" | ").Append(Sizes.Approx(n.MirroredBytes)).Append(" | ")
                  .Append(Sizes.Percent(n.MirroredBytes, n.RamBytes)).Append(" |\n");
            }

            sb.Append('\n');
        }

        if (report.Findings.Count > 0)
        {
            sb.Append("| severity | rule | scope | finding |\n|---|---|---|---|\n");
            foreach (var f in report.Findings)
            {
                var severity = f.IsWaived ? "waived " + ReportText.Severity(f.Severity) : ReportText.Severity(f.Severity);
                var text = Escape(f.Message) + (f.LinuxMessage is { } l ? "<br>Linux: `" + Escape(l) + "`" : string.Empty)
                    + (f.WaiverReason is { } w ? "<br>Waiver: " + Escape(w) : string.Empty);
                sb.Append("| ").Append(severity).Append(" | ").Append(f.RuleId).Append(" | ").Append(Escape(f.Scope)).Append(" | ").Append(text).Append(" |\n");
            }

            sb.Append('\n');
        }
        else
        {
            sb.Append("No findings.\n\n");
        }

        if (report.NotEvaluated.Count > 0)
        {
            sb.Append("Not evaluated:\n\n");
            foreach (var n in report.NotEvaluated)
            {
                sb.Append("- ").Append(n.RuleId).Append(' ').Append(ReportText.Title(n.RuleId)).Append(": ").Append(n.Reason).Append('\n');
            }

            sb.Append('\n');
        }

        sb.Append("Inputs: ").Append(string.Join(", ", report.Subject.Inputs.Select(i => "`" + i.Name + "`"))).Append('\n');
        return sb.ToString();
    }

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
