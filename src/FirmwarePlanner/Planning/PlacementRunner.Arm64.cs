using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock;

namespace FirmwarePlanner.Planning;

/// <summary>The arm64 items (arch/arm64/mm/mmu.c).</summary>
public sealed partial class PlacementRunner
{
    private const int PteTableShift = 21; // one PTE table maps PMD_SIZE (2 MiB) with 4 KiB pages
    private const int PmdTableShift = 30; // one PMD table maps PUD_SIZE (1 GiB)
    private const int PudTableShift = 39; // one PUD table maps a PGD entry (512 GiB with 4 levels)

    /// <summary>_PAGE_OFFSET(48) - _PAGE_OFFSET(52): what arm64_memblock_init() takes off memstart_addr when a 52-bit build runs with 48 bits.</summary>
    private const ulong Va52To48Shift = 0xffff_0000_0000_0000UL - 0xfff0_0000_0000_0000UL;

    /// <summary>
    /// The item as the architecture makes the call: on arm64, callers that pass <c>__pa(MAX_DMA_ADDRESS)</c> as
    /// min_addr (memmap_alloc, vmemmap tables, pcpu_fc_alloc) pass arm64's value, and the per-CPU first chunk is aligned
    /// to its atom (a page).
    /// </summary>
    private EarlyAllocationItem ForArch(EarlyAllocationItem item)
    {
        if (_profile.Arch != "arm64")
        {
            return item;
        }

        var i = item.MinAddr == EarlyAllocationCatalog.MaxDmaAddress ? item with { MinAddr = Arm64MaxDmaPhys } : item;
        return i.Size == SizeRule.PerCpu ? i with { Align = _profile.PercpuAtomSize } : i;
    }

    /// <summary>
    /// arm64 <c>__pa(MAX_DMA_ADDRESS)</c>: MAX_DMA_ADDRESS is PAGE_OFFSET (asm-generic/dma.h), whose physical address
    /// is <c>memstart_addr</c> — the start of DRAM rounded down to ARM64_MEMSTART_ALIGN (1 GiB), lowered by
    /// <see cref="Va52To48Shift"/> (wrapping) when a 52-bit build runs without LPA2: then above every memory address,
    /// so each such allocation misses once (a mirror-first one prints its warning) and memblock_alloc_internal()
    /// retries from 0.
    /// </summary>
    private ulong Arm64MaxDmaPhys
    {
        get
        {
            var memstart = _m.StartOfDram & ~(Sizes.GiB - 1);
            return _profile.Arm64Va52Build && !_profile.Arm64CpuLpa2 ? unchecked(memstart - Va52To48Shift) : memstart;
        }
    }

    /// <summary>arm64_dma_phys_limit: max_zone_phys(32) — 4 GiB (or the end of DRAM below it) when DRAM starts below 4 GiB, else no limit.</summary>
    private ulong Arm64DmaLimit => _m.StartOfDram > uint.MaxValue ? _m.EndOfDram : Math.Min(uint.MaxValue, _m.EndOfDram - 1) + 1;

    /// <summary>
    /// paging_init() → map_mem(): every memblock memory range that is not NOMAP, page-aligned inward, is mapped with
    /// NO_BLOCK_MAPPINGS | NO_CONT_MAPPINGS (Debian's CONFIG_RODATA_FULL_DEFAULT_ENABLED makes can_set_direct_map()
    /// true), except <c>[_text, __init_begin)</c>, which is marked NOMAP for that loop and then mapped alone with block
    /// mappings allowed. Each table comes from early_pgtable_alloc() → memblock_phys_alloc_range(PAGE_SIZE, PAGE_SIZE,
    /// 0, MEMBLOCK_ALLOC_NOLEAKTRACE), one page at a time: a PTE table per 2 MiB span any page-mapped range touches
    /// (a 2 MiB span the image covers whole gets a block instead), a PMD table per 1 GiB span and a PUD table per PGD
    /// entry, counted in the linear map's own coordinates (<c>memstart_addr</c>: the start of DRAM rounded down to
    /// ARM64_MEMSTART_ALIGN, 1 GiB with 4 KiB pages). The PGD is swapper_pg_dir itself.
    /// </summary>
    private void LinearMap(EarlyAllocationItem item)
    {
        var memstart = _m.StartOfDram & ~(Sizes.GiB - 1);
        var ptes = new HashSet<ulong>();
        var pmds = new HashSet<ulong>();
        var puds = new HashSet<ulong>();
        void Touch(ulong pa, bool pte)
        {
            if (pte)
            {
                ptes.Add(pa >> PteTableShift);
            }

            pmds.Add((pa - memstart) >> PmdTableShift);
            puds.Add((pa - memstart) >> PudTableShift);
        }

        void Map(ulong start, ulong end, bool blocks)
        {
            for (var a = start; a < end;)
            {
                var spanEnd = Math.Min(end, ((a >> PteTableShift) + 1) << PteTableShift);
                var whole = a == (a >> PteTableShift) << PteTableShift && spanEnd - a == 1UL << PteTableShift;
                Touch(a, !(blocks && whole));
                a = spanEnd;
            }
        }

        AddressRange? text = _machine.KernelImage is { } image && _profile.KernelText is { } t
            ? new AddressRange(image.Start + t.StartOffset, image.Start + t.EndOffset)
            : null;
        foreach (var r in _m.Memory.Regions.Where(r => (r.Flags & MemblockFlags.NoMap) == 0))
        {
            var start = AlignUp(r.Base, Sizes.PageSize);
            var end = r.End & ~(Sizes.PageSize - 1);
            if (text is not { } k)
            {
                Map(start, end, false);
                continue;
            }

            Map(start, Math.Min(end, k.Start), false);
            Map(Math.Max(start, k.End), end, false);
        }

        if (text is { } kt)
        {
            Map(kt.Start, kt.End, true);
        }

        var pages = (ulong)(ptes.Count + pmds.Count + puds.Count);
        for (ulong i = 0; i < pages; i++)
        {
            if (Record(item, "early_pgtable_alloc → memblock_phys_alloc_range", null, Sizes.PageSize, Sizes.PageSize,
                () => _m.PhysAllocRange(Sizes.PageSize, Sizes.PageSize, 0, MemblockConstants.AllocAccessible)) == 0)
            {
                // early_pgtable_alloc() panics: "Failed to allocate page table page"
                Line("Failed to allocate page table page");
                return;
            }
        }
    }
}
