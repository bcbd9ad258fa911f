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
            Attr(w, "name", "fwplan check");
            Attr(w, "tests", N(cases.Count));
            Attr(w, "failures", N(failures));
            Attr(w, "errors", "0");
            w.WriteStartElement("testsuite");
            Attr(w, "name", "fwplan check " + report.Subject.Name);
            Attr(w, "tests", N(cases.Count));
            Attr(w, "failures", N(failures));
            Attr(w, "errors", "0");
            Attr(w, "skipped", N(skipped));
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
        Attr(w, "classname", "fwplan.check." + report.Subject.Name);
        Attr(w, "name", c.RuleId + " " + ReportText.Title(c.RuleId));
        if (c.Skipped is { } reason)
        {
            w.WriteStartElement("skipped");
            Attr(w, "message", "not evaluated: " + reason);
            w.WriteEndElement();
        }

        foreach (var f in c.Failing)
        {
            w.WriteStartElement("failure");
            Attr(w, "type", ReportText.Severity(f.Severity));
            Attr(w, "message", f.Scope + ": " + f.Message);
            w.WriteString(XmlSafe(Detail(f)));
            w.WriteEndElement();
        }

        if (c.Other.Count > 0)
        {
            w.WriteElementString("system-out", XmlSafe(string.Join("\n", c.Other.Select(f =>
                (f.IsWaived ? "waived " : string.Empty) + ReportText.Severity(f.Severity) + " " + f.Scope + ": " + f.Message +
                (f.WaiverReason is { } why ? " (waiver: " + why + ")" : string.Empty)))));
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
        Attr(w, "name", name);
        Attr(w, "value", value);
        w.WriteEndElement();
    }

    private static void Attr(XmlWriter w, string name, string value) => w.WriteAttributeString(name, XmlSafe(value));

    /// <summary>
    /// XML 1.0 cannot carry most control characters or a lone surrogate, even as character references, and
    /// document names, scopes and messages come from the input: each such character is written as the text
    /// <c>\uXXXX</c> instead, so the report stays well-formed whatever the input held.
    /// </summary>
    internal static string XmlSafe(string value)
    {
        var sb = (StringBuilder?)null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (XmlConvert.IsXmlChar(c))
            {
                sb?.Append(c);
                continue;
            }

            if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], c))
            {
                sb?.Append(c).Append(value[i + 1]);
                i++;
                continue;
            }

            sb ??= new StringBuilder(value, 0, i, value.Length + 16);
            sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }

        return sb?.ToString() ?? value;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
