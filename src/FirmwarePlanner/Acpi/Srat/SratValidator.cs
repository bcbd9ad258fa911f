using FirmwarePlanner.Kernel;
using FirmwarePlanner.Binary;
using System.Globalization;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;

using L0 = FirmwarePlanner.Acpi.Srat.SratCpuAffinityLayout;
using L1 = FirmwarePlanner.Acpi.Srat.SratMemoryAffinityLayout;
using L2 = FirmwarePlanner.Acpi.Srat.SratX2ApicAffinityLayout;
using L3 = FirmwarePlanner.Acpi.Srat.SratGiccAffinityLayout;
using L4 = FirmwarePlanner.Acpi.Srat.SratGicItsAffinityLayout;
using L5 = FirmwarePlanner.Acpi.Srat.SratGenericAffinityLayout;
using L7 = FirmwarePlanner.Acpi.Srat.SratRintcAffinityLayout;
using OverlapPair = ((FirmwarePlanner.Common.AddressRange Range, int Index) First, (FirmwarePlanner.Common.AddressRange Range, int Index) Second);

namespace FirmwarePlanner.Acpi.Srat;

/// <summary>
/// Semantic checks on a walked SRAT: every fwts field check (reserved bits and fields), what fwts and iasl miss
/// (memory flags bit 3, zero-length and wrapping ranges, overlaps, PXM width, processor id clashes, memory-less and
/// CPU-less domains), and Linux's own verdict (<see cref="LinuxSratReader"/>). Repeated findings of one kind are
/// capped so a huge table cannot flood the report.
/// </summary>
public static class SratValidator
{
    public static void Validate(SratTable srat, LinuxNumaOptions options, DiagnosticBag bag)
    {
        ArgumentNullException.ThrowIfNull(srat);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(bag);
        // One walk decodes each subtable once for every per-entry check; each check reports into its own sink
        // (their codes are disjoint, so each cap counts as before) and the sinks are emitted in the checks' order.
        var source = srat.Table.Source;
        var fields = new Sink(source, new DiagnosticBag());
        var ranges = new Ranges(srat, new Sink(source, new DiagnosticBag()));
        var pxmWidth = new Sink(source, new DiagnosticBag());
        var ids = new ProcessorIds(srat, new Sink(source, new DiagnosticBag()));
        var domains = new Domains(srat.Revision);
        for (var i = 0; i < srat.Subtables.Count; i++)
        {
            if (srat.Subtables.Headers[i].Type == SratSubtableTypes.X2ApicAffinity && srat.Subtables.FieldBytes(i) is { IsEmpty: false } x2)
            {
                // The entry type a table holds by the tens of thousands: checked in place (a record only to report).
                VisitX2Apic(srat, i, x2, fields, ids, domains);
                continue;
            }

            if (srat.Subtables.Headers[i].Type == SratSubtableTypes.MemoryAffinity && srat.Subtables.FieldBytes(i) is { IsEmpty: false } mem
                && VisitPlainMemory(srat, i, mem, ranges, domains))
            {
                continue;
            }

            var s = srat.Subtables[i];
            CheckFields(s, fields);
            ranges.Visit(s);
            if (srat.Revision < 2)
            {
                CheckPxmWidth(s, srat.Revision, pxmWidth);
            }

            ids.Visit(s);
            domains.Visit(s);
        }

        ranges.ReportOverlaps();
        ids.Report();
        bag.AddRange(fields.Bag.Items);
        bag.AddRange(ranges.Sink.Bag.Items);
        bag.AddRange(pxmWidth.Bag.Items);
        bag.AddRange(ids.Sink.Bag.Items);
        domains.Report(new Sink(source, bag));
    }

