using System.Globalization;

namespace FirmwarePlanner.Common;

/// <summary>
/// A half-open physical address range <c>[Start, End)</c>. Inside the library every range is half-open;
/// inclusive ends exist only where a format prints them (see <see cref="Last"/>). A range cannot reach
/// 2^64 itself: readers that meet one report it and clamp, as memblock caps sizes at PHYS_ADDR_MAX.
/// </summary>
public readonly record struct AddressRange : IComparable<AddressRange>
{
    public AddressRange(ulong start, ulong end)
    {
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), "end before start");
        }

        Start = start;
        End = end;
    }

    public ulong Start { get; }

    /// <summary>First address after the range.</summary>
    public ulong End { get; }

    public ulong Size => End - Start;

    public bool IsEmpty => End == Start;

    /// <summary>The last byte inside the range (inclusive end), as kernels print it. Undefined when empty.</summary>
    public ulong Last => End - 1;

    public static AddressRange FromStartSize(ulong start, ulong size) => new(start, checked(start + size));

    /// <summary>Builds a range from an inclusive end as printed by the kernel (<c>[a-b]</c>).</summary>
    public static AddressRange FromInclusive(ulong first, ulong last) => new(first, checked(last + 1));

    public bool Contains(ulong address) => address >= Start && address < End;

    public bool Contains(AddressRange other) => other.Start >= Start && other.End <= End;

    public bool Overlaps(AddressRange other) => Start < other.End && other.Start < End;

    public bool Touches(AddressRange other) => Start <= other.End && other.Start <= End;

    public AddressRange? Intersect(AddressRange other)
    {
        var s = Math.Max(Start, other.Start);
        var e = Math.Min(End, other.End);
        return s < e ? new AddressRange(s, e) : null;
    }

    public int CompareTo(AddressRange other)
    {
        var c = Start.CompareTo(other.Start);
        return c != 0 ? c : End.CompareTo(other.End);
    }

    public static bool operator <(AddressRange left, AddressRange right) => left.CompareTo(right) < 0;

    public static bool operator >(AddressRange left, AddressRange right) => left.CompareTo(right) > 0;

    public static bool operator <=(AddressRange left, AddressRange right) => left.CompareTo(right) <= 0;

    public static bool operator >=(AddressRange left, AddressRange right) => left.CompareTo(right) >= 0;

    /// <summary><c>[0x0000000000100000-0x000000003fffffff]</c>: inclusive end, 16 hex digits.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[0x{Start:x16}-0x{(IsEmpty ? Start : Last):x16}]");

    /// <summary><see cref="ToString"/> appended to <paramref name="sb"/> (no string made).</summary>
    public void AppendTo(System.Text.StringBuilder sb)
    {
        ArgumentNullException.ThrowIfNull(sb);
        sb.Append(CultureInfo.InvariantCulture, $"[0x{Start:x16}-0x{(IsEmpty ? Start : Last):x16}]");
    }
}
