using FirmwarePlanner.Kernel;
using FirmwarePlanner.Common;

namespace FirmwarePlanner.Planning;

/// <summary>A range the loader chose (kernel image, initrd): its size and, when known, its physical address.</summary>
public sealed record LoaderPlacement(ulong Size, ulong? Address);

/// <summary>
/// arm64: the part of the kernel image <c>map_mem()</c> maps apart, <c>[_text, __init_begin)</c>, as offsets from
/// <c>_text</c> (a build fact: /proc/iomem's <c>Kernel code</c> resource is exactly this range).
/// </summary>
public sealed record KernelTextSpan(ulong StartOffset, ulong EndOffset);

/// <summary>Per-item override from a profile file; null fields keep the model's value.</summary>
public sealed record ItemOverride(bool? Enabled, ulong? Size, ulong? Align, ulong? MinAddr, ulong? MaxAddr);

/// <summary>Running-kernel headroom the sizing recommendation adds on top of the early need of a node.</summary>
public sealed record Headroom(double PercentOfRam, ulong Minimum)
{
    public ulong For(ulong nodeRam) => Math.Max(Minimum, (ulong)(nodeRam * (PercentOfRam / 100.0)));
}

/// <summary>
/// The kernel-build facts the early-allocation sizes depend on (documented key by key in <c>docs/profile.md</c>).
/// <see cref="BuiltIn"/> describes a Debian 6.12 amd64 kernel; a profile file overrides any of it.
/// </summary>
public sealed record PlanningProfile
{
    /// <summary>Which profile this is, as reports name it: the built-in default, a built-in name, a file, or learned from a log.</summary>
    public string Name { get; init; } = "built-in default (Debian 6.12 amd64)";

    public KernelTarget Kernel { get; init; } = KernelTarget.Default;

    public string Arch { get; init; } = "x86_64";

    /// <summary><c>sizeof(pg_data_t)</c>; rounded to 64 B (6.12+) or a page (before) when allocated.</summary>
    public ulong NodeDataSize { get; init; } = 0x2a980;

    public ulong StructPageSize { get; init; } = 64;

    /// <summary>ALIGN(real-mode blob, 4 KiB).</summary>
    public ulong RealModeSize { get; init; } = 0x7000;

    /// <summary>INIT_PGT_BUF_SIZE / 4 KiB: 16 with 5-level paging and RANDOMIZE_MEMORY (Debian), 6 without either.</summary>
    public int BrkPageTablePages { get; init; } = 16;

    /// <summary>
    /// CONFIG_RANDOMIZE_MEMORY (y in distribution builds, off with KASAN): unless <c>nokaslr</c>, the direct map's base is
    /// randomized and <c>init_trampoline_kaslr()</c> takes a page-table page from brk.
    /// </summary>
    public bool RandomizeMemory { get; init; } = true;

    /// <summary>The CPU maps the direct map with 1 GiB pages (pdpe1gb): no PMD table pages for fully-RAM gigabytes.</summary>
    public bool GbPages { get; init; } = true;

    public LoaderPlacement KernelImage { get; init; } = new(0x2c11000, null);

    public LoaderPlacement Initrd { get; init; } = new(64 * Sizes.MiB, null);

    public ulong LogBufDescSize { get; init; } = 24;

    public ulong LogBufInfoSize { get; init; } = 88;

    /// <summary>CONFIG_LOG_BUF_SHIFT.</summary>
    public int LogBufShift { get; init; } = 18;

    /// <summary>CONFIG_LOG_CPU_MAX_BUF_SHIFT.</summary>
    public int LogCpuMaxBufShift { get; init; } = 12;

    /// <summary>8 × NR_SECTION_ROOTS.</summary>
    public ulong MemSectionRootsSize { get; init; } = 32768;

    /// <summary>mem_section_usage_size(): usage bitmap bytes per present section.</summary>
    public ulong UsemapSectionSize { get; init; } = 56;

    public ulong PercpuStaticSize { get; init; } = 233472;

    public ulong PercpuReservedSize { get; init; } = 8192;

    /// <summary>PERCPU_DYNAMIC_RESERVE.</summary>
    public ulong PercpuDynamicSize { get; init; } = 28672;

    /// <summary>pcpu_embed_first_chunk()'s atom_size: PMD_SIZE on x86-64, PAGE_SIZE on arm64.</summary>
    public ulong PercpuAtomSize { get; init; } = 2 * Sizes.MiB;

    /// <summary>CONFIG_CMA_SIZE_MBYTES: the CMA area dma_contiguous_reserve() sets aside without <c>cma=</c> (0: none).</summary>
    public ulong CmaDefaultSize { get; init; }

