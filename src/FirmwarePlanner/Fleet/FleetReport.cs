using FirmwarePlanner.Common;
using System.Globalization;
using System.Text;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Reports;

namespace FirmwarePlanner.Fleet;

/// <summary>The output formats of <c>fwplan fleet</c>.</summary>
public enum FleetFormat
{
    Json,
    Csv,
    Markdown,
}

/// <summary>Renders a <see cref="FleetSummary"/> (and drift against a baseline, when given). Deterministic.</summary>
public static class FleetReport
{
    public static string Render(FleetSummary summary, FleetFormat format, FleetDrift? drift = null) => format switch
    {
        FleetFormat.Json => Json(summary, drift),
        FleetFormat.Csv => Csv(summary),
        FleetFormat.Markdown => Markdown(summary, drift),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static string Json(FleetSummary s, FleetDrift? drift) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", FleetSummary.SchemaVersion);
        w.WriteNumber("machines", s.Entries.Count);
        w.WriteStartObject("verdicts");
        w.WriteNumber("pass", s.Pass);
        w.WriteNumber("fail", s.Fail);
        w.WriteNumber("unusable", s.Unusable);
        w.WriteEndObject();
        w.WriteStartArray("rules");
        foreach (var r in s.Rules)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", r.RuleId);
            w.WriteString("title", ReportText.Title(r.RuleId));
            w.WriteNumber("machines", r.Machines);
            w.WriteNumber("findings", r.Findings);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("mirrorShortfalls");
        foreach (var n in s.Shortfalls)
        {
            w.WriteStartObject();
            w.WriteString("machine", n.Machine);
            w.WriteNumber("node", n.Node);
            w.WriteNumber("ramBytes", n.RamBytes);
            w.WriteNumber("mirroredBytes", n.MirroredBytes);
            w.WriteNumber("proportionalShortfallBytes", n.ShortfallBytes);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("results");
        foreach (var e in s.Entries)
        {
            w.WriteStartObject();
            w.WriteString("machine", e.Name);
            w.WriteString("verdict", FleetSummary.VerdictOf(e));
            w.StringOrNull("error", e.Error ?? (e.Report is { Usable: false } ? "no EFI memory map and no SRAT" : null));
            w.WriteNumber("errors", FleetSummary.Count(e, Severity.Error));
            w.WriteNumber("warnings", FleetSummary.Count(e, Severity.Warning));
            w.WriteNumber("notes", FleetSummary.Count(e, Severity.Note));
            w.WriteNumber("waived", e.Report?.Waived ?? 0);
            w.WriteStartArray("findings");
            foreach (var k in FleetSummary.FindingKeys(e))
            {
                w.WriteStringValue(k);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (drift is not null)
        {
            w.WriteStartObject("drift");
            Strings(w, "added", drift.Added);
            Strings(w, "removed", drift.Removed);
            w.WriteStartArray("changed");
            foreach (var c in drift.Changed)
            {
                w.WriteStartObject();
                w.WriteString("machine", c.Machine);
                w.WriteString("verdictBefore", c.Before);
                w.WriteString("verdictAfter", c.After);
                Strings(w, "newFindings", c.New);
                Strings(w, "resolvedFindings", c.Resolved);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    });

    private static void Strings(System.Text.Json.Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static string Csv(FleetSummary s)
    {
        var sb = new StringBuilder("machine,verdict,errors,warnings,notes,waived,ram_bytes,mirrored_bytes,findings,error\n");
        foreach (var e in s.Entries)
        {
            var layout = e.Report?.Layout;
            sb.Append(Field(e.Name)).Append(',').Append(FleetSummary.VerdictOf(e)).Append(',')
              .Append(N(FleetSummary.Count(e, Severity.Error))).Append(',').Append(N(FleetSummary.Count(e, Severity.Warning))).Append(',')
              .Append(N(FleetSummary.Count(e, Severity.Note))).Append(',').Append(N(e.Report?.Waived ?? 0)).Append(',')
              .Append(layout is null ? string.Empty : layout.TotalRam.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(layout is null ? string.Empty : layout.TotalMirrored.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(Field(string.Join(';', FleetSummary.FindingKeys(e)))).Append(',').Append(Field(e.Error ?? string.Empty)).Append('\n');
        }

        return sb.ToString();
    }

    private static string Markdown(FleetSummary s, FleetDrift? drift)
    {
        var sb = new StringBuilder();
        sb.Append("## fwplan fleet: ").Append(N(s.Entries.Count)).Append(" machines\n\n");
        sb.Append("| pass | fail | unusable |\n|---:|---:|---:|\n| ").Append(N(s.Pass)).Append(" | ").Append(N(s.Fail)).Append(" | ").Append(N(s.Unusable)).Append(" |\n\n");
        if (s.Rules.Count > 0)
        {
            sb.Append("| rule | title | machines | findings |\n|---|---|---:|---:|\n");
            foreach (var r in s.Rules)
            {
                sb.Append("| ").Append(r.RuleId).Append(" | ").Append(ReportText.Title(r.RuleId)).Append(" | ").Append(N(r.Machines)).Append(" | ").Append(N(r.Findings)).Append(" |\n");
            }

            sb.Append('\n');
        }

        if (s.Shortfalls.Count > 0)
        {
            sb.Append("| machine | node | RAM | mirrored | below proportional share |\n|---|---:|---:|---:|---:|\n");
            foreach (var n in s.Shortfalls)
            {
                sb.Append("| ").Append(n.Machine).Append(" | ").Append(N(n.Node)).Append(" | ").Append(Common.Sizes.Approx(n.RamBytes)).Append(" | ")
                  .Append(Common.Sizes.Approx(n.MirroredBytes)).Append(" | ").Append(Common.Sizes.Approx(n.ShortfallBytes)).Append(" |\n");
            }

            sb.Append('\n');
        }

        sb.Append("| machine | verdict | errors | warnings | notes | waived |\n|---|---|---:|---:|---:|---:|\n");
        foreach (var e in s.Entries)
        {
            sb.Append("| ").Append(e.Name).Append(" | ").Append(FleetSummary.VerdictOf(e)).Append(e.Error is { } err ? " (" + err.Replace("|", "\\|", StringComparison.Ordinal) + ")" : string.Empty)
              .Append(" | ").Append(N(FleetSummary.Count(e, Severity.Error))).Append(" | ").Append(N(FleetSummary.Count(e, Severity.Warning)))
              .Append(" | ").Append(N(FleetSummary.Count(e, Severity.Note))).Append(" | ").Append(N(e.Report?.Waived ?? 0)).Append(" |\n");
        }

        if (drift is not null)
        {
            sb.Append("\n### Drift against the baseline\n\n");
            if (!drift.Any)
            {
                sb.Append("No change.\n");
            }

            foreach (var a in drift.Added)
            {
                sb.Append("- added: ").Append(a).Append('\n');
            }

            foreach (var r in drift.Removed)
            {
                sb.Append("- removed: ").Append(r).Append('\n');
            }

            foreach (var c in drift.Changed)
            {
                sb.Append("- ").Append(c.Machine).Append(": ").Append(c.Before).Append(" → ").Append(c.After);
                if (c.New.Count > 0)
                {
                    sb.Append("; new ").Append(string.Join(", ", c.New));
                }

                if (c.Resolved.Count > 0)
                {
                    sb.Append("; resolved ").Append(string.Join(", ", c.Resolved));
                }

                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Field(string s) =>
        s.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
