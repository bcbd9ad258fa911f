using FirmwarePlanner.Common;

namespace FirmwarePlanner.Planning;

/// <summary>
/// x86-64 <c>init_mem_mapping()</c> at table granularity: the order <c>memory_map_top_down()</c> maps RAM in (the
/// 2 MiB probe below the top of RAM, then steps growing ×256 downwards, then what lies above the probe), which
/// PUD/PMD table pages each step needs, and whether the brk buffer (<c>INIT_PGT_BUF_SIZE</c>) may provide them
/// (<c>can_use_brk_pgt</c>: not while mapping the memblock region that holds brk). Pages that the brk buffer cannot
/// hold come from <c>memblock_phys_alloc_range(4K, 4K, min_pfn_mapped, max_pfn_mapped)</c>. With memory KASLR,
/// <c>init_trampoline_kaslr()</c> takes one page (two with 5-level paging) from brk right after the ISA mapping. Not
/// modelled: splitting a 2 MiB mapping that <c>adjust_range_page_size_mask()</c> widened, and the extra PUD page a
/// randomized direct-map base can need when the RAM then crosses one more 512 GiB boundary (a per-boot random choice).
/// </summary>
public sealed class DirectMapModel
{
    private const ulong Pmd = 2 * Sizes.MiB;
    private readonly UnitSet _pmdTables = new();
    private readonly UnitSet _pudTables = new();
    private readonly UnitSet _pteTables = new();
    private readonly IReadOnlyList<AddressRange> _ram;
    private readonly bool _gbPages;
    private readonly ulong _brkStart;
    private readonly ulong _brkEnd;
    private int _brkLeft;

    public DirectMapModel(IReadOnlyList<AddressRange> memoryRegions, bool gbPages, int brkPages, AddressRange brk, int trampolinePages = 0)
    {
        ArgumentNullException.ThrowIfNull(memoryRegions);
        _ram = memoryRegions.OrderBy(r => r.Start).ToArray();
        _gbPages = gbPages;
        _brkStart = brk.Start;
        _brkEnd = brk.End;

        // The ISA mapping [0, 1 MiB) done first: PUD, PMD and one PTE page, from brk.
        _pudTables.Add(0, 0);
        _pmdTables.Add(0, 0);
        _pteTables.Add(0, 0);
        _brkLeft = Math.Max(0, brkPages - 3 - trampolinePages);
    }

    /// <summary>
    /// Walks the mapping steps. <paramref name="allocate"/> is called for each page that must come from memblock
    /// with (min, max) of the already-mapped window and the number of 4 KiB pages wanted together (one region's
    /// tables), and returns the address or 0. The work is proportional to the regions and steps, not to the GiB.
    /// </summary>
    public void Run(ulong probeEnd, ulong mapEnd, Func<ulong, ulong, ulong, ulong> allocate)
    {
        ArgumentNullException.ThrowIfNull(allocate);
        const ulong mapStart = Sizes.MiB;
        var realEnd = probeEnd;
        var step = Pmd;
        ulong maxMapped = 0, minMapped = realEnd, mappedRam = 0;
        var lastStart = realEnd;
        while (lastStart > mapStart)
        {
            ulong start;
            if (lastStart > step)
            {
                start = (lastStart - 1) & ~(step - 1);
                start = Math.Max(start, mapStart);
            }
            else
            {
                start = mapStart;
            }

            mappedRam += MapRange(start, lastStart, minMapped, maxMapped, allocate);
            maxMapped = Math.Max(maxMapped, lastStart);
            lastStart = start;
            minMapped = lastStart;
            if (mappedRam >= step)
            {
                step <<= 8;
            }
        }

        if (realEnd < mapEnd)
        {
            MapRange(realEnd, mapEnd, minMapped, maxMapped, allocate);
        }
    }

    /// <summary>
    /// <c>init_range_memory_mapping()</c>: each memblock memory region clipped to the step, with
    /// <c>can_use_brk_pgt</c> decided per region; a region needs a PUD page per new 512 GiB, a PMD page per new
    /// GiB (unless mapped whole with 1 GiB pages) and a PTE page per 2 MiB block its unaligned ends fall in.
    /// </summary>
    private ulong MapRange(ulong start, ulong end, ulong minMapped, ulong maxMapped, Func<ulong, ulong, ulong, ulong> allocate)
    {
        ulong mapped = 0;
        foreach (var r in _ram)
        {
            var s = Math.Max(r.Start, start);
            var e = Math.Min(r.End, end);
            if (s >= e)
            {
                continue;
            }

            var canUseBrk = Math.Max(s, _brkStart) >= Math.Min(e, _brkEnd);
            mapped += e - s;
            ulong g0 = s >> 30, g1 = (e - 1) >> 30;
            var pages = _pudTables.Add(g0 >> 9, g1 >> 9);
            if (!_gbPages)
            {
                pages += _pmdTables.Add(g0, g1);
            }
            else
            {
                // With 1 GiB pages only a GiB the range does not cover whole needs a PMD page: at most the two ends.
                if (s > (g0 << 30) || e < ((g0 << 30) + Sizes.GiB))
                {
                    pages += _pmdTables.Add(g0, g0);
                }

                if (g1 != g0 && e < ((g1 << 30) + Sizes.GiB))
                {
                    pages += _pmdTables.Add(g1, g1);
                }
            }

            foreach (var edge in new[] { s, e })
            {
                if (edge % Pmd != 0)
                {
                    var block = ((edge == e ? edge - 1 : edge) & ~(Pmd - 1)) >> 21;
                    pages += _pteTables.Add(block, block);
                }
            }

            Take(pages, canUseBrk, minMapped, maxMapped, allocate);
        }

        return mapped;
    }

    private void Take(ulong pages, bool canUseBrk, ulong minMapped, ulong maxMapped, Func<ulong, ulong, ulong, ulong> allocate)
    {
        if (canUseBrk && _brkLeft > 0)
        {
            var fromBrk = (int)Math.Min(pages, (ulong)_brkLeft);
            _brkLeft -= fromBrk;
            pages -= (ulong)fromBrk;
        }

        if (pages > 0 && minMapped < maxMapped)
        {
            _ = allocate(minMapped, maxMapped, pages);
        }

        // Otherwise extend_brk(): the kernel grows brk (inside the kernel image reservation).
    }

    /// <summary>Which table units (GiB, 512 GiB, 2 MiB blocks) already have a page: sorted disjoint inclusive runs.</summary>
    private sealed class UnitSet
    {
        private readonly List<(ulong First, ulong Last)> _runs = [];

        /// <summary>Adds the units [first, last]; returns how many of them were not there before.</summary>
        public ulong Add(ulong first, ulong last)
        {
            var i = 0;
            while (i < _runs.Count && _runs[i].Last < first && first - _runs[i].Last > 1)
            {
                i++;
            }

            ulong lo = first, hi = last, overlap = 0;
            while (i < _runs.Count && (_runs[i].First <= last || _runs[i].First - last == 1))
            {
                var (a, b) = _runs[i];
                var from = Math.Max(a, first);
                var to = Math.Min(b, last);
                if (from <= to)
                {
                    overlap += to - from + 1;
                }

                lo = Math.Min(lo, a);
                hi = Math.Max(hi, b);
                _runs.RemoveAt(i);
            }

            _runs.Insert(i, (lo, hi));
            return last - first + 1 - overlap;
        }
    }
}
