namespace FirmwarePlanner.Planning;

/// <summary>The memblock entry point an early allocation uses (kernel-reference §1.5).</summary>
public enum AllocationApi
{
    /// <summary>Fixed range placed by the loader or firmware: <c>memblock_reserve</c>.</summary>
    Reserve,

    /// <summary><c>memblock_phys_alloc_range(size, align, start, end)</c>: any node, never drops <c>start</c>.</summary>
    PhysAllocRange,

    /// <summary><c>memblock_phys_alloc_try_nid(size, align, nid)</c>: node first, then any node.</summary>
    PhysAllocTryNid,

    /// <summary><c>memblock_alloc_try_nid[_raw](size, align, min, max, nid)</c>: node first, any node, min dropped on failure.</summary>
    AllocTryNid,

    /// <summary><c>memblock_alloc_exact_nid_raw</c>: the node or nothing (min still dropped).</summary>
    AllocExactNid,

    /// <summary><c>memblock_alloc_range_nid(..., exact_nid=true)</c> bottom-up above 4 GiB, then top-down (CMA).</summary>
    CmaRange,
}

/// <summary>Which node an item asks for.</summary>
public enum NodePolicy
{
    /// <summary>NUMA_NO_NODE: wherever memblock finds room (top-down: the highest suitable memory).</summary>
    AnyNode,

    /// <summary>One request per memory node, for that node.</summary>
    PerNode,

    /// <summary>One request per group of CPUs that share a node (per-CPU first chunk).</summary>
    PerCpuNode,

    /// <summary>Requests spread over the memory nodes in turn (boot-time gigantic pages).</summary>
    RoundRobin,
}

/// <summary>What an early allocation holds, which decides its priority group in the tiered policy.</summary>
public enum MemoryTier
{
    /// <summary>Kernel memory the kernel cannot recover from losing (page tables, struct page, per-CPU, pgdat).</summary>
    KernelCritical,

    /// <summary>Kernel-owned buffers whose loss is survivable or that serve devices/users (swiotlb, CMA, hugepages, crash kernel).</summary>
    KernelBuffer,
}

/// <summary>How an item's size follows from the machine (see <c>docs/profile.md</c> for each formula).</summary>
public enum SizeRule
{
    /// <summary>A constant from the profile (<c>size</c>).</summary>
    Fixed,

    /// <summary>Loader-placed kernel image (profile <c>kernelImage</c>).</summary>
    KernelImage,

    /// <summary>Loader-placed initrd (profile <c>initrd</c>).</summary>
    Initrd,

    /// <summary>Real-mode trampoline below 1 MiB.</summary>
    RealMode,

    /// <summary>Direct-map page-table pages that the brk buffer cannot provide.</summary>
    DirectMapPageTables,

    /// <summary>arm64 <c>map_mem()</c>: the linear map's page-table pages, one <c>early_pgtable_alloc()</c> page each.</summary>
    LinearMapPageTables,

    /// <summary><c>log_buf_len=</c> or the per-CPU extra: text, descriptor and info arrays.</summary>
    LogBuffer,

    /// <summary><c>sizeof(pg_data_t)</c> rounded as the kernel rounds it.</summary>
    NodeData,

    /// <summary><c>cma=</c>.</summary>
    Cma,

    /// <summary><c>crashkernel=</c>.</summary>
    CrashKernel,

    /// <summary>Boot-time gigantic pages from <c>hugepages=</c> with a 1 GiB size.</summary>
    GiganticPages,

    /// <summary>Root array of <c>mem_section</c> pointers.</summary>
    MemSectionRoots,

    /// <summary>One page of <c>mem_section</c> per 256 present sections' root.</summary>
    MemSectionIndex,

    /// <summary>Section usage maps, per node.</summary>
    Usemap,

    /// <summary>struct page array: 64 B per 4 KiB page, 2 MiB per 128 MiB section.</summary>
    Memmap,

    /// <summary>vmemmap PUD/PMD table pages.</summary>
    VmemmapPageTables,

    /// <summary>Per-CPU first chunk, one block per node with CPUs.</summary>
    PerCpu,

    /// <summary>Dentry hash table (single memory node only).</summary>
    DentryHash,

    /// <summary>Inode hash table (single memory node only).</summary>
    InodeHash,

    /// <summary>SWIOTLB bounce buffer plus its slot array.</summary>
    Swiotlb,
}

/// <summary>
/// One early (memblock-time) kernel allocation as data: the kernel function that makes it, the memblock API, its
/// alignment and address limits, whose node it asks for, how its size follows from the machine, and where it sits
/// in the boot order of each kernel series. <see cref="MaxAddr"/> uses the kernel's sentinels: 0 is
/// MEMBLOCK_ALLOC_ACCESSIBLE (the current limit).
/// </summary>
public sealed record EarlyAllocationItem(
    string Id,
    string Function,
    AllocationApi Api,
    ulong Align,
    ulong MinAddr,
    ulong MaxAddr,
    NodePolicy NodePolicy,
    SizeRule Size,
    MemoryTier Tier,
    string Description)
{
    /// <summary>Human form of the API, as the kernel spells the call.</summary>
    public string ApiName => Api switch
    {
        AllocationApi.Reserve => "memblock_reserve",
        AllocationApi.PhysAllocRange => "memblock_phys_alloc_range",
        AllocationApi.PhysAllocTryNid => "memblock_phys_alloc_try_nid",
        AllocationApi.AllocTryNid => "memblock_alloc_try_nid",
        AllocationApi.AllocExactNid => "memblock_alloc_exact_nid_raw",
        AllocationApi.CmaRange => "memblock_alloc_range_nid(exact)",
        _ => Api.ToString(),
    };
}
