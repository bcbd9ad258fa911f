using FirmwarePlanner.Kernel;
using FirmwarePlanner.Common;

namespace FirmwarePlanner.Planning;

/// <summary>
/// The x86-64 early allocations of kernel-reference §5 as data, and the order each kernel series makes them in.
/// Addresses: <c>MAX_DMA_ADDRESS</c> = 16 MiB is the goal several callers pass as <c>min_addr</c>.
/// </summary>
public static class EarlyAllocationCatalog
{
    public const ulong MaxDmaAddress = 16 * Sizes.MiB;
    public const ulong Accessible = 0;
    public const ulong Low4G = 0xffff_ffffUL;
    public const ulong PmdSize = 2 * Sizes.MiB;

    private static EarlyAllocationItem I(string id, string fn, AllocationApi api, ulong align, ulong min, ulong max, NodePolicy node,
        SizeRule size, MemoryTier tier, string what) => new(id, fn, api, align, min, max, node, size, tier, what);

    /// <summary>Every item the model knows, by id (ordinal order).</summary>
    public static IReadOnlyList<EarlyAllocationItem> Items { get; } =
    [
        I("kernel-image", "early_reserve_memory", AllocationApi.Reserve, PmdSize, 0, 0, NodePolicy.AnyNode, SizeRule.KernelImage,
            MemoryTier.KernelCritical, "kernel text, data, bss and brk where the loader put them"),
        I("initrd", "early_reserve_initrd", AllocationApi.Reserve, Sizes.PageSize, 0, 0, NodePolicy.AnyNode, SizeRule.Initrd,
            MemoryTier.KernelBuffer, "initial ramdisk where the loader put it (freed after unpacking)"),
        I("realmode", "reserve_real_mode", AllocationApi.PhysAllocRange, Sizes.PageSize, 0, Sizes.MiB, NodePolicy.AnyNode, SizeRule.RealMode,
            MemoryTier.KernelCritical, "real-mode trampoline below 1 MiB; then the whole first MiB is reserved"),
        I("direct-map-page-tables", "init_mem_mapping/alloc_low_pages", AllocationApi.PhysAllocRange, Sizes.PageSize, 0, 0, NodePolicy.AnyNode,
            SizeRule.DirectMapPageTables, MemoryTier.KernelCritical, "PUD/PMD pages of the direct map the brk buffer cannot hold"),
        I("linear-map-page-tables", "paging_init/map_mem/early_pgtable_alloc", AllocationApi.PhysAllocRange, Sizes.PageSize, 0, 0,
            NodePolicy.AnyNode, SizeRule.LinearMapPageTables, MemoryTier.KernelCritical,
            "arm64 linear-map PUD/PMD/PTE table pages (page-granular with rodata=full)"),
        I("log-buf", "setup_log_buf", AllocationApi.AllocTryNid, 8, 0, Accessible, NodePolicy.AnyNode, SizeRule.LogBuffer,
            MemoryTier.KernelBuffer, "printk ring: text, descriptors, infos (log_buf_len= or many CPUs)"),
        I("numa-distance", "numa_alloc_distance", AllocationApi.PhysAllocRange, Sizes.PageSize, 0, 0, NodePolicy.AnyNode, SizeRule.Fixed,
            MemoryTier.KernelCritical, "node distance table (only with SLIT)"),
        I("node-data", "alloc_node_data", AllocationApi.PhysAllocTryNid, 64, 0, Accessible, NodePolicy.PerNode, SizeRule.NodeData,
            MemoryTier.KernelCritical, "pg_data_t of each node with memory"),
        I("cma", "dma_contiguous_reserve", AllocationApi.CmaRange, 4 * Sizes.MiB, 0, 0, NodePolicy.AnyNode, SizeRule.Cma,
            MemoryTier.KernelBuffer, "contiguous memory area (cma=)"),
        I("crashkernel", "reserve_crashkernel_generic", AllocationApi.PhysAllocRange, 16 * Sizes.MiB, 0, 4 * Sizes.GiB, NodePolicy.AnyNode,
            SizeRule.CrashKernel, MemoryTier.KernelBuffer, "kdump kernel area (crashkernel=)"),
        I("gigantic-pages", "hugetlb_bootmem_alloc/hugepages_setup", AllocationApi.AllocTryNid, Sizes.GiB, 0, Accessible, NodePolicy.RoundRobin,
            SizeRule.GiganticPages, MemoryTier.KernelBuffer, "1 GiB huge pages reserved at boot (hugepages= with hugepagesz=1G)"),
        I("mem-section-roots", "memblocks_present", AllocationApi.AllocTryNid, 64, 0, Accessible, NodePolicy.AnyNode, SizeRule.MemSectionRoots,
            MemoryTier.KernelCritical, "mem_section root pointer array"),
        I("mem-section", "sparse_index_alloc", AllocationApi.AllocTryNid, 64, 0, Accessible, NodePolicy.PerNode, SizeRule.MemSectionIndex,
            MemoryTier.KernelCritical, "one page of mem_section per 256 sections"),
        I("usemap", "sparse_early_usemaps_alloc_pgdat_section", AllocationApi.AllocTryNid, 64, 0, 0, NodePolicy.PerNode, SizeRule.Usemap,
            MemoryTier.KernelCritical, "section usage bitmaps, placed near the node's pg_data_t"),
        I("memmap", "sparse_init_nid/vmemmap_alloc_block_buf", AllocationApi.AllocExactNid, PmdSize, MaxDmaAddress, Accessible, NodePolicy.PerNode,
            SizeRule.Memmap, MemoryTier.KernelCritical, "struct page array (vmemmap): 64 B per 4 KiB page"),
        I("vmemmap-page-tables", "vmemmap_alloc_block_zero", AllocationApi.AllocTryNid, Sizes.PageSize, MaxDmaAddress, Accessible, NodePolicy.PerNode,
            SizeRule.VmemmapPageTables, MemoryTier.KernelCritical, "PUD/PMD pages mapping the vmemmap"),
        I("percpu", "pcpu_embed_first_chunk/pcpu_fc_alloc", AllocationApi.AllocTryNid, PmdSize, MaxDmaAddress, Accessible, NodePolicy.PerCpuNode,
            SizeRule.PerCpu, MemoryTier.KernelCritical, "per-CPU first chunk, one block per node with CPUs; unit tails freed"),
        I("dentry-hash", "dcache_init_early", AllocationApi.AllocTryNid, 64, 0, Accessible, NodePolicy.AnyNode, SizeRule.DentryHash,
            MemoryTier.KernelCritical, "dentry hash (early only with one memory node or hashdist=0)"),
        I("inode-hash", "inode_init_early", AllocationApi.AllocTryNid, 64, 0, Accessible, NodePolicy.AnyNode, SizeRule.InodeHash,
            MemoryTier.KernelCritical, "inode hash (early only with one memory node or hashdist=0)"),
        I("swiotlb", "swiotlb_init_remap", AllocationApi.AllocTryNid, Sizes.PageSize, 0, Low4G, NodePolicy.AnyNode, SizeRule.Swiotlb,
            MemoryTier.KernelBuffer, "bounce buffer below 4 GiB (RAM above 4 GiB) plus its slot array"),
    ];

