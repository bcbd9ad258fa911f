using System.Collections;

namespace FirmwarePlanner.Acpi.Srat;

/// <summary>
/// The subtables of a walked SRAT, kept compact: one <see cref="SratSubtableHeader"/> (offset, type, length) per
/// subtable over the table bytes, decoded into its <see cref="SratSubtable"/> record each time it is read (the
/// records are equal from read to read). A table of tens of thousands of entries costs six bytes an entry.
/// </summary>
public sealed class SratSubtableList : IReadOnlyList<SratSubtable>
{
    private readonly ReadOnlyMemory<byte> _walked;
    private readonly SratSubtableHeader[] _headers;

    /// <param name="walked">The table bytes Linux walks (up to the declared length or what was supplied).</param>
    /// <param name="headers">The subtables in walk order.</param>
    public SratSubtableList(ReadOnlyMemory<byte> walked, SratSubtableHeader[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _walked = walked;
        _headers = headers;
    }

    /// <summary>The number of subtables.</summary>
    public int Length => _headers.Length;

    public int Count => _headers.Length;

    /// <summary>Where each subtable is, in walk order (no decoding).</summary>
    public ReadOnlySpan<SratSubtableHeader> Headers => _headers;

    /// <summary>Subtable <paramref name="index"/>, decoded from the table bytes.</summary>
    public SratSubtable this[int index]
    {
        get
        {
            var h = _headers[index];
            return SratSubtableDecoder.Decode(_walked.Span, index, h.Offset, h.Type, h.Length);
        }
    }

    /// <summary>
    /// The bytes subtable <paramref name="index"/>'s fields are read from (its type's canonical size from its offset,
    /// offsets in its layout relative to the start), or empty when its type is reserved or those bytes run past the
    /// walked table (it decodes as a <see cref="SratRawSubtable"/> then). For the loops over tens of thousands of
    /// entries that read a field or two without making a record.
    /// </summary>
    public ReadOnlySpan<byte> FieldBytes(int index)
    {
        var h = _headers[index];
        var walked = _walked.Span;
        return SratSubtableTypes.CanonicalSize(h.Type) is { } size && size <= walked.Length - h.Offset
            ? walked.Slice(h.Offset, size)
            : [];
    }

    /// <summary>True when some subtable has type <paramref name="type"/> (no decoding).</summary>
    public bool Contains(byte type)
    {
        foreach (var h in _headers)
        {
            if (h.Type == type)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many subtables have type <paramref name="type"/> (no decoding).</summary>
    public int CountOf(byte type)
    {
        var n = 0;
        foreach (var h in _headers)
        {
            n += h.Type == type ? 1 : 0;
        }

        return n;
    }

    /// <summary>How many processor entries there are (LAPIC, x2APIC, GICC, RINTC), from the headers alone.</summary>
    public int CountOfProcessors() =>
        CountOf(SratSubtableTypes.CpuAffinity) + CountOf(SratSubtableTypes.X2ApicAffinity) + CountOf(SratSubtableTypes.GiccAffinity)
        + CountOf(SratSubtableTypes.RintcAffinity);

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<SratSubtable> IEnumerable<SratSubtable>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Decodes the subtables one by one, in walk order.</summary>
    public struct Enumerator(SratSubtableList list) : IEnumerator<SratSubtable>
    {
        private int _index = -1;

        public SratSubtable Current { get; private set; } = null!;

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (++_index >= list.Length)
            {
                return false;
            }

            Current = list[_index];
            return true;
        }

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}