    /// <summary>Reserved fields and flag bits of each subtable type (the fwts checks, plus memory bit 3).</summary>
    private static void CheckFields(SratSubtable s, Sink sink)
    {
        var o = s.Offset;
        switch (s)
        {
            case SratCpuAffinity c:
                sink.Flags(o + L0.Flags, s, (uint)c.Flags, 1u);
                break;
            case SratMemoryAffinity m:
                sink.Reserved(o + L1.Reserved1, s, "Reserved1", m.Reserved1);
                sink.Reserved(o + L1.Reserved2, s, "Reserved2", m.Reserved2);
                sink.Reserved(o + L1.Reserved3, s, "Reserved3", m.Reserved3);
                sink.Flags(o + L1.Flags, s, (uint)m.Flags, 0xFu);
                if ((m.Flags & SratMemoryBits.SpecificPurpose) != 0)
                {
                    sink.Report(SratDiagnostics.MemoryFlagsBit3, o + L1.Flags, Inv($"memory entry #{s.Index}: flags 0x{(uint)m.Flags:X8} have bit 3 set"));
                }

                break;
            case SratX2ApicAffinity x:
                sink.Reserved(o + L2.Reserved1, s, "Reserved1", x.Reserved1);
                sink.Reserved(o + L2.Reserved2, s, "Reserved2", x.Reserved2);
                sink.Flags(o + L2.Flags, s, (uint)x.Flags, 1u);
                break;
            case SratGiccAffinity g:
                sink.Flags(o + L3.Flags, s, (uint)g.Flags, 1u);
                break;
            case SratGicItsAffinity its:
                sink.Reserved(o + L4.Reserved, s, "Reserved", its.Reserved);
                break;
            case SratGenericAffinity gi:
                sink.Reserved(o + L5.Reserved1, s, "Reserved1", gi.Reserved1);
                sink.Reserved(o + L5.Reserved2, s, "Reserved2", gi.Reserved2);
                sink.Flags(o + L5.DeviceHandleType, s, gi.DeviceHandleType, 1u);
                sink.Flags(o + L5.Flags, s, (uint)gi.Flags, 3u);
                CheckDeviceHandle(gi, sink);
                break;
            case SratRintcAffinity r:
                sink.Reserved(o + L7.Reserved, s, "Reserved", r.Reserved);
                sink.Flags(o + L7.Flags, s, (uint)r.Flags, 1u);
                break;
        }
    }

    /// <summary>
    /// What <see cref="CheckFields"/>, <see cref="ProcessorIds"/> and <see cref="Domains"/> do with an x2APIC entry (it has
    /// no memory range and a full-width PXM), on its 24 bytes <paramref name="x"/>.
    /// </summary>
    private static void VisitX2Apic(SratTable srat, int index, ReadOnlySpan<byte> x, Sink fields, ProcessorIds ids, Domains domains)
    {
        var o = srat.Subtables.Headers[index].Offset;
        var r = new ByteReader(x);
        var flags = r.U32(L2.Flags);
        if (r.U16(L2.Reserved1) != 0 || r.U32(L2.Reserved2) != 0 || (flags & ~(uint)SratAffinityBits.Enabled) != 0)
        {
            CheckFields(srat.Subtables[index], fields);
        }

        if ((flags & (uint)SratAffinityBits.Enabled) != 0)
        {
            ids.Add(1, r.U32(L2.ApicId));
            domains.AddCpu(r.U32(L2.ProximityDomain), o, index);
        }
    }

    /// <summary>
    /// What the per-entry checks do with a memory entry none of them has anything to say about (reserved fields zero, no
    /// flag above bit 2, a PXM Linux keeps whole, an enabled range that is neither empty nor past 2^64), on its 40 bytes
    /// <paramref name="m"/>: its range and its PXM are noted. False, with nothing done, for any other entry: it is
    /// decoded and checked in full.
    /// </summary>
    private static bool VisitPlainMemory(SratTable srat, int index, ReadOnlySpan<byte> m, Ranges ranges, Domains domains)
    {
        var r = new ByteReader(m);
        var flags = r.U32(L1.Flags);
        var pxm = r.U32(L1.ProximityDomain);
        var start = r.U64(L1.BaseAddress);
        var length = r.U64(L1.Length);
        var enabled = (flags & (uint)SratMemoryBits.Enabled) != 0;
        if (r.U16(L1.Reserved1) != 0 || r.U32(L1.Reserved2) != 0 || r.U64(L1.Reserved3) != 0 || (flags & ~0x7u) != 0
            || (srat.Revision < 2 && pxm > 0xff) || (enabled && (length == 0 || length > ulong.MaxValue - start)))
        {
            return false;
        }

        if (enabled)
        {
            ranges.Add(AddressRange.FromStartSize(start, length), index);
            domains.AddMemory(SratMemoryAffinity.LinuxProximityDomain(pxm, srat.Revision), srat.Subtables.Headers[index].Offset, index);
        }

        return true;
    }