    /// <summary>The items an architecture's boot order makes (catalogue order): what a plan for it lists.</summary>
    public static IEnumerable<EarlyAllocationItem> ItemsFor(KernelTarget kernel, string arch)
    {
        var steps = BootOrder(kernel, arch).Select(s => s.EndsWith("-late", StringComparison.Ordinal) ? s[..^5] : s).ToHashSet(StringComparer.Ordinal);
        return Items.Where(i => steps.Contains(i.Id));
    }

    public static EarlyAllocationItem? Find(string id) => Items.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.Ordinal));

    /// <summary>
    /// Boot order of the items for a kernel series (setup_arch, then start_kernel). 6.x up to 6.12: sparse_init inside
    /// setup_arch's paging_init, gigantic pages while parsing <c>hugepages=</c> after the per-CPU areas, swiotlb in
    /// mem_init. 7.x: gigantic pages and sparse_init in mm_core_init_early, after setup_arch. A <c>-late</c> step is
    /// the second call site of an item: NODE_DATA of memory-less nodes (6.x <c>init_cpu_to_node()</c>, 7.x
    /// <c>free_area_init()</c> after sparse_init) and the printk buffer grown for many CPUs (<c>setup_log_buf(0)</c>).
    /// </summary>
    public static IReadOnlyList<string> BootOrder(KernelTarget kernel, string arch = "x86_64")
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (arch == "arm64")
        {
            // arm64 6.12 setup_arch(): arm64_memblock_init() reserves the image and the initrd, paging_init() maps the
            // linear map, bootmem_init() → arch_numa_init() parses SRAT and SLIT (numa_alloc_distance() on the first
            // SLIT distance) and numa_register_nodes() allocates NODE_DATA for every parsed node, then sparse_init()
            // runs and CMA is reserved (dma_contiguous_reserve); start_kernel() then sets up the per-CPU areas and the
            // log buffer, mem_init() swiotlb. Crash kernel, gigantic pages, the hashes and the small bookkeeping
            // allocations are not modelled.
            return ["kernel-image", "initrd", "linear-map-page-tables", "numa-distance", "node-data", "mem-section-roots", "mem-section", "usemap", "memmap",
                "vmemmap-page-tables", "cma", "percpu", "log-buf", "swiotlb"];
        }

        string[] setupArch = ["kernel-image", "initrd", "realmode", "direct-map-page-tables", "log-buf", "numa-distance", "node-data", "cma", "crashkernel"];
        string[] sparse = ["mem-section-roots", "mem-section", "usemap", "memmap", "vmemmap-page-tables"];
        string[] afterSetupArch = kernel.OfflineNodeDataAfterSparseInit
            ? ["gigantic-pages", .. sparse, "node-data-late"]
            : ["node-data-late", "gigantic-pages", .. sparse];
        return kernel.SparseInitAfterSetupArch
            ? [.. setupArch, .. afterSetupArch, "percpu", "log-buf-late", "dentry-hash", "inode-hash", "swiotlb"]
            : [.. setupArch, .. sparse, "node-data-late", "percpu", "gigantic-pages", "log-buf-late", "dentry-hash", "inode-hash", "swiotlb"];
    }
}
