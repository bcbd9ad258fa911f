namespace FirmwarePlanner.Memblock;

/// <summary>The configuration the memblock model (and the oracle) uses: x86-64, NUMA, NODES_SHIFT 10.</summary>
public static class MemblockConstants
{
    /// <summary><c>MAX_NUMNODES</c> with NODES_SHIFT=10 (x86-64 distro kernels); the nid <c>memblock_add()</c> stores.</summary>
    public const int MaxNumNodes = 1024;

    /// <summary><c>NUMA_NO_NODE</c>.</summary>
    public const int NumaNoNode = -1;

    /// <summary><c>PAGE_SIZE</c>.</summary>
    public const ulong PageSize = 4096;

    /// <summary><c>PAGE_SHIFT</c>.</summary>
    public const int PageShift = 12;

    /// <summary><c>SMP_CACHE_BYTES</c> on x86-64: the alignment used when a caller passes 0.</summary>
    public const ulong SmpCacheBytes = 64;

    /// <summary><c>INIT_MEMBLOCK_REGIONS</c>: the static capacity of both arrays.</summary>
    public const int InitRegions = 128;

    /// <summary><c>sizeof(struct memblock_region)</c> on x86-64 with CONFIG_NUMA (8+8+4+4).</summary>
    public const ulong RegionBytes = 24;

    /// <summary><c>PHYS_ADDR_MAX</c> / <c>MEMBLOCK_ALLOC_ANYWHERE</c>.</summary>
    public const ulong PhysAddrMax = ulong.MaxValue;

    /// <summary><c>MEMBLOCK_ALLOC_ANYWHERE</c>: no upper limit.</summary>
    public const ulong AllocAnywhere = ulong.MaxValue;

    /// <summary><c>MEMBLOCK_ALLOC_ACCESSIBLE</c>: use <c>current_limit</c>.</summary>
    public const ulong AllocAccessible = 0;

    /// <summary><c>MEMBLOCK_ALLOC_NOLEAKTRACE</c>: use <c>current_limit</c>, skip kmemleak.</summary>
    public const ulong AllocNoLeakTrace = 1;

    /// <summary><c>ARCH_LOW_ADDRESS_LIMIT</c> (x86 keeps the default 4 GiB − 1): <c>memblock_alloc_low()</c>'s max.</summary>
    public const ulong ArchLowAddressLimit = 0xffff_ffff;

    /// <summary><c>ENOMEM</c>: memblock returns <c>-ENOMEM</c> when an array cannot grow.</summary>
    public const int ENoMem = 12;

    /// <summary><c>numa_valid_node()</c>: 0 ≤ nid &lt; MAX_NUMNODES.</summary>
    public static bool IsValidNode(int nid) => nid is >= 0 and < MaxNumNodes;
}
