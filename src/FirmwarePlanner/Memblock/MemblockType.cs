using System.Collections.Immutable;
using FirmwarePlanner.Memblock.Storage;

namespace FirmwarePlanner.Memblock;

/// <summary>
/// <c>struct memblock_type</c>: a name, the region table, the kernel's capacity <c>max</c> (128, doubled by
/// <c>memblock_double_array()</c>), <c>total_size</c>, and where the current array lives (0 = the static
/// <c>__initdata</c> array, which is never freed).
/// </summary>
internal sealed class MemblockType(string name, MemblockStorage storage)
{
    public string Name { get; } = name;

    public RegionTable Regions { get; } = RegionTable.Create(storage);

    public int Max { get; set; } = MemblockConstants.InitRegions;

    public ulong TotalSize { get; set; }

    /// <summary>Physical address of the dynamically allocated array, or null while the static one is used.</summary>
    public ulong? ArrayAddress { get; set; }

    public int Count => Regions.Count;

    public MemblockTypeSnapshot Snapshot() =>
        new(Name, ImmutableArray.Create(Regions.ToArray()), Max, TotalSize);
}
