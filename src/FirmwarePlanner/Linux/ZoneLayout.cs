using FirmwarePlanner.Kernel;
using FirmwarePlanner.Memblock;
using System.Globalization;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Linux;

/// <summary>One zone's possible pfn range <c>[StartPfn, EndPfn)</c> (arch_zone_lowest/highest_possible_pfn).</summary>
public sealed record ZoneRange(string Name, ulong StartPfn, ulong EndPfn)
{
    public bool IsEmpty => StartPfn == EndPfn;
}

/// <summary>A node's pfn span from memblock (<c>get_pfn_range_for_nid</c>); equal ends = memoryless.</summary>
public sealed record NodeSpan(int Nid, ulong StartPfn, ulong EndPfn)
{
    public bool IsMemoryless => StartPfn == EndPfn;
}

/// <summary>One <c>for_each_mem_pfn_range</c> step: <c>[StartPfn, EndPfn)</c> on node <see cref="Nid"/>.</summary>
public sealed record NodePfnRange(int Nid, ulong StartPfn, ulong EndPfn);

/// <summary>
/// The zone layout <c>free_area_init()</c> computes and prints (mm/mm_init.c): zone ranges from the architecture's
/// max pfn per zone, ZONE_MOVABLE start per node (<c>find_zone_movable_pfns_for_nodes</c>: movable_node or
/// kernelcore=mirror), the early node ranges and each possible node's span.
/// </summary>
public sealed record ZoneLayout(
    IReadOnlyList<ZoneRange> Zones,
    IReadOnlyList<(int Nid, ulong StartPfn)> MovableStart,
    IReadOnlyList<NodePfnRange> EarlyRanges,
    IReadOnlyList<NodeSpan> Nodes)
{
    /// <summary>MAX_ORDER_NR_PAGES: 1 &lt;&lt; MAX_PAGE_ORDER (10) pages.</summary>
    public const ulong MaxOrderNrPages = 1024;

    private static readonly string[] ZoneNames = ["DMA", "DMA32", "Normal", "Movable", "Device"];

    /// <param name="memory">memblock.memory after NUMA registration.</param>
    /// <param name="maxZonePfn">max pfn for DMA, DMA32 and Normal (the arch's <c>max_zone_pfns</c>).</param>
    /// <param name="possibleNodes">node_possible_map, ascending.</param>
    public static ZoneLayout Compute(
        IReadOnlyList<MemblockRegion> memory,
        ulong dmaPfn,
        ulong dma32Pfn,
        ulong normalPfn,
        IReadOnlyList<int> possibleNodes,
        BootOptions options,
        bool hasMirror,
        bool isKdump,
        KernelTarget profile,
        BootLog log)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(possibleNodes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(log);

        var early = EarlyRangesOf(memory);
        var start = memory.Count == 0 ? 0 : memory[0].Base >> 12;
        var zones = new List<ZoneRange>();
        ulong[] max = [dmaPfn, dma32Pfn, normalPfn, 0, 0];
        for (var z = 0; z < ZoneNames.Length; z++)
        {
            if (ZoneNames[z] == "Movable")
            {
                continue;
            }

            var end = Math.Max(max[z], start);
            zones.Add(new ZoneRange(ZoneNames[z], start, end));
            start = end;
        }

        var spans = possibleNodes.Select(n => SpanOf(early, n)).ToArray();
        var movable = FindMovable(memory, early, options, hasMirror, isKdump, log);

        log.Add(BootLineGroup.ZoneRanges, "Zone ranges:");
        foreach (var z in zones)
        {
            if (z.Name == "Device" && !profile.ZoneDevice)
            {
                continue;
            }

            log.Add(BootLineGroup.ZoneRanges, "  " + z.Name.PadRight(8) + " " + (z.IsEmpty ? "empty"
                : "[mem " + KernelFormat.Hash018(z.StartPfn << 12) + "-" + KernelFormat.Hash018((z.EndPfn << 12) - 1) + "]"));
        }

        log.Add(BootLineGroup.MovableZoneStart, "Movable zone start for each node");
        foreach (var (nid, pfn) in movable)
        {
            log.Add(BootLineGroup.MovableZoneStart, string.Create(CultureInfo.InvariantCulture, $"  Node {nid}: {KernelFormat.Hash018(pfn << 12)}"));
        }

        log.Add(BootLineGroup.EarlyNodeRanges, "Early memory node ranges");
        foreach (var r in early)
        {
            log.Add(BootLineGroup.EarlyNodeRanges, string.Create(CultureInfo.InvariantCulture,
                $"  node {r.Nid,3}: [mem {KernelFormat.Hash018(r.StartPfn << 12)}-{KernelFormat.Hash018((r.EndPfn << 12) - 1)}]"));
        }

        foreach (var s in spans)
        {
            log.Add(BootLineGroup.InitmemSetup, s.IsMemoryless
                ? string.Create(CultureInfo.InvariantCulture, $"Initmem setup node {s.Nid} as memoryless")
                : string.Create(CultureInfo.InvariantCulture,
                    $"Initmem setup node {s.Nid} [mem {KernelFormat.Hash018(s.StartPfn << 12)}-{KernelFormat.Hash018(s.EndPfn == 0 ? 0 : (s.EndPfn << 12) - 1)}]"));
        }

        return new ZoneLayout(zones, movable, early, spans);
    }

    /// <summary><c>for_each_mem_pfn_range(MAX_NUMNODES)</c>: PFN_UP(base)..PFN_DOWN(end), empty ranges skipped.</summary>
    public static IReadOnlyList<NodePfnRange> EarlyRangesOf(IReadOnlyList<MemblockRegion> memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var list = new List<NodePfnRange>();
        foreach (var r in memory)
        {
            var s = (r.Base + 4095) >> 12;
            var e = r.End >> 12;
            if (s < e)
            {
                list.Add(new NodePfnRange(r.Nid, s, e));
            }
        }

        return list;
    }

    private static NodeSpan SpanOf(IReadOnlyList<NodePfnRange> early, int nid)
    {
        var mine = early.Where(r => r.Nid == nid).ToArray();
        return mine.Length == 0 ? new NodeSpan(nid, 0, 0) : new NodeSpan(nid, mine.Min(r => r.StartPfn), mine.Max(r => r.EndPfn));
    }

    private static List<(int Nid, ulong StartPfn)> FindMovable(
        IReadOnlyList<MemblockRegion> memory,
        IReadOnlyList<NodePfnRange> early,
        BootOptions options,
        bool hasMirror,
        bool isKdump,
        BootLog log)
    {
        var starts = new SortedDictionary<int, ulong>();
        void Lower(int nid, ulong pfn) => starts[nid] = starts.TryGetValue(nid, out var cur) && cur != 0 ? Math.Min(cur, pfn) : pfn;

        if (options.MovableNode)
        {
            foreach (var r in memory.Where(r => (r.Flags & MemblockFlags.Hotplug) != 0))
            {
                Lower(r.Nid, (r.Base + 4095) >> 12);
            }
        }
        else if (options.KernelcoreMirror)
        {
            if (!hasMirror)
            {
                log.Add(BootLineGroup.KernelcoreMirror, "The system has no mirror memory, ignore kernelcore=mirror.");
                return [];
            }

            if (isKdump)
            {
                log.Add(BootLineGroup.KernelcoreMirror, "The system is under kdump, ignore kernelcore=mirror.");
                return [];
            }

            var below4G = false;
            foreach (var r in memory.Where(r => (r.Flags & MemblockFlags.Mirror) == 0))
            {
                var pfn = (r.Base + 4095) >> 12;
                if (pfn < (4UL << 30) >> 12)
                {
                    below4G = true;
                    continue;
                }

                Lower(r.Nid, pfn);
            }

            if (below4G)
            {
                log.Add(BootLineGroup.KernelcoreMirror, "This configuration results in unmirrored kernel memory.");
            }
        }
        else
        {
            return [];
        }

        var result = new List<(int, ulong)>();
        foreach (var (nid, pfn) in starts)
        {
            var aligned = (pfn + MaxOrderNrPages - 1) / MaxOrderNrPages * MaxOrderNrPages;
            var span = SpanOf(early, nid);
            if (aligned != 0 && aligned < span.EndPfn)
            {
                result.Add((nid, aligned));
            }
        }

        return result;
    }
}
