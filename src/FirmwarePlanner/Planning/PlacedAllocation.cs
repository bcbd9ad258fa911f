using FirmwarePlanner.Common;

namespace FirmwarePlanner.Planning;

/// <summary>
/// One early allocation as memblock placed it: which item and call, the node it asked for (null = NUMA_NO_NODE),
/// its size, the address found (null when memblock found nothing), the node it landed on, and how much of it is
/// mirrored. <see cref="NetSize"/> is what stays reserved after the caller freed unused parts (per-CPU unit tails).
/// </summary>
public sealed record PlacedAllocation(
    string ItemId,
    string Call,
    int? RequestedNode,
    ulong Size,
    ulong Align,
    ulong? Address,
    int? Node,
    ulong MirroredBytes,
    MemoryTier Tier,
    ulong NetSize,
    string Note = "")
{
    public AddressRange? Range => Address is { } a ? AddressRange.FromStartSize(a, Size) : null;

    public bool Failed => Address is null;

    /// <summary>The node this allocation's memory is for: the one asked for, else the one it landed on.</summary>
    public int? AttributedNode => RequestedNode ?? Node;

    /// <summary>Net bytes outside mirror.</summary>
    public ulong SpilledBytes => Failed ? 0 : NetSize - Math.Min(NetSize, MirroredBytes);
}

/// <summary>What one run of the early allocations through memblock produced.</summary>
public sealed record PlacementRun(
    bool MirrorFirst,
    IReadOnlyList<PlacedAllocation> Allocations,
    IReadOnlyList<string> KernelLines,
    IReadOnlyList<string> MemblockDebug);
