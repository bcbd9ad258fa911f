using System.Globalization;
using System.Text;
using System.Xml;
using FirmwarePlanner.Verification;

namespace FirmwarePlanner.Reports.Verify;

/// <summary>
/// The verification as JUnit XML: one test suite per machine, one test case per group; a different group is a
/// failure carrying its diff, a group not comparable is skipped with its reason.
/// </summary>
public static class VerifyJunit
{
    public static string Render(IReadOnlyList<BootVerification> machines, string name)
    {
        ArgumentNullException.ThrowIfNull(machines);
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n" }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", name);
            w.WriteAttributeString("tests", N(machines.Sum(m => m.Groups.Count)));
            w.WriteAttributeString("failures", N(machines.Sum(m => m.Count(VerifyStatus.Different))));
            w.WriteAttributeString("errors", N(machines.Count(m => m.Unusable is not null)));
            foreach (var m in machines)
            {
                w.WriteStartElement("testsuite");
                w.WriteAttributeString("name", "fwplan verify " + m.Machine);
                w.WriteAttributeString("tests", N(m.Groups.Count));
                w.WriteAttributeString("failures", N(m.Count(VerifyStatus.Different)));
                w.WriteAttributeString("errors", m.Unusable is null ? "0" : "1");
                w.WriteAttributeString("skipped", N(m.Count(VerifyStatus.NotComparable)));
                w.WriteStartElement("properties");
                Property(w, "kernel", m.Kernel);
                Property(w, "tool", ReportText.ToolName + " " + ReportText.ToolVersion);
                w.WriteEndElement();
                if (m.Unusable is { } why)
                {
                    w.WriteStartElement("testcase");
                    w.WriteAttributeString("classname", "fwplan.verify." + m.Machine);
                    w.WriteAttributeString("name", "inputs");
                    w.WriteStartElement("error");
                    w.WriteAttributeString("message", why);
                    w.WriteEndElement();
                    w.WriteEndElement();
                }

                foreach (var g in m.Groups)
                {
                    w.WriteStartElement("testcase");
                    w.WriteAttributeString("classname", "fwplan.verify." + m.Machine);
                    w.WriteAttributeString("name", g.Group.Id() + " " + g.Group.Title());
                    if (g.Status == VerifyStatus.Different)
                    {
                        w.WriteStartElement("failure");
                        w.WriteAttributeString("message", $"{g.Group.Title()}: the kernel's lines differ from the prediction");
                        w.WriteString(VerifyText.DiffText(g));
                        w.WriteEndElement();
                    }
                    else if (g.Status == VerifyStatus.NotComparable)
                    {
                        w.WriteStartElement("skipped");
                        w.WriteAttributeString("message", g.Reason ?? "not comparable");
                        w.WriteEndElement();
                    }

                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
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
