using FirmwarePlanner.Kernel;
using FirmwarePlanner.Common;

namespace FirmwarePlanner.Numa;

/// <summary>
/// One memory range as Linux's SRAT parser accepts it (<c>acpi_parse_memory_affinity</c>): enabled, with the
/// node id Linux assigned to its proximity domain. <paramref name="Pxm"/> is already masked to 8 bits for
/// SRAT revision ≤ 1, as the kernel does.
/// </summary>
public sealed record NumaMemoryBlock(int Node, uint Pxm, AddressRange Range, bool Hotpluggable, bool NonVolatile);

/// <summary>
/// What Linux takes from SRAT (and SLIT) for NUMA: the accepted memory blocks and CPUs in table order with the
/// node numbering Linux assigns (CPU entries first, then memory), whether Linux would use the table at all
/// (<c>bad_srat()</c> disables it), and the SLIT distances by node when present.
/// </summary>
public sealed record NumaFirmwareInfo(
    IReadOnlyList<NumaMemoryBlock> MemoryBlocks,
    IReadOnlyList<NumaCpu> Cpus,
    bool Usable,
    IReadOnlyDictionary<uint, int> PxmToNode,
    int[,]? Distances)
{
    /// <summary>
    /// True when the information was rebuilt from kernel log lines rather than the table: only enabled memory
    /// entries the kernel printed (and CPUs when <c>SRAT: PXM … -> APIC</c> debug lines were there) are known.
    /// </summary>
    public bool Partial { get; init; }

    /// <summary>A valid SLIT gave at least one distance between nodes (so x86 allocated its distance table).</summary>
    public bool SlitApplied { get; init; }

    /// <summary>Node ids that have at least one CPU or memory block, ascending.</summary>
    public IReadOnlyList<int> Nodes =>
        MemoryBlocks.Select(b => b.Node).Concat(Cpus.Select(c => c.Node)).Where(n => n >= 0).Distinct().Order().ToArray();
}
