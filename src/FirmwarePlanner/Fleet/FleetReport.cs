using FirmwarePlanner.Common;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FirmwarePlanner.Checks;
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

/// <summary>
/// <c>fwplan fleet</c> as a stream: each machine's row is written as soon as the scan hands it over (name order), its
/// result is folded into the <see cref="FleetSummary"/> (and the drift, when a baseline is given) and dropped; the
/// summary follows the rows. Memory stays flat in the number of machines. Deterministic: same fleet, same bytes.
/// </summary>
public static class FleetReport
{
    /// <summary>
    /// Scans <paramref name="machines"/> and writes the report to <paramref name="output"/>; <paramref name="each"/> is
    /// told of every machine after its row is written (progress, error lines). Returns the summary, whose
    /// <see cref="FleetSummary.ExitCode"/> is the fleet's exit code.
    /// </summary>
    public static FleetSummary Write(
        TextWriter output,
        FleetFormat format,
        IReadOnlyList<FleetMachine> machines,
        FleetScanOptions scan,
        IReadOnlyDictionary<string, BaselineMachine>? baseline = null,
        Action<FleetEntry>? each = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(machines);
        ArgumentNullException.ThrowIfNull(scan);
        var summary = new FleetSummary();
        var drift = baseline is null ? null : new FleetDriftTracker(baseline);
        using var writer = Rows(output, format);
        writer.Begin(machines.Count);
        FleetScan.Run(machines, scan.Jobs, scan.Machine, scan.Config, scan.FailOn, e =>
        {
            writer.Row(e);
            summary.Add(e);
            drift?.Observe(e);
            each?.Invoke(e);
        });
        writer.End(summary, drift?.Result());
        return summary;
    }

