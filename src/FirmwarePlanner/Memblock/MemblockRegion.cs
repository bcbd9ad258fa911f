namespace FirmwarePlanner.Memblock;

/// <summary>
/// <c>struct memblock_region</c>: the half-open range <c>[Base, Base + Size)</c>, its flags and the raw node id
/// as stored (<see cref="MemblockConstants.MaxNumNodes"/> = never assigned, -1 = NUMA_NO_NODE).
/// </summary>
public readonly record struct MemblockRegion(ulong Base, ulong Size, MemblockFlags Flags, int Nid)
{
    /// <summary>Exclusive end. Never overflows: memblock caps every size to <c>PHYS_ADDR_MAX - base</c>.</summary>
    public ulong End => Base + Size;
}

/// <summary>One range produced by a memblock range iterator (<c>for_each_free_mem_range</c> and friends).</summary>
public readonly record struct MemblockRange(ulong Start, ulong End, int Nid)
{
    /// <summary>Bytes in the range (zero for the kernel's zero-length artefact).</summary>
    public ulong Size => End - Start;
}

/// <summary>Which memblock array.</summary>
public enum MemblockTypeKind
{
    /// <summary><c>memblock.memory</c>.</summary>
    Memory,

    /// <summary><c>memblock.reserved</c>.</summary>
    Reserved,
}
