using System.Globalization;
using System.Text;
using System.Xml;
using FirmwarePlanner.Checks;

namespace FirmwarePlanner.Reports;

/// <summary>
/// JUnit XML (the Jenkins/Ant form CI systems read): one test case per rule. A rule fails when it has a
/// finding at or above the fail-on severity that no waiver covers; a rule that could not be evaluated is
/// skipped; findings below the threshold and waived ones go to the case's <c>system-out</c>.
/// </summary>
public static class JunitReport
{
    public static string Render(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cases = Cases(report);
        var failures = cases.Count(c => c.Failing.Count > 0);
        var skipped = cases.Count(c => c.Skipped is not null);
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = false }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", "fwplan check");
            w.WriteAttributeString("tests", N(cases.Count));
            w.WriteAttributeString("failures", N(failures));
            w.WriteAttributeString("errors", "0");
            w.WriteStartElement("testsuite");
            w.WriteAttributeString("name", "fwplan check " + report.Subject.Name);
            w.WriteAttributeString("tests", N(cases.Count));
            w.WriteAttributeString("failures", N(failures));
            w.WriteAttributeString("errors", "0");
            w.WriteAttributeString("skipped", N(skipped));
            w.WriteStartElement("properties");
            Property(w, "verdict", CheckReport.VerdictName(report.Verdict));
            Property(w, "failOn", ReportText.Severity(report.FailOn));
            Property(w, "tool", ReportText.ToolName + " " + ReportText.ToolVersion);
            w.WriteEndElement();
            foreach (var c in cases)
            {
                WriteCase(w, report, c);
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }

        // XmlWriter over a StringBuilder declares utf-16; the file is written as UTF-8.
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }

    private sealed record Case(string RuleId, List<Finding> Failing, List<Finding> Other, string? Skipped);

    private static List<Case> Cases(CheckReport report)
    {
        var ids = CheckRules.All.Select(r => r.Id)
            .Where(id => !report.Disabled.Contains(id))
            .Concat(report.Findings.Select(f => f.RuleId))
            .Distinct()
            .Order(StringComparer.Ordinal);
        var cases = new List<Case>();
        foreach (var id in ids)
        {
            var findings = report.Findings.Where(f => f.RuleId == id).ToList();
            var failing = findings.Where(f => !f.IsWaived && f.Severity >= report.FailOn).ToList();
            var skipped = report.NotEvaluated.FirstOrDefault(n => n.RuleId == id)?.Reason;
            cases.Add(new Case(id, failing, findings.Except(failing).ToList(), skipped));
        }

        return cases;
    }

    private static void WriteCase(XmlWriter w, CheckReport report, Case c)
    {
        w.WriteStartElement("testcase");
        w.WriteAttributeString("classname", "fwplan.check." + report.Subject.Name);
        w.WriteAttributeString("name", c.RuleId + " " + ReportText.Title(c.RuleId));
        if (c.Skipped is { } reason)
        {
            w.WriteStartElement("skipped");
            w.WriteAttributeString("message", "not evaluated: " + reason);
            w.WriteEndElement();
        }

        foreach (var f in c.Failing)
        {
            w.WriteStartElement("failure");
            w.WriteAttributeString("type", ReportText.Severity(f.Severity));
            w.WriteAttributeString("message", f.Scope + ": " + f.Message);
            w.WriteString(Detail(f));
            w.WriteEndElement();
        }

        if (c.Other.Count > 0)
        {
            w.WriteElementString("system-out", string.Join("\n", c.Other.Select(f =>
                (f.IsWaived ? "waived " : string.Empty) + ReportText.Severity(f.Severity) + " " + f.Scope + ": " + f.Message +
                (f.WaiverReason is { } why ? " (waiver: " + why + ")" : string.Empty))));
        }

        w.WriteEndElement();
    }

    private static string Detail(Finding f)
    {
        var sb = new StringBuilder(f.Message);
        if (f.LinuxMessage is { } l)
        {
            sb.Append("\nLinux: ").Append(l);
        }

        if (f.Location is { } at)
        {
            sb.Append("\nat ").Append(at.ToString());
        }

        return sb.ToString();
    }

    private static void Property(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("property");
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("value", value);
        w.WriteEndElement();
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