    /// <summary>ACPI device handles: bytes 12–15 reserved; PCI handles: bytes 6–15 reserved.</summary>
    private static void CheckDeviceHandle(SratGenericAffinity gi, Sink sink)
    {
        var firstReserved = gi.DeviceHandleType == 0 ? 12 : 6;
        for (var i = firstReserved; i < gi.DeviceHandle.Length; i++)
        {
            if (gi.DeviceHandle[i] != 0)
            {
                sink.Report(SratDiagnostics.ReservedFieldNonZero, gi.Offset + L5.DeviceHandle + i,
                    Inv($"{gi.TypeName} #{gi.Index}: device handle byte {i} is 0x{gi.DeviceHandle[i]:X2}, must be zero"));
                return;
            }
        }
    }

    /// <summary>Enabled ranges: zero length, wrap past 2^64, and overlaps within and across proximity domains.</summary>
    private sealed class Ranges(SratTable srat, Sink sink)
    {
        // Only the range and the entry's index are kept per entry (a table can hold millions); the rest is read back to report.
        private readonly List<(AddressRange Range, int Index)> _ranges = new(srat.Subtables.CountOf(SratSubtableTypes.MemoryAffinity));

        public Sink Sink => sink;

        public void Visit(SratSubtable s)
        {
            if (s is not SratMemoryAffinity { Enabled: true } m)
            {
                return;
            }

            if (m.AddressLength == 0)
            {
                sink.Report(SratDiagnostics.EnabledZeroLengthRange, m.Offset + L1.Length,
                    Inv($"memory entry #{m.Index} is enabled with length 0 at 0x{m.BaseAddress:x}"));
            }
            else if (m.Wraps)
            {
                sink.Report(SratDiagnostics.RangeWraps, m.Offset + L1.Length,
                    Inv($"memory entry #{m.Index}: 0x{m.BaseAddress:x} + 0x{m.AddressLength:x} passes 2^64"));
            }
            else if (m.Range is { } r)
            {
                _ranges.Add((r, m.Index));
            }
        }

        /// <summary>The enabled, non-empty range of memory entry <paramref name="index"/>.</summary>
        public void Add(AddressRange range, int index) => _ranges.Add((range, index));

        /// <summary>
        /// Every overlapping pair, in address order, until each overlap code that occurs has reached its cap. Listing
        /// pairs is quadratic when many entries overlap one another, so the walk has a budget: when it runs out, a code
        /// not reported yet is reported once with a witness pair from a linear sweep, so that no kind of overlap the
        /// table has goes unsaid however large the table.
        /// </summary>
        public void ReportOverlaps()
        {
            _ranges.Sort((a, b) => a.Range.CompareTo(b.Range));
            var (sameWitness, crossWitness) = Witnesses();
            var budget = PairBudget;
            var active = new List<(AddressRange Range, int Index)>();
            foreach (var cur in _ranges)
            {
                var done = (sameWitness is null || sink.IsFull(SratDiagnostics.SameNodeOverlap)) &&
                    (crossWitness is null || sink.IsFull(SratDiagnostics.CrossNodeOverlap));
                budget -= active.Count;
                if (done || budget < 0)
                {
                    break;
                }

                active.RemoveAll(a => a.Range.End <= cur.Range.Start);
                foreach (var prev in active)
                {
                    Report(prev, cur);
                }

                active.Add(cur);
            }

            if (budget < 0)
            {
                foreach (var (code, witness) in (ReadOnlySpan<(DiagnosticDescriptor, OverlapPair?)>)
                    [(SratDiagnostics.SameNodeOverlap, sameWitness), (SratDiagnostics.CrossNodeOverlap, crossWitness)])
                {
                    if (witness is { } w && !sink.Any(code))
                    {
                        Report(w.First, w.Second);
                    }
                }
            }
        }

