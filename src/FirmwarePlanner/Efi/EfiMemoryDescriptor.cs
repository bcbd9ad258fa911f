using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Efi;

/// <summary>
/// One <c>EFI_MEMORY_DESCRIPTOR</c> as read, with its position in the map (<paramref name="Index"/>, 0-based)
/// and where it came from. Values are kept exactly as given, even when invalid; validation reports them.
/// </summary>
public sealed record EfiMemoryDescriptor(
    int Index,
    EfiMemoryType Type,
    ulong PhysicalStart,
    ulong VirtualStart,
    ulong NumberOfPages,
    EfiMemoryAttribute Attribute,
    SourceLocation Location)
{
    public const int PageShift = 12;

    /// <summary>Byte length, or null when <c>NumberOfPages &lt;&lt; 12</c> overflows 64 bits.</summary>
    public ulong? ByteLength => NumberOfPages > (ulong.MaxValue >> PageShift) ? null : NumberOfPages << PageShift;

    /// <summary>The half-open physical range, or null when it would reach or pass 2^64 (Linux drops such entries).</summary>
    public AddressRange? Range =>
        ByteLength is { } len && len <= ulong.MaxValue - PhysicalStart ? new AddressRange(PhysicalStart, PhysicalStart + len) : null;

    public bool IsMirrored => (Attribute & EfiMemoryAttribute.MoreReliable) != 0;
}
