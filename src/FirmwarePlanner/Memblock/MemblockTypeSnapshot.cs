using System.Collections.Immutable;

namespace FirmwarePlanner.Memblock;

/// <summary>
/// An immutable copy of one <c>struct memblock_type</c>: its regions in order, capacity (<c>max</c>) and
/// <c>total_size</c> as the kernel keeps it (which <c>memblock_trim_memory()</c> leaves stale, like Linux).
/// </summary>
public sealed record MemblockTypeSnapshot(string Name, ImmutableArray<MemblockRegion> Regions, int Max, ulong TotalSize)
{
    /// <summary><c>cnt</c>.</summary>
    public int Count => Regions.Length;
}