    private static FleetRowWriter Rows(TextWriter output, FleetFormat format) => format switch
    {
        FleetFormat.Json => new JsonRows(output),
        FleetFormat.Csv => new CsvRows(output),
        FleetFormat.Markdown => new MarkdownRows(output),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    internal static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    internal static string ErrorOf(FleetEntry e) =>
        e.Error ?? (e.Outcome is { Usable: false } ? "no EFI memory map and no SRAT" : string.Empty);

    /// <summary>One format: a header, one row per machine, then the summary.</summary>
    private abstract class FleetRowWriter : IDisposable
    {
        public abstract void Begin(int machines);

        public abstract void Row(FleetEntry e);

        public abstract void End(FleetSummary s, FleetDrift? drift);

        public virtual void Dispose()
        {
        }
    }

    private sealed class JsonRows(TextWriter output) : FleetRowWriter
    {
        private readonly ArrayBufferWriter<byte> buffer = new(16 * 1024);
        private Utf8JsonWriter? w;

        private Utf8JsonWriter W => w ??= new Utf8JsonWriter(buffer, JsonText.Options);

        public override void Begin(int machines)
        {
            W.WriteStartObject();
            W.WriteNumber("schemaVersion", FleetSummary.SchemaVersion);
            W.WriteNumber("machines", machines);
            W.WriteStartArray("results");
            Drain();
        }

        public override void Row(FleetEntry e)
        {
            var j = W;
            j.WriteStartObject();
            j.WriteString("machine", e.Name);
            j.WriteString("verdict", FleetSummary.VerdictOf(e));
            j.StringOrNull("error", ErrorOf(e) is { Length: > 0 } err ? err : null);
            j.WriteNumber("errors", FleetSummary.Count(e, Severity.Error));
            j.WriteNumber("warnings", FleetSummary.Count(e, Severity.Warning));
            j.WriteNumber("notes", FleetSummary.Count(e, Severity.Note));
            j.WriteNumber("waived", e.Outcome?.Waived ?? 0);
            j.WriteStartArray("findings");
            foreach (var k in FleetSummary.FindingKeys(e))
            {
                j.WriteStringValue(k);
            }

            j.WriteEndArray();
            j.WriteEndObject();
            Drain();
        }

        public override void End(FleetSummary s, FleetDrift? drift)
        {
            var j = W;
            j.WriteEndArray();
            j.WriteStartObject("verdicts");
            j.WriteNumber("pass", s.Pass);
            j.WriteNumber("fail", s.Fail);
            j.WriteNumber("unusable", s.Unusable);
            j.WriteEndObject();
            j.WriteStartArray("rules");
            foreach (var r in s.Rules)
            {
                j.WriteStartObject();
                j.WriteString("ruleId", r.RuleId);
                j.WriteString("title", ReportText.Title(r.RuleId));
                j.WriteNumber("machines", r.Machines);
                j.WriteNumber("findings", r.Findings);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteNumber("mirrorShortfallNodes", s.ShortfallNodes);
            j.WriteStartArray("mirrorShortfalls");
            foreach (var n in s.Shortfalls)
            {
                j.WriteStartObject();
                j.WriteString("machine", n.Machine);
                j.WriteNumber("node", n.Node);
                j.WriteNumber("ramBytes", n.RamBytes);
                j.WriteNumber("mirroredBytes", n.MirroredBytes);
                j.WriteNumber("proportionalShortfallBytes", n.ShortfallBytes);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            if (drift is not null)
            {
                j.WriteStartObject("drift");
                Strings(j, "added", drift.Added);
                Strings(j, "removed", drift.Removed);
                j.WriteStartArray("changed");
                foreach (var c in drift.Changed)
                {
                    j.WriteStartObject();
                    j.WriteString("machine", c.Machine);
                    j.WriteString("verdictBefore", c.Before);
                    j.WriteString("verdictAfter", c.After);
                    Strings(j, "newFindings", c.New);
                    Strings(j, "resolvedFindings", c.Resolved);
                    j.WriteEndObject();
                }

                j.WriteEndArray();
                j.WriteEndObject();
            }

            j.WriteEndObject();
            Drain();
            output.Write('\n');
        }

        public override void Dispose()
        {
            w?.Dispose();
            base.Dispose();
        }

        private static void Strings(Utf8JsonWriter j, string name, IEnumerable<string> values)
        {
            j.WriteStartArray(name);
            foreach (var v in values)
            {
                j.WriteStringValue(v);
            }

            j.WriteEndArray();
        }

        /// <summary>Hands what the JSON writer produced to the output and reuses the buffer.</summary>
        private void Drain()
        {
            W.Flush();
            output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
            buffer.ResetWrittenCount();
        }
    }

    private sealed class CsvRows(TextWriter output) : FleetRowWriter
    {
        public override void Begin(int machines) =>
            output.Write("machine,verdict,errors,warnings,notes,waived,ram_bytes,mirrored_bytes,findings,error\n");

        public override void Row(FleetEntry e)
        {
            var outcome = e.Outcome;
            output.Write(Field(e.Name));
            output.Write(',');
            output.Write(FleetSummary.VerdictOf(e));
            foreach (var n in (ReadOnlySpan<int>)[FleetSummary.Count(e, Severity.Error), FleetSummary.Count(e, Severity.Warning), FleetSummary.Count(e, Severity.Note), e.Outcome?.Waived ?? 0])
            {
                output.Write(',');
                output.Write(N(n));
            }

            output.Write(',');
            output.Write(outcome?.TotalRam is { } ram ? ram.ToString(CultureInfo.InvariantCulture) : string.Empty);
            output.Write(',');
            output.Write(outcome?.TotalMirrored is { } mirrored ? mirrored.ToString(CultureInfo.InvariantCulture) : string.Empty);
            output.Write(',');
            output.Write(Field(string.Join(';', FleetSummary.FindingKeys(e))));
            output.Write(',');
            output.Write(Field(e.Error ?? string.Empty));
            output.Write('\n');
        }

        public override void End(FleetSummary s, FleetDrift? drift)
        {
        }

        private static string Field(string s) =>
            s.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }

    private sealed class MarkdownRows(TextWriter output) : FleetRowWriter
    {
        public override void Begin(int machines)
        {
            output.Write("## fwplan fleet: " + N(machines) + " machines\n\n");
            output.Write("| machine | verdict | errors | warnings | notes | waived |\n|---|---|---:|---:|---:|---:|\n");
        }

        public override void Row(FleetEntry e) =>
            output.Write("| " + e.Name + " | " + FleetSummary.VerdictOf(e) + (e.Error is { } err ? " (" + err.Replace("|", "\\|", StringComparison.Ordinal) + ")" : string.Empty) +
                " | " + N(FleetSummary.Count(e, Severity.Error)) + " | " + N(FleetSummary.Count(e, Severity.Warning)) +
                " | " + N(FleetSummary.Count(e, Severity.Note)) + " | " + N(e.Outcome?.Waived ?? 0) + " |\n");

        public override void End(FleetSummary s, FleetDrift? drift)
        {
            var sb = new StringBuilder();
            sb.Append("\n| pass | fail | unusable |\n|---:|---:|---:|\n| ").Append(N(s.Pass)).Append(" | ").Append(N(s.Fail)).Append(" | ").Append(N(s.Unusable)).Append(" |\n");
            if (s.Rules.Count > 0)
            {
                sb.Append("\n| rule | title | machines | findings |\n|---|---|---:|---:|\n");
                foreach (var r in s.Rules)
                {
                    sb.Append("| ").Append(r.RuleId).Append(" | ").Append(ReportText.Title(r.RuleId)).Append(" | ").Append(N(r.Machines)).Append(" | ").Append(N(r.Findings)).Append(" |\n");
                }
            }

            if (s.Shortfalls.Count > 0)
            {
                sb.Append("\n| machine | node | RAM | mirrored | below proportional share |\n|---|---:|---:|---:|---:|\n");
                foreach (var n in s.Shortfalls)
                {
                    sb.Append("| ").Append(n.Machine).Append(" | ").Append(N(n.Node)).Append(" | ").Append(Sizes.Approx(n.RamBytes)).Append(" | ")
                      .Append(Sizes.Approx(n.MirroredBytes)).Append(" | ").Append(Sizes.Approx(n.ShortfallBytes)).Append(" |\n");
                }

                if (s.ShortfallNodes > s.Shortfalls.Count)
                {
                    sb.Append("\n(the ").Append(N(s.Shortfalls.Count)).Append(" largest of ").Append(N(s.ShortfallNodes)).Append(" nodes below their share)\n");
                }
            }

            if (drift is not null)
            {
                AppendDrift(sb, drift);
            }

            output.Write(sb.ToString());
        }

        private static void AppendDrift(StringBuilder sb, FleetDrift drift)
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
    }
}

/// <summary>How a fleet is checked: workers, machine options, configuration and the severity that fails a machine.</summary>
public sealed record FleetScanOptions(int Jobs, Pipeline.AnalysisOptions Machine, CheckConfig Config, Severity FailOn);