    /// <summary>IO_TLB_DEFAULT_SIZE (or <c>swiotlb=</c> slabs × 2 KiB).</summary>
    public ulong SwiotlbSize { get; init; } = 64 * Sizes.MiB;

    public Headroom Headroom { get; init; } = new(2.0, 64 * Sizes.MiB);

    /// <summary>The recommendation is rounded up to this (a memory section by default).</summary>
    public ulong MirrorGranularity { get; init; } = 128 * Sizes.MiB;

    /// <summary>Ratelimit burst of pr_warn_ratelimited (DEFAULT_RATELIMIT_BURST): warnings past it are suppressed.</summary>
    public int WarningBurst { get; init; } = 10;

    public IReadOnlyDictionary<string, ItemOverride> Items { get; init; } = new Dictionary<string, ItemOverride>(StringComparer.Ordinal);

    /// <summary>arm64 only: <c>[_text, __init_begin)</c>, which <c>map_mem()</c> maps apart (block mappings allowed).</summary>
    public KernelTextSpan? KernelText { get; init; }

    public static PlanningProfile BuiltIn { get; } = new();

    /// <summary>
    /// Debian's arm64 6.12 build (linux-image-6.12.117+deb12-arm64), its facts as its boots in fixtures/qemu-arm64
    /// show them: <c>NODE_DATA(0) allocated [mem 0x8fc088c0-0x8fc0bfff]</c> (0x3740 = roundup(sizeof(pg_data_t), 64)),
    /// the image <c>[_text, _end)</c> of 0x2b30000 bytes that arm64_memblock_init() reserves (the EFI stub's LoaderCode
    /// allocation of the same size), <c>Kernel code</c> 0x1d00000 bytes from <c>_text</c> in /proc/iomem, sparse_init's
    /// 131072-byte mem_section root array, <c>percpu: Embedded 34 pages/cpu s101464 r8192 d29608 u139264</c> (atom
    /// PAGE_SIZE), CONFIG_CMA_SIZE_MBYTES=64 (<c>cma: Reserved 64 MiB</c>) and a VA_BITS=52 build (CONFIG_ARM64_LPA2),
    /// all in a7's memblock=debug trace and its config. Sizes this build was not measured for keep
    /// <see cref="BuiltIn"/>'s.
    /// </summary>
    public static PlanningProfile BuiltInArm64 { get; } = new()
    {
        Arch = "arm64",
        NodeDataSize = 0x3740,
        KernelImage = new(0x2b30000, null),
        KernelText = new(0, 0x1d00000),
        MemSectionRootsSize = 131072,
        PercpuStaticSize = 101464,
        PercpuReservedSize = 8192,
        PercpuDynamicSize = 29608,
        PercpuAtomSize = Sizes.PageSize,
        CmaDefaultSize = 64 * Sizes.MiB,
        Arm64Va52Build = true,
    };

    /// <summary>
    /// arm64: the kernel is built for 52-bit virtual addresses (CONFIG_ARM64_VA_BITS_52). On a CPU without LPA2 it runs
    /// with 48 bits and arm64_memblock_init() lowers <c>memstart_addr</c> by <c>_PAGE_OFFSET(48) - _PAGE_OFFSET(52)</c>,
    /// which puts <c>__pa(MAX_DMA_ADDRESS)</c> (= <c>__pa(PAGE_OFFSET)</c>) far above any memory.
    /// </summary>
    public bool Arm64Va52Build { get; init; }

    /// <summary>arm64: the CPU implements 52-bit VAs with 4 KiB pages (FEAT_LPA2). Not in firmware tables: assumed absent.</summary>
    public bool Arm64CpuLpa2 { get; init; }

    /// <summary>The built-in profile of an architecture.</summary>
    public static PlanningProfile BuiltInFor(string arch) => arch == "arm64" ? BuiltInArm64 : BuiltIn;

    /// <summary>The item as this profile has it (overrides applied), or null when disabled.</summary>
    public EarlyAllocationItem? Resolve(EarlyAllocationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!Items.TryGetValue(item.Id, out var o))
        {
            return item;
        }

        if (o.Enabled == false)
        {
            return null;
        }

        return item with
        {
            Align = o.Align ?? item.Align,
            MinAddr = o.MinAddr ?? item.MinAddr,
            MaxAddr = o.MaxAddr ?? item.MaxAddr,
        };
    }

    /// <summary>An explicit size override for an item, if the profile sets one.</summary>
    public ulong? SizeOverride(string id) => Items.TryGetValue(id, out var o) ? o.Size : null;
}
