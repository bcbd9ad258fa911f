using FirmwarePlanner.Common;

namespace FirmwarePlanner.Planning;

/// <summary>
/// x86-64 <c>init_mem_mapping()</c> at table granularity: the order <c>memory_map_top_down()</c> maps RAM in (the
/// 2 MiB probe below the top of RAM, then steps growing ×256 downwards, then what lies above the probe), which
/// PUD/PMD table pages each step needs, and whether the brk buffer (<c>INIT_PGT_BUF_SIZE</c>) may provide them
/// (<c>can_use_brk_pgt</c>: not while mapping the memblock region that holds brk). Pages that the brk buffer cannot
/// hold come from <c>memblock_phys_alloc_range(4K, 4K, min_pfn_mapped, max_pfn_mapped)</c>. Not modelled: splitting
/// a 2 MiB mapping that <c>adjust_range_page_size_mask()</c> widened, and the KASLR trampoline page (nokaslr or brk).
/// </summary>
public sealed class DirectMapModel
{
    private const ulong Pmd = 2 * Sizes.MiB;
    private readonly HashSet<ulong> _pmdTables = [];
    private readonly HashSet<ulong> _pudTables = [];
    private readonly HashSet<ulong> _pteTables = [0];
    private readonly IReadOnlyList<AddressRange> _ram;
    private readonly bool _gbPages;
    private readonly ulong _brkStart;
    private readonly ulong _brkEnd;
    private int _brkLeft;

    public DirectMapModel(IReadOnlyList<AddressRange> memoryRegions, bool gbPages, int brkPages, AddressRange brk)
    {
        ArgumentNullException.ThrowIfNull(memoryRegions);
        _ram = memoryRegions.OrderBy(r => r.Start).ToArray();
        _gbPages = gbPages;
        _brkStart = brk.Start;
        _brkEnd = brk.End;

        // The ISA mapping [0, 1 MiB) done first: PUD, PMD and one PTE page, from brk.
        _pudTables.Add(0);
        _pmdTables.Add(0);
        _brkLeft = Math.Max(0, brkPages - 3);
    }

    /// <summary>
    /// Walks the mapping steps. <paramref name="allocate"/> is called for each page that must come from memblock
    /// with (min, max) of the already-mapped window and returns the address or 0.
    /// </summary>
    public void Run(ulong probeEnd, ulong mapEnd, Func<ulong, ulong, ulong> allocate)
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
    private ulong MapRange(ulong start, ulong end, ulong minMapped, ulong maxMapped, Func<ulong, ulong, ulong> allocate)
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
            for (var g = s >> 30; g <= (e - 1) >> 30; g++)
            {
                if (_pudTables.Add(g >> 9))
                {
                    Take(canUseBrk, minMapped, maxMapped, allocate);
                }

                var gStart = g << 30;
                var whole = s <= gStart && e >= gStart + Sizes.GiB;
                if (!(_gbPages && whole) && _pmdTables.Add(g))
                {
                    Take(canUseBrk, minMapped, maxMapped, allocate);
                }
            }

            foreach (var edge in new[] { s, e })
            {
                if (edge % Pmd != 0 && _pteTables.Add((edge == e ? edge - 1 : edge) & ~(Pmd - 1)))
                {
                    Take(canUseBrk, minMapped, maxMapped, allocate);
                }
            }
        }

        return mapped;
    }

    private void Take(bool canUseBrk, ulong minMapped, ulong maxMapped, Func<ulong, ulong, ulong> allocate)
    {
        if (canUseBrk && _brkLeft > 0)
        {
            _brkLeft--;
            return;
        }

        if (minMapped < maxMapped && allocate(minMapped, maxMapped) != 0)
        {
            return;
        }

        // extend_brk(): the kernel grows brk (inside the kernel image reservation).
    }
}