        /// <summary>How many pairs (and active entries looked at) the listing walk may visit.</summary>
        private const long PairBudget = 1L << 22;

        private void Report((AddressRange Range, int Index) prev, (AddressRange Range, int Index) cur)
        {
            var first = prev.Index < cur.Index ? prev : cur;
            var second = prev.Index < cur.Index ? cur : prev;
            var code = Pxm(prev.Index) != Pxm(cur.Index) ? SratDiagnostics.CrossNodeOverlap : SratDiagnostics.SameNodeOverlap;
            if (sink.IsFull(code))
            {
                return;
            }

            sink.Report(code, srat.Subtables.Headers[second.Index].Offset + L1.BaseAddress,
                Inv($"memory entry #{second.Index} PXM {Pxm(second.Index)} {second.Range} overlaps entry #{first.Index} PXM {Pxm(first.Index)} {first.Range}"));
        }

        /// <summary>
        /// One overlapping pair within a domain and one across domains, or null where there is none: a sweep in address
        /// order keeping the furthest end per PXM and the two furthest ends of different PXMs.
        /// </summary>
        private (OverlapPair? Same, OverlapPair? Cross) Witnesses()
        {
            OverlapPair? same = null, cross = null;
            var furthest = new Dictionary<uint, (AddressRange Range, int Index)>();
            (AddressRange Range, int Index, uint Pxm)? top = null;
            (AddressRange Range, int Index)? other = null;
            foreach (var cur in _ranges)
            {
                var pxm = Pxm(cur.Index);
                if (same is null && furthest.TryGetValue(pxm, out var mine) && mine.Range.End > cur.Range.Start)
                {
                    same = (mine, cur);
                }

                var before = top is { } t && t.Pxm != pxm ? (t.Range, t.Index) : other;
                if (cross is null && before is { } b && b.Range.End > cur.Range.Start)
                {
                    cross = (b, cur);
                }

                if (!furthest.TryGetValue(pxm, out mine) || cur.Range.End > mine.Range.End)
                {
                    furthest[pxm] = cur;
                }

                if (top is not { } t2 || cur.Range.End > t2.Range.End)
                {
                    if (top is { } old && old.Pxm != pxm)
                    {
                        other = (old.Range, old.Index);
                    }

                    top = (cur.Range, cur.Index, pxm);
                }
                else if (t2.Pxm != pxm && (other is not { } o || cur.Range.End > o.Range.End))
                {
                    other = cur;
                }
            }

            return (same, cross);
        }

        /// <summary>The PXM Linux uses for the memory entry at <paramref name="index"/>.</summary>
        private uint Pxm(int index) => new ByteReader(srat.Subtables.FieldBytes(index)).TryU32(L1.ProximityDomain, out var pxm)
            ? SratMemoryAffinity.LinuxProximityDomain(pxm, srat.Revision)
            : ((SratMemoryAffinity)srat.Subtables[index]).LinuxProximityDomain(srat.Revision);
    }

    /// <summary>PXMs above 255 in a table whose header revision makes Linux keep only 8 bits.</summary>
    private static void CheckPxmWidth(SratSubtable s, byte revision, Sink sink)
    {
        if (s is SratMemoryAffinity { ProximityDomain: > 0xff } m)
        {
            sink.Report(SratDiagnostics.PxmTruncated, m.Offset + L1.ProximityDomain,
                Inv($"memory entry #{m.Index}: PXM {m.ProximityDomain} in a revision {revision} SRAT; Linux uses {m.ProximityDomain & 0xff}"));
        }
        else if (s is SratCpuAffinity { ProximityDomainHigh: > 0 } c)
        {
            sink.Report(SratDiagnostics.PxmTruncated, c.Offset + L0.ProximityDomainHigh,
                Inv($"LAPIC entry #{c.Index}: PXM {c.RawProximityDomain} in a revision {revision} SRAT; Linux uses {c.ProximityDomainLow}"));
        }
    }

