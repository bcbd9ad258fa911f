using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using System.Text;
using FirmwarePlanner.Acpi.Srat;
using L0 = FirmwarePlanner.Acpi.Srat.SratCpuAffinityLayout;
using L1 = FirmwarePlanner.Acpi.Srat.SratMemoryAffinityLayout;
using L2 = FirmwarePlanner.Acpi.Srat.SratX2ApicAffinityLayout;

namespace FirmwarePlanner.Numa;

/// <summary>
/// The kernel lines of an SRAT reading, in order, kept compact: the per-entry lines (<c>SRAT: PXM %u -> APIC 0x%04x
/// -> Node %u</c>, <c>ACPI: SRAT: Node %u PXM %u [mem %#010Lx-%#010Lx]</c>) are kept as runs of one kind over
/// consecutive subtables and formatted from the table bytes when asked for (<see cref="AppendText"/> with no string per
/// line): a line's node is its PXM's, since <c>acpi_map_pxm_to_node()</c> never remaps a PXM once it has a node.
/// Every other line is kept as its text. Reads as a list of <see cref="KernelMessage"/>.
/// </summary>
public sealed class LinuxSratLines : IReadOnlyList<KernelMessage>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly IReadOnlyDictionary<uint, int> NoNodes = new Dictionary<uint, int>();

    private readonly Entry[] _entries; // the first _runs are the runs, in line order (a builder's array, handed over without a copy)
    private readonly int _runs;
    private readonly int _count;
    private readonly string[] _texts;
    private readonly SratSubtableList? _subtables;
    private readonly IReadOnlyDictionary<uint, int> _pxmToNode;
    private readonly byte _revision;

    private LinuxSratLines(Entry[] entries, int runs, string[] texts, SratSubtableList? subtables, IReadOnlyDictionary<uint, int> pxmToNode, byte revision)
    {
        _entries = entries;
        _runs = runs;
        _count = runs == 0 ? 0 : entries[runs - 1].Start + entries[runs - 1].Count;
        _texts = texts;
        _subtables = subtables;
        _pxmToNode = pxmToNode;
        _revision = revision;
    }

    /// <summary>No lines.</summary>
    public static LinuxSratLines Empty { get; } = new([], 0, [], null, NoNodes, 0);

    /// <summary>Lines given as text (a kernel log's, or a test's).</summary>
    public static LinuxSratLines FromMessages(IEnumerable<KernelMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var b = new Builder(null, 0);
        foreach (var m in messages)
        {
            b.Add(m);
        }

        return b.ToLines(NoNodes);
    }

    public int Count => _count;

    public KernelMessage this[int index] => new(Level(index), Text(index), Offset(index));

    /// <summary>The printk level of line <paramref name="index"/>.</summary>
    public KernelMessageLevel Level(int index) => (KernelMessageLevel)_entries[RunOf(index)].Level;

    /// <summary>The SRAT offset line <paramref name="index"/> comes from, if any.</summary>
    public int? Offset(int index)
    {
        var e = _entries[RunOf(index)];
        return e.Kind == LineKind.Text
            ? e.Offset is var o and >= 0 ? o : null
            : _subtables!.Headers[e.Argument + (index - e.Start)].Offset;
    }

    /// <summary>True when line <paramref name="index"/> is one line (kept as text, it may hold several).</summary>
    public bool IsSingleLine(int index) => _entries[RunOf(index)].Kind != LineKind.Text;

    /// <summary>The text of line <paramref name="index"/>.</summary>
    public string Text(int index)
    {
        var e = _entries[RunOf(index)];
        if (e.Kind == LineKind.Text)
        {
            return _texts[e.Argument];
        }

        var sb = new StringBuilder(64);
        AppendText(sb, index);
        return sb.ToString();
    }

    /// <summary>Appends the text of line <paramref name="index"/> to <paramref name="sb"/> (formatted in place).</summary>
    public void AppendText(StringBuilder sb, int index)
    {
        ArgumentNullException.ThrowIfNull(sb);
        var e = _entries[RunOf(index)];
        if (e.Kind == LineKind.Text)
        {
            sb.Append(_texts[e.Argument]);
            return;
        }

        // The entry's fields: its reading found them inside the table (the handlers check the length first).
        var s = _subtables!.FieldBytes(e.Argument + (index - e.Start));
        switch (e.Kind)
        {
            case LineKind.X2ApicNode:
            case LineKind.X2ApicTooBig:
                var x2Pxm = U32(s, L2.ProximityDomain);
                sb.Append(Inv, $"SRAT: PXM {x2Pxm} -> APIC 0x{U32(s, L2.ApicId):x4} -> Node {Node(x2Pxm)}");
                if (e.Kind == LineKind.X2ApicTooBig)
                {
                    sb.Append(" skipped apicid that is too big");
                }

                break;
            case LineKind.LapicNode:
            case LineKind.LapicCpuNode:
                var lapicPxm = LapicPxm(s);
                sb.Append(Inv, $"SRAT: PXM {lapicPxm} -> {(e.Kind == LineKind.LapicNode ? "APIC" : "CPU")} 0x{s[L0.ApicId]:x2} -> Node {Node(lapicPxm)}");
                break;
            default:
                AppendMemoryNode(sb, s, e.Kind == LineKind.MemoryNodeHotplug);
                break;
        }
    }

    /// <summary>These lines and <paramref name="message"/> after them.</summary>
    public LinuxSratLines Add(KernelMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var entries = new Entry[_runs + 1];
        _entries.AsSpan(0, _runs).CopyTo(entries);
        entries[^1] = Entry.Text(message, _count, _texts.Length);
        return new LinuxSratLines(entries, entries.Length, [.. _texts, message.Text], _subtables, _pxmToNode, _revision);
    }

    public IEnumerator<KernelMessage> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    /// <summary>The run holding line <paramref name="index"/> (a binary search over the runs' first lines).</summary>
    private int RunOf(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        int lo = 0, hi = _runs - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (_entries[mid].Start <= index)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary><c>ACPI: SRAT: Node %u PXM %u [mem %#010Lx-%#010Lx]%s%s</c> (srat.c, acpi_numa_memory_affinity_init).</summary>
    private void AppendMemoryNode(StringBuilder sb, ReadOnlySpan<byte> s, bool hotplug)
    {
        var pxm = SratMemoryAffinity.LinuxProximityDomain(U32(s, L1.ProximityDomain), _revision);
        var start = U64(s, L1.BaseAddress);
        var end = unchecked(start + U64(s, L1.Length));
        sb.Append(Inv, $"ACPI: SRAT: Node {Node(pxm)} PXM {pxm} [mem 0x{start:x8}-0x{unchecked(end - 1):x8}]");
        if (hotplug)
        {
            sb.Append(" hotplug");
        }

        if ((U32(s, L1.Flags) & (uint)SratMemoryBits.NonVolatile) != 0)
        {
            sb.Append(" non-volatile");
        }
    }

    /// <summary>The LAPIC entry's PXM as Linux takes it (<see cref="SratCpuAffinity.LinuxProximityDomain"/>).</summary>
    private uint LapicPxm(ReadOnlySpan<byte> s) => SratCpuAffinity.LinuxProximityDomain(s[L0.ProximityDomainLow],
        s[L0.ProximityDomainHigh] | ((uint)s[L0.ProximityDomainHigh + 1] << 8) | ((uint)s[L0.ProximityDomainHigh + 2] << 16), _revision);

    /// <summary>The node of <paramref name="pxm"/> (every per-entry line's PXM has one: the line is printed after it is mapped).</summary>
    private int Node(uint pxm) => _pxmToNode.TryGetValue(pxm, out var node) ? node : -1;

    private static uint U32(ReadOnlySpan<byte> s, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(s[offset..]);

    private static ulong U64(ReadOnlySpan<byte> s, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(s[offset..]);

    private enum LineKind : byte
    {
        Text,
        X2ApicNode,
        X2ApicTooBig,
        LapicNode,
        LapicCpuNode,
        MemoryNode,
        MemoryNodeHotplug,
    }

    /// <summary>
    /// A run of <see cref="Count"/> lines from line <see cref="Start"/>: one text line (<see cref="Argument"/> its text's
    /// index, <see cref="Offset"/> its SRAT offset or -1), or per-entry lines of one kind for the subtables from index
    /// <see cref="Argument"/> on.
    /// </summary>
    private readonly record struct Entry(LineKind Kind, byte Level, int Start, int Count, int Offset, int Argument)
    {
        public static Entry Text(KernelMessage message, int start, int text) =>
            new(LineKind.Text, (byte)message.Level, start, 1, message.Offset ?? -1, text);
    }

    /// <summary>Collects the lines of one reading of the SRAT whose subtables are <c>subtables</c>.</summary>
    internal sealed class Builder(SratSubtableList? subtables, byte revision)
    {
        private readonly List<string> _texts = [];
        private Entry[] _entries = [];
        private int _runs;
        private int _count;

        /// <summary>A line kept as its text.</summary>
        public void Add(KernelMessage message)
        {
            Append(Entry.Text(message, _count, _texts.Count));
            _texts.Add(message.Text);
        }

        /// <summary>x86 <c>SRAT: PXM %u -> APIC 0x%04x -> Node %u</c> for the x2APIC entry <paramref name="index"/> (debug).</summary>
        public void X2ApicNode(int index) => Extend(LineKind.X2ApicNode, KernelMessageLevel.Debug, index);

        /// <summary>The same line with <c> skipped apicid that is too big</c> (info).</summary>
        public void X2ApicTooBig(int index) => Extend(LineKind.X2ApicTooBig, KernelMessageLevel.Info, index);

        /// <summary>
        /// <c>SRAT: PXM %u -> APIC 0x%02x -> Node %u</c> (x86, debug) or <c>… -> CPU 0x%02x …</c> (LoongArch, info) for the
        /// LAPIC entry <paramref name="index"/>.
        /// </summary>
        public void LapicNode(int index, bool x86) =>
            Extend(x86 ? LineKind.LapicNode : LineKind.LapicCpuNode, x86 ? KernelMessageLevel.Debug : KernelMessageLevel.Info, index);

        /// <summary><c>ACPI: SRAT: Node %u PXM %u [mem …]</c> for the memory entry <paramref name="index"/> (info).</summary>
        public void MemoryNode(int index, bool hotplug) =>
            Extend(hotplug ? LineKind.MemoryNodeHotplug : LineKind.MemoryNode, KernelMessageLevel.Info, index);

        /// <summary>The lines, each per-entry line's node read from <paramref name="pxmToNode"/>; the builder is not used after this.</summary>
        public LinuxSratLines ToLines(IReadOnlyDictionary<uint, int> pxmToNode) => new(_entries, _runs, [.. _texts], subtables, pxmToNode, revision);

        /// <summary>The line of subtable <paramref name="index"/>: one more in the last run when it is the next subtable of its kind.</summary>
        private void Extend(LineKind kind, KernelMessageLevel level, int index)
        {
            if (_runs > 0 && _entries[_runs - 1] is var last && last.Kind == kind && last.Argument + last.Count == index)
            {
                _entries[_runs - 1] = last with { Count = last.Count + 1 };
                _count++;
                return;
            }

            Append(new Entry(kind, (byte)level, _count, 1, -1, index));
        }

        private void Append(Entry entry)
        {
            if (_runs == _entries.Length)
            {
                Array.Resize(ref _entries, Math.Max(8, _entries.Length * 2));
            }

            _entries[_runs++] = entry;
            _count += entry.Count;
        }
    }
}
