using FirmwarePlanner.Common;
using System.Text;
using FirmwarePlanner.Checks;

namespace FirmwarePlanner.Reports;

/// <summary>The terminal form: verdict first, then inputs, per-node memory, findings and rules not evaluated.</summary>
public static class TextReport
{
    public static string Render(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append("fwplan check ").Append(report.Subject.Name).Append(": ").Append(CheckReport.VerdictName(report.Verdict).ToUpperInvariant())
          .Append(" (fail on ").Append(ReportText.Severity(report.FailOn)).Append(")\n");
        sb.Append("inputs:\n");
        foreach (var i in report.Subject.Inputs)
        {
            sb.Append("  ").Append(i.Name).Append(": ").Append(i.Kind);
            if (i.Summary.Length > 0)
            {
                sb.Append(", ").Append(i.Summary);
            }

            sb.Append('\n');
        }

        if (report.Layout is { } layout)
        {
            sb.Append("memory").Append(layout.NumaUsed ? " (per SRAT node)" : " (one node: no usable SRAT)").Append(":\n");
            foreach (var n in layout.Nodes)
            {
                sb.Append("  ").Append(ReportText.NodeLine(n)).Append('\n');
            }

            sb.Append("  total: RAM ").Append(Sizes.Approx(layout.TotalRam)).Append(", mirrored ").Append(Sizes.Approx(layout.TotalMirrored))
              .Append(" (").Append(Sizes.Percent(layout.TotalMirrored, layout.TotalRam)).Append(")\n");
        }

        sb.Append("findings: ").Append(ReportText.Counts(report)).Append('\n');
        foreach (var f in report.Findings)
        {
            sb.Append("  ").Append(f.IsWaived ? "waived " : ReportText.Severity(f.Severity).PadRight(7)).Append(' ')
              .Append(f.RuleId).Append(' ').Append(f.Scope).Append(": ").Append(f.Message).Append('\n');
            if (f.LinuxMessage is { } linux)
            {
                sb.Append("          Linux: \"").Append(linux).Append("\"\n");
            }

            if (f.Location is { } at)
            {
                sb.Append("          at ").Append(at.ToString()).Append('\n');
            }

            if (f.WaiverReason is { } why)
            {
                sb.Append("          waived (").Append(ReportText.Severity(f.Severity)).Append("): ").Append(why).Append('\n');
            }
        }

        if (report.NotEvaluated.Count > 0)
        {
            sb.Append("not evaluated:\n");
            foreach (var n in report.NotEvaluated)
            {
                sb.Append("  ").Append(n.RuleId).Append(' ').Append(ReportText.Title(n.RuleId)).Append(": ").Append(n.Reason).Append('\n');
            }
        }

        return sb.ToString();
    }
}
