namespace FirmwarePlanner.Kernel;

/// <summary>
/// The kernel a prediction is made for: its release, its build facts, and where the release came from. Every
/// behaviour that changed between releases is a predicate below, named after the kernel change that made it and
/// written as a lower bound on the release, never as equality to one release.
/// </summary>
public sealed record KernelTarget(KernelRelease Release, KernelBuild Build, string Origin)
{
    /// <summary>The release predicted for when neither the user nor a log names one.</summary>
    public static KernelRelease DefaultRelease { get; } = new(6, 12, 0, "6.12");

    public static KernelTarget Default { get; } = new(DefaultRelease, KernelBuild.Distribution, "default");

    /// <summary>The <see cref="Origin"/> of a release a build profile named (it wins over a log's banner).</summary>
    public const string ProfileOrigin = "profile";

    /// <summary>&lt; 6.11: <c>efi_fake_mem=</c> exists (CONFIG_EFI_FAKE_MEMMAP; "x86/efi: Drop support for fake EFI memory maps", 6.11).</summary>
    public bool HasEfiFakeMem => !Release.AtLeast(6, 11);

    /// <summary>&gt;= 6.2: x86 <c>efi_remove_e820_mmio()</c> drops large EfiMemoryMappedIO ranges from e820 ("x86/efi: ... remove EfiMemoryMappedIO from E820 map").</summary>
    public bool RemovesLargeEfiMmioFromE820 => Build.EfiMmioRemoval ?? Release.AtLeast(6, 2);

    /// <summary>
    /// &gt;= 6.12: <c>numa_cleanup_meminfo()</c> clamps blocks to <c>[memblock_start_of_DRAM, memblock_end_of_DRAM)</c> (the
    /// generic <c>mm/numa_memblks.c</c>, "mm: introduce numa_memblks"); x86 used <c>[0, max_pfn)</c> before, so its merge
    /// lines start at 0.
    /// </summary>
    public bool NumaCleanupClampsToDram => Release.AtLeast(6, 12);

    /// <summary>&gt;= 6.5: debugfs <c>memblock/memory</c> lines carry the node id and flags ("memblock: Add flags and nid info in memblock debugfs").</summary>
    public bool DebugfsShowsNodeAndFlags => Release.AtLeast(6, 5);

    /// <summary>
    /// Before 7.x x86 also adds E820_RESERVED_KERN (setup_data) entries to memblock as RAM; "x86/e820: drop
    /// E820_TYPE_RESERVED_KERN and related code" removed the type (seen gone in 7.2; the exact release is to be
    /// confirmed from the kernel's sources).
    /// </summary>
    public bool E820AddsReservedKern => !Release.AtLeast(7, 0);

    /// <summary>
    /// &gt;= 7.0: x86 <c>e820_print_type()</c> names RAM <c>System RAM</c> and reserved <c>device reserved</c> (PMEM/PRAM
    /// <c>persistent RAM (type N)</c>) and <c>e820__print_table()</c> prints the holes as <c>[gap …]</c> lines (Ingo
    /// Molnar's "x86/boot/e820" cleanup series; present in Debian's 7.2.13, absent from 6.12.117; the first release
    /// between them that has it is not confirmed from a source tree, so the bound is 7.0).
    /// </summary>
    public bool E820PrintsSystemRamNames => Release.AtLeast(7, 0);

    /// <summary>
    /// &gt;= 7.0: <c>e820__memblock_setup()</c> marks memory below 1 MiB MEMBLOCK_KHO_SCRATCH
    /// (<c>memblock_mark_kho_scratch(0, SZ_1M)</c>, unconditional) and <c>reserve_real_mode()</c> clears it again after
    /// the trampoline is allocated (the kexec-handover series; in Debian's 7.2.13, not in 6.12.117; bounded at 7.0,
    /// where the model's 7.x memblock starts, until a 6.16–6.19 tree is read).
    /// </summary>
    public bool E820MarksLowMemoryKhoScratch => Release.AtLeast(7, 0);

    /// <summary>&lt; 6.12: x86 rounds NODE_DATA up to a page (<c>roundup(sizeof(pg_data_t), PAGE_SIZE)</c>); since, to 64 bytes.</summary>
    public bool NodeDataPageRounded => !Release.AtLeast(6, 12);

    /// <summary>7.x: <c>sparse_init()</c> and boot-time gigantic pages run in <c>mm_core_init_early()</c>, after setup_arch.</summary>
    public bool SparseInitAfterSetupArch => Release.AtLeast(7, 0);

    /// <summary>
    /// &gt;= 7.0: NODE_DATA of a memory-less node is allocated by <c>free_area_init()</c> (<c>alloc_offline_node_data()</c>
    /// for every node without one, after <c>sparse_init()</c>), no longer by x86 <c>init_cpu_to_node()</c> during setup_arch
    /// (Debian's 7.2.13 sources and h2-…-72's log; bounded at 7.0 like <see cref="SparseInitAfterSetupArch"/>).
    /// </summary>
    public bool OfflineNodeDataAfterSparseInit => Release.AtLeast(7, 0);

    /// <summary>
    /// numa_alloc_distance() prints <c>NUMA: Initialized distance table, cnt=N</c> with <c>printk(KERN_DEBUG …)</c>
    /// (Debian's 6.12 sources; 6.1's arch/x86/mm/numa.c too); a 2025 change (on 6.17-rc) turned it into
    /// <c>pr_debug()</c>, absent without dynamic debug: h2-…-72's 7.2 log allocates the table without the line. Bounded
    /// at 7.0 like <see cref="SparseInitAfterSetupArch"/>; the releases between are not checked.
    /// </summary>
    public bool PrintsNumaDistanceTable => !Release.AtLeast(7, 0);

    /// <summary>7.x: the memmap is allocated per 2 MiB vmemmap block with try_nid (no per-node exact buffer).</summary>
    public bool MemmapPerBlock => Release.AtLeast(7, 0);

    /// <summary>7.x: node-specific <c>hugepages=N:X</c> allocates with exact_nid; 6.x with try_nid.</summary>
    public bool HugepagesExactNid => Release.AtLeast(7, 0);

    /// <summary>CONFIG_ZONE_DEVICE (a build fact): the zone list prints a <c>Device</c> line.</summary>
    public bool ZoneDevice => Build.ZoneDevice;

    /// <summary>The release, as reports name the kernel.</summary>
    public override string ToString() => Release.ToString();

    /// <summary>What to say about the target in notes and reports: <c>Linux 6.12 (default)</c>.</summary>
    public string Describe() => $"Linux {Release} ({Origin})";

    /// <summary>A target for release text (as <c>--kernel</c> takes it), with the distribution build.</summary>
    public static bool TryParse(string? text, out KernelTarget? target, out string? error)
    {
        target = null;
        if (!KernelRelease.TryParse(text, out var release, out error))
        {
            return false;
        }

        target = new KernelTarget(release, KernelBuild.Distribution, "--kernel");
        return true;
    }
}