    /// <summary>Enabled processor entries naming the same APIC id (LAPIC and x2APIC share one id space) or UID.</summary>
    private sealed class ProcessorIds(SratTable srat, Sink sink)
    {
        // Ids below BitmapIds (nearly all: APIC ids and UIDs are small) are marked in one bitmap per id space (1 APIC,
        // 2 GICC UID, 3 RINTC UID), a bit an id, so a repeat is seen as it comes; larger ids are kept as keys (the space
        // in the high half, the id in the low half) and sorted at the end. Duplicates are rare: only when there is one
        // is the table walked again to name each where it comes.
        private const uint BitmapIds = 1 << 20;

        private readonly ulong[]?[] _seen = new ulong[]?[4];

        private List<ulong>? _large;

        private HashSet<ulong>? _repeated;

        private int _added;

        public Sink Sink => sink;

        public void Visit(SratSubtable s)
        {
            if (KeyOf(s) is { } key)
            {
                Add(key >> 32, (uint)key);
            }
        }

        /// <summary>An enabled entry names <paramref name="id"/> in id space <paramref name="space"/>.</summary>
        public void Add(ulong space, uint id)
        {
            _added++;
            if (id >= BitmapIds)
            {
                // Room for every processor entry still to come (at most the table's count), so a table of large ids
                // holds one array of eight bytes an entry, never a doubling series.
                (_large ??= new List<ulong>(Math.Max(1, srat.Subtables.CountOfProcessors() - _added + 1))).Add((space << 32) | id);
                return;
            }

            ref var bits = ref _seen[space];
            var word = (int)(id >> 6);
            if (bits is null || word >= bits.Length)
            {
                Array.Resize(ref bits, Math.Max(word + 1, (bits?.Length ?? 0) * 2));
            }

            var mask = 1UL << (int)(id & 63);
            if ((bits[word] & mask) != 0)
            {
                (_repeated ??= []).Add((space << 32) | id);
            }

            bits[word] |= mask;
        }

        /// <summary>Each enabled entry whose id an earlier one already named, in table order.</summary>
        public void Report()
        {
            var repeated = _repeated;
            if (_large is { } large)
            {
                large.Sort();
                for (var i = 1; i < large.Count; i++)
                {
                    if (large[i] == large[i - 1])
                    {
                        (repeated ??= []).Add(large[i]);
                    }
                }
            }

            if (repeated is null)
            {
                return;
            }

            var first = new Dictionary<ulong, int>();
            var headers = srat.Subtables.Headers;
            for (var i = 0; i < headers.Length; i++)
            {
                if (headers[i].Type is not (SratSubtableTypes.CpuAffinity or SratSubtableTypes.X2ApicAffinity or SratSubtableTypes.GiccAffinity or SratSubtableTypes.RintcAffinity)
                    || srat.Subtables[i] is not { } s || KeyOf(s) is not { } key || !repeated.Contains(key))
                {
                    continue;
                }

                if (!first.TryAdd(key, s.Index))
                {
                    var space = (key >> 32) switch { 1 => "APIC", 2 => "GICC UID", _ => "RINTC UID" };
                    sink.Report(SratDiagnostics.DuplicateProcessorId, s.Offset,
                        Inv($"{s.TypeName} #{s.Index}: {space} 0x{(uint)key:x} already named by #{first[key]}"));
                }
            }
        }

        private static ulong? KeyOf(SratSubtable s) => s switch
        {
            SratCpuAffinity { Enabled: true } c => (1UL << 32) | c.ApicId,
            SratX2ApicAffinity { Enabled: true } x => (1UL << 32) | x.X2ApicId,
            SratGiccAffinity { Enabled: true } g => (2UL << 32) | g.AcpiProcessorUid,
            SratRintcAffinity { Enabled: true } r => (3UL << 32) | r.AcpiProcessorUid,
            _ => null,
        };
    }

