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
/// -> Node %u</c>, <c>ACPI: SRAT: Node %u PXM %u [mem %#010Lx-%#010Lx]</c>) are an entry kind, the node and the
/// subtable's offset, and are formatted from the table bytes when asked for (<see cref="AppendText"/> with no
/// string per line); every other line is kept as its text. Reads as a list of <see cref="KernelMessage"/>.
/// </summary>
public sealed class LinuxSratLines : IReadOnlyList<KernelMessage>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly Entry[] _entries; // the first _count are the lines (a builder's array, handed over without a copy)
    private readonly int _count;
    private readonly string[] _texts;
    private readonly ReadOnlyMemory<byte> _table;
    private readonly byte _revision;

    private LinuxSratLines(Entry[] entries, int count, string[] texts, ReadOnlyMemory<byte> table, byte revision)
    {
        _entries = entries;
        _count = count;
        _texts = texts;
        _table = table;
        _revision = revision;
    }

    /// <summary>No lines.</summary>
    public static LinuxSratLines Empty { get; } = new([], 0, [], ReadOnlyMemory<byte>.Empty, 0);

    /// <summary>Lines given as text (a kernel log's, or a test's).</summary>
    public static LinuxSratLines FromMessages(IEnumerable<KernelMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var b = new Builder(ReadOnlyMemory<byte>.Empty, 0);
        foreach (var m in messages)
        {
            b.Add(m);
        }

        return b.ToLines();
    }

    public int Count => _count;

    public KernelMessage this[int index] => new(Level(index), Text(index), Offset(index));

    /// <summary>The printk level of line <paramref name="index"/>.</summary>
    public KernelMessageLevel Level(int index) => (KernelMessageLevel)At(index).Level;

    /// <summary>The SRAT offset line <paramref name="index"/> comes from, if any.</summary>
    public int? Offset(int index) => At(index).Offset is var o and >= 0 ? o : null;

    /// <summary>True when line <paramref name="index"/> is one line (kept as text, it may hold several).</summary>
    public bool IsSingleLine(int index) => At(index).Kind != LineKind.Text;

    /// <summary>The text of line <paramref name="index"/>.</summary>
    public string Text(int index)
    {
        var e = At(index);
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
        var e = At(index);
        var s = _table.Span;
        var o = e.Offset;
        var node = e.Argument;
        switch (e.Kind)
        {
            case LineKind.Text:
                sb.Append(_texts[e.Argument]);
                break;
            case LineKind.X2ApicNode:
                sb.Append(Inv, $"SRAT: PXM {U32(s, o + L2.ProximityDomain)} -> APIC 0x{U32(s, o + L2.ApicId):x4} -> Node {node}");
                break;
            case LineKind.X2ApicTooBig:
                sb.Append(Inv, $"SRAT: PXM {U32(s, o + L2.ProximityDomain)} -> APIC 0x{U32(s, o + L2.ApicId):x4} -> Node {node} skipped apicid that is too big");
                break;
            case LineKind.LapicNode:
            case LineKind.LapicCpuNode:
                sb.Append(Inv, $"SRAT: PXM {LapicPxm(s, o)} -> {(e.Kind == LineKind.LapicNode ? "APIC" : "CPU")} 0x{s[o + L0.ApicId]:x2} -> Node {node}");
                break;
            default:
                AppendMemoryNode(sb, s, o, node, e.Kind == LineKind.MemoryNodeHotplug);
                break;
        }
    }

    /// <summary>These lines and <paramref name="message"/> after them.</summary>
    public LinuxSratLines Add(KernelMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var entries = new Entry[_count + 1];
        _entries.AsSpan(0, _count).CopyTo(entries);
        entries[^1] = new Entry(LineKind.Text, message.Level, message.Offset ?? -1, _texts.Length);
        return new LinuxSratLines(entries, entries.Length, [.. _texts, message.Text], _table, _revision);
    }

    public IEnumerator<KernelMessage> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    private Entry At(int index) => (uint)index < (uint)_count ? _entries[index] : throw new ArgumentOutOfRangeException(nameof(index));

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary><c>ACPI: SRAT: Node %u PXM %u [mem %#010Lx-%#010Lx]%s%s</c> (srat.c, acpi_numa_memory_affinity_init).</summary>
    private void AppendMemoryNode(StringBuilder sb, ReadOnlySpan<byte> s, int o, int node, bool hotplug)
    {
        var pxm = U32(s, o + L1.ProximityDomain);
        if (_revision <= 1)
        {
            pxm &= 0xff;
        }

        var start = U64(s, o + L1.BaseAddress);
        var end = unchecked(start + U64(s, o + L1.Length));
        sb.Append(Inv, $"ACPI: SRAT: Node {node} PXM {pxm} [mem 0x{start:x8}-0x{unchecked(end - 1):x8}]");
        if (hotplug)
        {
            sb.Append(" hotplug");
        }

        if ((U32(s, o + L1.Flags) & (uint)SratMemoryBits.NonVolatile) != 0)
        {
            sb.Append(" non-volatile");
        }
    }

    /// <summary>The LAPIC entry's PXM as Linux takes it: the high 24 bits count from SRAT revision 2.</summary>
    private uint LapicPxm(ReadOnlySpan<byte> s, int o)
    {
        uint pxm = s[o + L0.ProximityDomainLow];
        if (_revision >= 2)
        {
            pxm |= ((uint)s[o + L0.ProximityDomainHigh] << 8) | ((uint)s[o + L0.ProximityDomainHigh + 1] << 16) | ((uint)s[o + L0.ProximityDomainHigh + 2] << 24);
        }

        return pxm;
    }

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

    /// <summary>One line: its kind, level, SRAT offset (-1: none) and the node (or, for text, the index of its text).</summary>
    private readonly record struct Entry(LineKind Kind, byte Level, int Offset, int Argument)
    {
        public Entry(LineKind kind, KernelMessageLevel level, int offset, int argument)
            : this(kind, (byte)level, offset, argument)
        {
        }
    }

    /// <summary>Collects the lines of one reading of the SRAT whose bytes are <c>table</c>.</summary>
    internal sealed class Builder(ReadOnlyMemory<byte> table, byte revision, int capacity = 0)
    {
        private readonly List<string> _texts = [];
        private Entry[] _entries = capacity > 0 ? new Entry[capacity] : [];
        private int _count;

        /// <summary>A line kept as its text.</summary>
        public void Add(KernelMessage message)
        {
            Add(new Entry(LineKind.Text, message.Level, message.Offset ?? -1, _texts.Count));
            _texts.Add(message.Text);
        }

        /// <summary>x86 <c>SRAT: PXM %u -> APIC 0x%04x -> Node %u</c> for the x2APIC entry at <paramref name="offset"/> (debug).</summary>
        public void X2ApicNode(int offset, int node) => Add(new Entry(LineKind.X2ApicNode, KernelMessageLevel.Debug, offset, node));

        /// <summary>The same line with <c> skipped apicid that is too big</c> (info).</summary>
        public void X2ApicTooBig(int offset, int node) => Add(new Entry(LineKind.X2ApicTooBig, KernelMessageLevel.Info, offset, node));

        /// <summary>
        /// <c>SRAT: PXM %u -> APIC 0x%02x -> Node %u</c> (x86, debug) or <c>… -> CPU 0x%02x …</c> (LoongArch, info) for the
        /// LAPIC entry at <paramref name="offset"/>.
        /// </summary>
        public void LapicNode(int offset, int node, bool x86) =>
            Add(new Entry(x86 ? LineKind.LapicNode : LineKind.LapicCpuNode, x86 ? KernelMessageLevel.Debug : KernelMessageLevel.Info, offset, node));

        /// <summary><c>ACPI: SRAT: Node %u PXM %u [mem …]</c> for the memory entry at <paramref name="offset"/> (info).</summary>
        public void MemoryNode(int offset, int node, bool hotplug) =>
            Add(new Entry(hotplug ? LineKind.MemoryNodeHotplug : LineKind.MemoryNode, KernelMessageLevel.Info, offset, node));

        /// <summary>The lines; the builder is not used after this (its array is handed over).</summary>
        public LinuxSratLines ToLines() => new(_entries, _count, [.. _texts], table, revision);

        private void Add(Entry entry)
        {
            if (_count == _entries.Length)
            {
                Array.Resize(ref _entries, Math.Max(8, _entries.Length * 2));
            }

            _entries[_count++] = entry;
        }
    }
}
