using FirmwarePlanner.Common;
using System.Globalization;
using System.Net;
using System.Text;
using FirmwarePlanner.Checks;

namespace FirmwarePlanner.Reports;

/// <summary>
/// One self-contained HTML page (inline CSS and SVG, no script, no network): verdict, the memory map (a lane per node,
/// each fitted to the page width, with the planner's placements when FP7004 ran it), per-node table, findings.
/// </summary>
public static class HtmlReport
{
    public static string Render(CheckReport report)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Render(w, report);
        return w.ToString();
    }

    public static void Render(TextWriter output, CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var verdict = CheckReport.VerdictName(report.Verdict);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>fwplan check ").Append(E(report.Subject.Name)).Append("</title>\n");
        sb.Append("<style>\nbody{font-family:sans-serif;margin:16px;color:#222;background:#fff}\n.verdict{display:inline-block;padding:2px 10px;border-radius:4px;color:#fff}\n")
          .Append(".pass{background:#2e7d32}.fail{background:#c62828}.unusable{background:#6d4c41}\n")
          .Append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}\n")
          .Append(".map{border:1px solid #ddd;padding:4px;max-width:100%;box-sizing:border-box}.map svg{display:block;max-width:100%;height:auto}\n")
          .Append(".legend span{display:inline-block;margin-right:14px}\n")
          .Append(".sw{display:inline-block;width:14px;height:14px;vertical-align:middle;margin-right:4px;border:1px solid #888}\n")
          .Append(".error{color:#c62828;font-weight:bold}.warning{color:#e65100;font-weight:bold}.note{color:#1565c0}.waived{color:#777;text-decoration:line-through}\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>fwplan check <code>").Append(E(report.Subject.Name)).Append("</code> <span class=\"verdict ").Append(verdict).Append("\">")
          .Append(verdict.ToUpperInvariant()).Append("</span></h1>\n");
        sb.Append("<p>Fail on ").Append(ReportText.Severity(report.FailOn)).Append("; ").Append(E(ReportText.Counts(report))).Append(".</p>\n");
        if (report.Layout is { } layout)
        {
            AppendMemory(sb, output, layout, report.Plan);
        }
        else
        {
            sb.Append("<p>No EFI memory map: no memory map drawn.</p>\n");
        }

        AppendFindings(sb, report);
        sb.Append("<h2>Inputs</h2>\n<ul>\n");
        foreach (var i in report.Subject.Inputs)
        {
            sb.Append("<li><code>").Append(E(i.Name)).Append("</code>: ").Append(E(i.Kind)).Append(i.Summary.Length > 0 ? ", " + E(i.Summary) : string.Empty).Append("</li>\n");
        }

        sb.Append("</ul>\n</body>\n</html>\n");
        output.Write(sb.ToString());
    }

    /// <summary>The map first (so every lane is on the first screen), then its legend, then the per-node table.</summary>
    private static void AppendMemory(StringBuilder sb, TextWriter output, Checks.MemoryLayout layout, Planning.PolicyPlan? plan)
    {
        sb.Append("<h2>Memory</h2>\n<div class=\"map\">\n");
        output.Write(sb.ToString());
        sb.Clear();
        MemoryMapSvg.Render(output, layout, plan);
        sb.Append("</div>\n<div class=\"legend\">");
        foreach (var (name, colour) in MemoryMapSvg.Legend.Concat(plan is null ? [] : MemoryMapSvg.PlanLegend))
        {
            var style = colour.StartsWith('#') ? "background:" + colour : "background:repeating-linear-gradient(45deg,#eee 0 3px,#999 3px 5px)";
            sb.Append("<span><i class=\"sw\" style=\"").Append(style).Append("\"></i>").Append(E(name)).Append("</span>");
        }

        sb.Append("<span><i class=\"sw\" style=\"border:2px dashed #000\"></i>hot-pluggable (dashed outline)</span>");
        if (plan is null)
        {
            sb.Append("<span>planned early allocations: not drawn (the planner runs for FP7004 only with kernelcore=mirror and some mirror)</span>");
        }

        sb.Append("</div>\n<table><tr><th>node</th><th>RAM</th><th>mirrored</th><th>share</th><th>hot-pluggable</th>")
          .Append(plan is null ? string.Empty : "<th>early need</th><th>placed in mirror</th><th>spilled</th>").Append("</tr>\n");
        foreach (var n in layout.Nodes)
        {
            sb.Append("<tr><td>").Append(n.Node.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(Sizes.Approx(n.RamBytes))
              .Append("</td><td>").Append(Sizes.Approx(n.MirroredBytes)).Append("</td><td>").Append(Sizes.Percent(n.MirroredBytes, n.RamBytes))
              .Append("</td><td>").Append(Sizes.Approx(n.HotpluggableBytes)).Append("</td>");
            if (plan?.Nodes.FirstOrDefault(r => r.Node == n.Node) is { } row)
            {
                sb.Append("<td>").Append(Sizes.Approx(row.EarlyNeed)).Append("</td><td>").Append(Sizes.Approx(row.PlacedInMirror))
                  .Append("</td><td>").Append(Sizes.Approx(row.Spilled)).Append("</td>");
            }
            else if (plan is not null)
            {
                sb.Append("<td></td><td></td><td></td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</table>\n");
    }

    private static void AppendFindings(StringBuilder sb, CheckReport report)
    {
        sb.Append("<h2>Findings</h2>\n");
        if (report.Findings.Count == 0)
        {
            sb.Append("<p>No findings.</p>\n");
        }
        else
        {
            sb.Append("<table><tr><th>severity</th><th>rule</th><th>scope</th><th>finding</th></tr>\n");
            foreach (var f in report.Findings)
            {
                var severity = ReportText.Severity(f.Severity);
                sb.Append("<tr class=\"").Append(f.IsWaived ? "waived" : severity).Append("\"><td>").Append(f.IsWaived ? "waived " + severity : severity)
                  .Append("</td><td>").Append(E(f.RuleId)).Append(' ').Append(E(ReportText.Title(f.RuleId))).Append("</td><td>").Append(E(f.Scope)).Append("</td><td>")
                  .Append(E(f.Message));
                if (f.LinuxMessage is { } l)
                {
                    sb.Append("<br>Linux: <code>").Append(E(l)).Append("</code>");
                }

                if (f.WaiverReason is { } w)
                {
                    sb.Append("<br>Waiver: ").Append(E(w));
                }

                sb.Append("</td></tr>\n");
            }

            sb.Append("</table>\n");
        }

        if (report.NotEvaluated.Count > 0)
        {
            sb.Append("<h2>Not evaluated</h2>\n<ul>\n");
            foreach (var n in report.NotEvaluated)
            {
                sb.Append("<li>").Append(E(n.RuleId)).Append(' ').Append(E(ReportText.Title(n.RuleId))).Append(": ").Append(E(n.Reason)).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
