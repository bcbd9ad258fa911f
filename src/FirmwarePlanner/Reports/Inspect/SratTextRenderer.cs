using FirmwarePlanner.Acpi;
using System.Globalization;
using FirmwarePlanner.Binary;
using System.Text;
using FirmwarePlanner.Acpi.Input;
using FirmwarePlanner.Acpi.Slit;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Numa;

namespace FirmwarePlanner.Reports.Inspect;

/// <summary>Plain-text views of ACPI inputs, SRAT, SLIT and Linux's reading of them (deterministic, invariant culture).</summary>
public static class SratTextRenderer
{
    /// <summary>One line per table: signature, length, revision, OEM ids, checksum state, format, source line.</summary>
    public static string TableList(AcpiTableSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{set.Kind}: {set.Tables.Length} table(s)\n");
        foreach (var t in set.Tables)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {t.Signature,-4} ");
            if (t.Header is { } h)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"len {h.Length,7} (0x{h.Length:X5}) have {t.Bytes.Length,7} rev {h.Revision} \"{h.OemId}\" \"{h.OemTableId}\" 0x{h.OemRevision:X8} \"{h.AslCompilerId}\" 0x{h.AslCompilerRevision:X8} checksum {(t.ChecksumValid ? "ok" : "BAD")}");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"{t.Bytes.Length,7} bytes, no common header");
            }

            sb.Append(CultureInfo.InvariantCulture, $" [{t.Format}{(t.Line is { } l ? ", line " + l.ToString(CultureInfo.InvariantCulture) : string.Empty)}]\n");
        }

        return sb.ToString();
    }

    /// <summary>SRAT header summary and one line per subtable with its offset and decoded fields.</summary>
    public static string SubtableLines(SratTable srat)
    {
        var sb = new StringBuilder();
        AppendSubtableLines(sb, srat);
        return sb.ToString();
    }

    /// <summary><see cref="SubtableLines"/> appended to <paramref name="sb"/>, with no string per subtable.</summary>
    public static void AppendSubtableLines(StringBuilder sb, SratTable srat) => WriteSubtableLines(sb, null, srat);

    /// <summary>
    /// <see cref="SubtableLines"/> appended to <paramref name="sb"/>, which is handed to <paramref name="output"/> (when
    /// given) each time it fills: a buffer, not the whole text.
    /// </summary>
    public static void WriteSubtableLines(StringBuilder sb, TextWriter? output, SratTable srat)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(srat);
        var h = srat.Header;
        sb.Append(CultureInfo.InvariantCulture,
            $"SRAT rev {h.Revision} len {h.Length} \"{h.OemId}\" \"{h.OemTableId}\" table-revision {srat.TableRevision}, {srat.Subtables.Length} subtables, walk end 0x{srat.WalkEnd:X}\n");
        var headers = srat.Subtables.Headers;
        for (var i = 0; i < headers.Length; i++)
        {
            var at = headers[i];
            sb.Append(CultureInfo.InvariantCulture, $"  #{i,-4} @0x{at.Offset:X4} t{at.Type} len {at.Length,-3} ");
            if (at.Type == SratSubtableTypes.X2ApicAffinity && srat.Subtables.FieldBytes(i) is { IsEmpty: false } x)
            {
                // Tens of thousands of these in a big table: read in place, the same line as the record's.
                AppendX2Apic(sb, x);
            }
            else if (at.Type == SratSubtableTypes.MemoryAffinity && srat.Subtables.FieldBytes(i) is { IsEmpty: false } m)
            {
                AppendMemory(sb, m);
            }
            else
            {
                AppendDescription(sb, srat.Subtables[i], srat.Revision);
            }

            sb.Append('\n');
            if (output is not null)
            {
                TextSpool.DrainIfFull(sb, output);
            }
        }
    }

    /// <summary>A subtable's fields in one line.</summary>
    public static string Describe(SratSubtable s, byte revision)
    {
        var sb = new StringBuilder();
        AppendDescription(sb, s, revision);
        return sb.ToString();
    }

    private static void AppendDescription(StringBuilder sb, SratSubtable s, byte revision)
    {
        ArgumentNullException.ThrowIfNull(s);
        var inv = CultureInfo.InvariantCulture;
        _ = s switch
        {
            SratCpuAffinity c => sb.Append(inv, $"LAPIC  pxm {c.ProximityDomain(revision)} apic 0x{c.ApicId:X2} sapic-eid {c.LocalSapicEid} clock {c.ClockDomain} {En(c.Enabled)}"),
            SratMemoryAffinity m => AppendMemory(sb, m.ProximityDomain, m.BaseAddress, m.AddressLength, m.Flags),
            SratX2ApicAffinity x => AppendX2Apic(sb, x.ProximityDomain, x.X2ApicId, x.ClockDomain, x.Flags),
            SratGiccAffinity g => sb.Append(inv, $"GICC   pxm {g.ProximityDomain} uid {g.AcpiProcessorUid} clock {g.ClockDomain} {En(g.Enabled)}"),
            SratGicItsAffinity i => sb.Append(inv, $"ITS    pxm {i.ProximityDomain} its-id {i.ItsId}"),
            SratGenericAffinity gi => sb.Append(inv, $"{(gi.IsPort ? "GPORT " : "GINIT ")} pxm {gi.ProximityDomain} handle-type {gi.DeviceHandleType} handle {Convert.ToHexString(gi.DeviceHandle.AsSpan())} flags 0x{(uint)gi.Flags:X} {En(gi.Enabled)}"),
            SratRintcAffinity r => sb.Append(inv, $"RINTC  pxm {r.ProximityDomain} uid {r.AcpiProcessorUid} clock {r.ClockDomain} {En(r.Enabled)}"),
            SratRawSubtable raw => sb.Append(inv, $"RAW    {(raw.Truncated ? "truncated " : string.Empty)}{SratSubtableTypes.Name(raw.Type)} {Convert.ToHexString(raw.Bytes.AsSpan())}"),
            _ => sb.Append('?'),
        };
    }

    /// <summary>An x2APIC entry's line from its 24 bytes <paramref name="x"/> (no record).</summary>
    private static void AppendX2Apic(StringBuilder sb, ReadOnlySpan<byte> x)
    {
        var r = new ByteReader(x);
        AppendX2Apic(sb, r.U32(SratX2ApicAffinityLayout.ProximityDomain), r.U32(SratX2ApicAffinityLayout.ApicId),
            r.U32(SratX2ApicAffinityLayout.ClockDomain), (SratAffinityBits)r.U32(SratX2ApicAffinityLayout.Flags));
    }

    private static StringBuilder AppendX2Apic(StringBuilder sb, uint pxm, uint id, uint clock, SratAffinityBits flags) =>
        sb.Append(CultureInfo.InvariantCulture, $"X2APIC pxm {pxm} x2apic 0x{id:X} clock {clock} {En((flags & SratAffinityBits.Enabled) != 0)}");

    /// <summary>A memory entry's line from its 40 bytes <paramref name="m"/> (no record).</summary>
    private static void AppendMemory(StringBuilder sb, ReadOnlySpan<byte> m)
    {
        var r = new ByteReader(m);
        AppendMemory(sb, r.U32(SratMemoryAffinityLayout.ProximityDomain), r.U64(SratMemoryAffinityLayout.BaseAddress),
            r.U64(SratMemoryAffinityLayout.Length), (SratMemoryBits)r.U32(SratMemoryAffinityLayout.Flags));
    }

    private static StringBuilder AppendMemory(StringBuilder sb, uint pxm, ulong start, ulong length, SratMemoryBits flags)
    {
        sb.Append(CultureInfo.InvariantCulture, $"MEMORY pxm {pxm} base 0x{start:X} len 0x{length:X} (");
        Sizes.AppendHuman(sb, length);
        sb.Append(CultureInfo.InvariantCulture, $") flags 0x{(uint)flags:X} {En((flags & SratMemoryBits.Enabled) != 0)}");
        return sb.Append((flags & SratMemoryBits.HotPluggable) != 0 ? " hotplug" : string.Empty)
            .Append((flags & SratMemoryBits.NonVolatile) != 0 ? " non-volatile" : string.Empty);
    }

    /// <summary>iasl-style field dump of the whole SRAT (header, fixed part, each subtable through its layout).</summary>
    public static string FieldDump(SratTable srat)
    {
        ArgumentNullException.ThrowIfNull(srat);
        var sb = new StringBuilder();
        var bytes = srat.Table.Bytes.Span;
        AcpiFieldDump.Append(sb, bytes, 0, SratLayout.Fields);
        foreach (var s in srat.Subtables)
        {
            sb.Append('\n');
            var fields = s is SratRawSubtable ? SratSubtableHeaderLayout.Fields : SratSubtableTypes.Fields(s.Type);
            AcpiFieldDump.Append(sb, bytes, s.Offset, fields);
        }

        return sb.ToString();
    }

    /// <summary>Linux's node table: per node its PXM(s), memory ranges, total size, hotplug bytes and CPU count.</summary>
    public static string NodeTable(LinuxSratReading reading)
    {
        var sb = new StringBuilder();
        WriteNodeTable(sb, null, reading);
        return sb.ToString();
    }

    /// <summary><see cref="NodeTable"/> appended to <paramref name="sb"/>, handed to <paramref name="output"/> (when given) each time it fills.</summary>
    public static void WriteNodeTable(StringBuilder sb, TextWriter? output, LinuxSratReading reading)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(reading);
        var info = reading.Info;
        sb.Append(CultureInfo.InvariantCulture,
            $"Linux ({(info.Partial ? "from kernel log lines only" : reading.Architecture.ToString())}): SRAT {(info.Usable ? "used" : "NOT used")}{(reading.FailureReason is { } r ? " - " + r : string.Empty)}\n");
        sb.Append("node  pxm         size  hotplug  cpus  ranges\n");
        // One pass over the CPUs and one over the blocks (a table can hold tens of thousands of CPU entries).
        var cpusByNode = new Dictionary<int, int>();
        foreach (var c in info.Cpus)
        {
            cpusByNode[c.Node] = cpusByNode.GetValueOrDefault(c.Node) + 1;
        }

        var blocksByNode = info.MemoryBlocks.ToLookup(b => b.Node);
        foreach (var (pxm, node) in info.PxmToNode.OrderBy(p => p.Value).ThenBy(p => p.Key))
        {
            ulong size = 0, hot = 0;
            var count = 0;
            foreach (var b in blocksByNode[node])
            {
                size += b.Range.Size;
                hot += b.Hotpluggable ? b.Range.Size : 0;
                count++;
            }

            var cpus = cpusByNode.GetValueOrDefault(node);
            sb.Append(CultureInfo.InvariantCulture, $"{node,4}  {pxm,3}  {Sizes.Human(size),11}  {(hot == 0 ? "-" : Sizes.Human(hot)),7}  {cpus,4}  ");
            if (count == 0)
            {
                sb.Append("(memory-less)");
            }

            var first = true;
            foreach (var b in blocksByNode[node])
            {
                if (!first)
                {
                    sb.Append(' ');
                }

                first = false;
                b.Range.AppendTo(sb);
            }

            sb.Append('\n');
            if (output is not null)
            {
                TextSpool.DrainIfFull(sb, output);
            }
        }

        if (info.Distances is { } d)
        {
            sb.Append("distances:\n");
            for (var i = 0; i < d.GetLength(0); i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {i,4}:");
                for (var j = 0; j < d.GetLength(1); j++)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" {d[i, j],3}");
                }

                sb.Append('\n');
                if (output is not null)
                {
                    TextSpool.DrainIfFull(sb, output);
                }
            }
        }
    }

    /// <summary>The kernel lines Linux would print at info level or above (debug lines only when asked).</summary>
    public static string KernelLines(LinuxSratReading reading, bool includeDebug = false)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var sb = new StringBuilder();
        foreach (var l in reading.Lines.Where(l => includeDebug || l.Level != KernelMessageLevel.Debug))
        {
            sb.Append(l.Text).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The kernel lines of <see cref="KernelLines"/>, each non-empty one indented by <paramref name="indent"/>, appended with no intermediate text.</summary>
    public static void AppendKernelLines(StringBuilder sb, LinuxSratReading reading, string indent, bool includeDebug = false) =>
        WriteKernelLines(sb, null, reading, indent, includeDebug);

    /// <summary><see cref="AppendKernelLines"/> with <paramref name="sb"/> handed to <paramref name="output"/> (when given) each time it fills.</summary>
    public static void WriteKernelLines(StringBuilder sb, TextWriter? output, LinuxSratReading reading, string indent, bool includeDebug = false)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(reading);
        var lines = reading.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!includeDebug && lines.Level(i) == KernelMessageLevel.Debug)
            {
                continue;
            }

            if (lines.IsSingleLine(i))
            {
                sb.Append(indent);
                lines.AppendText(sb, i);
                sb.Append('\n');
            }
            else
            {
                AppendPieces(sb, lines.Text(i), indent);
            }

            if (output is not null)
            {
                TextSpool.DrainIfFull(sb, output);
            }
        }
    }

    /// <summary>Each non-empty line of <paramref name="text"/>, indented.</summary>
    private static void AppendPieces(StringBuilder sb, string text, string indent)
    {
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var piece = text.AsSpan()[range];
            if (!piece.IsEmpty)
            {
                sb.Append(indent).Append(piece).Append('\n');
            }
        }
    }

    /// <summary>SLIT matrix as decoded.</summary>
    public static string SlitMatrix(SlitTable slit)
    {
        ArgumentNullException.ThrowIfNull(slit);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"SLIT {slit.LocalityCount} localities, Linux {(slit.LinuxValid ? "uses it" : "rejects it")}\n");
        for (var i = 0; i < slit.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {i,4}:");
            for (var j = 0; j < slit.Count; j++)
            {
                sb.Append(CultureInfo.InvariantCulture, $" {slit.Distance(i, j),3}");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    public static string Diagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var sb = new StringBuilder();
        foreach (var d in diagnostics)
        {
            sb.Append(d.ToString()).Append('\n');
        }

        return sb.ToString();
    }

    private static string En(bool enabled) => enabled ? "enabled" : "disabled";

}