    /// <summary>Domains with CPUs but no memory and with memory but no CPUs (Linux's PXM view).</summary>
    private sealed class Domains(byte revision)
    {
        // Hashed while walking (one lookup per entry), ordered by PXM only to report.
        private readonly Dictionary<uint, (int Offset, int Index)> _cpu = [];
        private readonly Dictionary<uint, (int Offset, int Index)> _mem = [];

        public void Visit(SratSubtable s)
        {
            var first = (s.Offset, s.Index);
            switch (s)
            {
                case SratCpuAffinity { Enabled: true } c:
                    _cpu.TryAdd(c.ProximityDomain(revision), first);
                    break;
                case SratX2ApicAffinity { Enabled: true } x:
                    AddCpu(x.ProximityDomain, s.Offset, s.Index);
                    break;
                case SratGiccAffinity { Enabled: true } g:
                    _cpu.TryAdd(g.ProximityDomain, first);
                    break;
                case SratRintcAffinity { Enabled: true } r:
                    _cpu.TryAdd(r.ProximityDomain, first);
                    break;
                case SratMemoryAffinity { Enabled: true, AddressLength: > 0 } m:
                    _mem.TryAdd(m.LinuxProximityDomain(revision), first);
                    break;
            }
        }

        /// <summary>An enabled processor entry in <paramref name="pxm"/> (the first one per PXM is kept).</summary>
        public void AddCpu(uint pxm, int offset, int index) => _cpu.TryAdd(pxm, (offset, index));

        /// <summary>An enabled memory entry of non-zero length in <paramref name="pxm"/> (the first one per PXM is kept).</summary>
        public void AddMemory(uint pxm, int offset, int index) => _mem.TryAdd(pxm, (offset, index));

        public void Report(Sink sink)
        {
            foreach (var (pxm, s) in _cpu.Where(c => !_mem.ContainsKey(c.Key)).OrderBy(c => c.Key))
            {
                sink.Report(SratDiagnostics.MemorylessNode, s.Offset, Inv($"PXM {pxm} has processors (first #{s.Index}) but no enabled memory"));
            }

            if (_cpu.Count == 0)
            {
                return; // a table without CPU entries says nothing about which domains hold CPUs
            }

            foreach (var (pxm, s) in _mem.Where(m => !_cpu.ContainsKey(m.Key)).OrderBy(m => m.Key))
            {
                sink.Report(SratDiagnostics.CpulessNode, s.Offset, Inv($"PXM {pxm} has memory (first #{s.Index}) but no enabled processor"));
            }
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reports at table offsets with the per-code cap of <see cref="CappedReports"/>.</summary>
    private sealed class Sink(string source, DiagnosticBag bag)
    {
        private readonly CappedReports _reports = new(bag);

        public DiagnosticBag Bag => bag;

        /// <summary>True once <paramref name="d"/> has been reported as often as it is listed, and its closing line said.</summary>
        public bool IsFull(DiagnosticDescriptor d) => _reports.IsFull(d);

        public bool Any(DiagnosticDescriptor d) => _reports.Any(d);

        public void Report(DiagnosticDescriptor d, long offset, string message) => _reports.Report(d, SourceLocation.AtOffset(source, offset), message);

        public void Reserved(long offset, SratSubtable s, string field, ulong value)
        {
            if (value != 0)
            {
                Report(SratDiagnostics.ReservedFieldNonZero, offset, Inv($"{s.TypeName} #{s.Index}: {field} is 0x{value:X}, must be zero"));
            }
        }

        public void Flags(long offset, SratSubtable s, uint value, uint defined)
        {
            var bad = value & ~defined;
            if (s is SratMemoryAffinity)
            {
                bad &= ~(uint)SratMemoryBits.SpecificPurpose; // bit 3 has its own code
            }

            if (bad != 0)
            {
                Report(SratDiagnostics.ReservedFlagBits, offset, Inv($"{s.TypeName} #{s.Index}: flags 0x{value:X8} set reserved bits 0x{bad:X8}"));
            }
        }
    }
}
