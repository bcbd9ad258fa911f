using System.Globalization;
using System.Text;
using FirmwarePlanner.Reports;
using FirmwarePlanner.Reports.Verify;
using FirmwarePlanner.Verification;

namespace FirmwarePlanner.Fleet;

/// <summary>The fleet verification in the format asked for: json, csv (machine, group, status), markdown or junit.</summary>
public static class FleetVerifyReport
{
    public static IReadOnlyList<string> Formats { get; } = ["json", "csv", "markdown", "junit"];

    public static string Render(FleetVerification fleet, string format)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return format switch
        {
            "csv" => Csv(fleet),
            "markdown" => Markdown(fleet),
            "junit" => VerifyJunit.Render(fleet.Machines, "fwplan fleet --verify"),
            _ => Json(fleet),
        };
    }

    private static string Json(FleetVerification fleet) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", VerifyJson.SchemaVersion);
        w.WriteString("tool", ReportText.ToolName + " " + ReportText.ToolVersion);
        w.WriteStartObject("summary");
        w.WriteNumber("machines", fleet.Machines.Count);
        w.WriteNumber("identical", fleet.Identical);
        w.WriteNumber("different", fleet.Different);
        w.WriteNumber("unusable", fleet.Unusable);
        w.WriteNumber("exitCode", fleet.ExitCode);
        w.WriteEndObject();
        w.WriteStartArray("groups");
        foreach (var g in fleet.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.Group.Id());
            w.WriteNumber("identical", g.Identical);
            w.WriteNumber("different", g.Different);
            w.WriteNumber("notComparable", g.NotComparable);
            w.WriteStartArray("differentOn");
            foreach (var m in g.DifferentOn)
            {
                w.WriteStringValue(m);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("machines");
        foreach (var m in fleet.Machines)
        {
            VerifyJson.Write(w, m);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static string Csv(FleetVerification fleet)
    {
        var sb = new StringBuilder("machine,group,status\n");
        foreach (var m in fleet.Machines)
        {
            if (m.Unusable is not null)
            {
                sb.Append(Field(m.Machine)).Append(",inputs,unusable\n");
            }

            foreach (var g in m.Groups)
            {
                sb.Append(Field(m.Machine)).Append(',').Append(g.Group.Id()).Append(',').Append(VerifyJson.Status(g.Status)).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string Markdown(FleetVerification fleet)
    {
        var sb = new StringBuilder();
        sb.Append("## fwplan fleet --verify\n\n").Append(CultureInfo.InvariantCulture,
            $"{fleet.Machines.Count} machines: {fleet.Identical} as predicted, {fleet.Different} with a difference, {fleet.Unusable} unusable.\n\n");
        sb.Append("| group | identical | different | not comparable | machines where it differs |\n| --- | --- | --- | --- | --- |\n");
        foreach (var g in fleet.Groups)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {g.Group.Id()} | {g.Identical} | {g.Different} | {g.NotComparable} | {string.Join(", ", g.DifferentOn)} |\n");
        }

        var unusable = fleet.Machines.Where(m => m.Unusable is not null).ToArray();
        if (unusable.Length > 0)
        {
            sb.Append("\nUnusable:\n\n");
            foreach (var m in unusable)
            {
                sb.Append("- ").Append(m.Machine).Append(": ").Append(m.Unusable).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string Field(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal)
        ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
