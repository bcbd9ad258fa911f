using FirmwarePlanner.Memblock;

namespace FirmwarePlanner.Linux;

/// <summary>One zone of one node as <c>calculate_node_totalpages()</c> leaves it: <c>zone_start_pfn</c>, <c>spanned_pages</c>, <c>present_pages</c>.</summary>
public sealed record NodeZoneSpan(int Nid, string Zone, ulong StartPfn, ulong Spanned, ulong Present)
{
    /// <summary><c>populated_zone()</c>: the zone has present pages (zoneinfo prints its start_pfn only then).</summary>
    public bool Populated => Present != 0;
}

/// <summary>
/// Each node's zones as <c>free_area_init()</c> sizes them (mm/mm_init.c): a zone's span is the node's span clamped to
/// the zone's possible range, adjusted for ZONE_MOVABLE (<c>adjust_zone_range_for_zone_movable</c>: Movable runs from
/// the node's movable start to the node's end within <c>movable_zone</c>; without kernelcore=mirror the zone under
/// it ends where Movable starts), and its present pages are the span less the holes of the node's early ranges; with
/// kernelcore=mirror the mirrored regions are absent from Movable and the unmirrored ones from Normal
/// (<c>zone_absent_pages_in_node</c>). Memory-less nodes get empty zones. These are the numbers <c>/proc/zoneinfo</c>
/// prints as start_pfn, spanned and present.
/// </summary>
public static class ZoneSpans
{
    /// <summary>Zone names in <c>enum zone_type</c> order for x86-64 and arm64 (Device only with CONFIG_ZONE_DEVICE).</summary>
    public static IReadOnlyList<string> ZoneOrder(bool zoneDevice) => zoneDevice ? ["DMA", "DMA32", "Normal", "Movable", "Device"] : ["DMA", "DMA32", "Normal", "Movable"];

    /// <param name="layout">The zone layout of the boot (zone ranges, movable starts, early ranges, node spans).</param>
    /// <param name="memory">memblock.memory after NUMA registration (for the mirror flags).</param>
    /// <param name="mirroredKernelcore">kernelcore=mirror was given (the kernel's <c>mirrored_kernelcore</c>).</param>
    /// <param name="zoneDevice">CONFIG_ZONE_DEVICE (the build has a Device zone).</param>
    /// <param name="nodes">The nodes to size (online nodes), ascending.</param>
    public static IReadOnlyList<NodeZoneSpan> Compute(ZoneLayout layout, IReadOnlyList<MemblockRegion> memory, bool mirroredKernelcore, bool zoneDevice, IReadOnlyList<int> nodes)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(nodes);
        var names = ZoneOrder(zoneDevice);
        var movableZone = layout.Zones.Where(z => z.Name != "Device" && !z.IsEmpty).Select(z => z.Name).LastOrDefault() ?? "DMA";
        var movableZoneEnd = layout.Zones.First(z => z.Name == movableZone).EndPfn;
        var movableStart = layout.MovableStart.ToDictionary(m => m.Nid, m => m.StartPfn);
        var result = new List<NodeZoneSpan>();
        foreach (var nid in nodes)
        {
            var span = layout.Nodes.FirstOrDefault(s => s.Nid == nid) ?? new NodeSpan(nid, 0, 0);
            foreach (var name in names)
            {
                if (span.IsMemoryless)
                {
                    result.Add(new NodeZoneSpan(nid, name, 0, 0, 0));
                    continue;
                }

                var range = layout.Zones.FirstOrDefault(z => z.Name == name) ?? new ZoneRange(name, 0, 0);
                var start = Math.Clamp(span.StartPfn, range.StartPfn, range.EndPfn);
                var end = Math.Clamp(span.EndPfn, range.StartPfn, range.EndPfn);
                if (movableStart.TryGetValue(nid, out var movable) && movable != 0)
                {
                    if (name == "Movable")
                    {
                        start = movable;
                        end = Math.Min(span.EndPfn, movableZoneEnd);
                    }
                    else if (!mirroredKernelcore && start < movable && end > movable)
                    {
                        end = movable;
                    }
                    else if (start >= movable)
                    {
                        start = end;
                    }
                }

                ulong spanned = 0;
                if (!(end < span.StartPfn || start > span.EndPfn))
                {
                    end = Math.Min(end, span.EndPfn);
                    start = Math.Max(start, span.StartPfn);
                    spanned = end - start;
                }

                var absent = spanned == 0 ? 0 : Absent(layout.EarlyRanges, memory, nid, name, start, end, mirroredKernelcore && movable != 0);
                result.Add(new NodeZoneSpan(nid, name, spanned == 0 ? 0 : start, spanned, spanned - absent));
            }
        }

        return result;
    }

    /// <summary>
    /// <c>zone_absent_pages_in_node()</c>: the pfns of <c>[start, end)</c> outside the node's early ranges; with
    /// kernelcore=mirror and a movable start on the node, mirrored memory is absent from Movable and unmirrored memory
    /// from Normal (every memblock region, PFN_UP(base)..PFN_DOWN(end), clamped to the zone).
    /// </summary>
    private static ulong Absent(IReadOnlyList<NodePfnRange> early, IReadOnlyList<MemblockRegion> memory, int nid, string zone, ulong start, ulong end, bool mirrorSplit)
    {
        var absent = end - start;
        foreach (var r in early.Where(r => r.Nid == nid))
        {
            var s = Math.Clamp(r.StartPfn, start, end);
            var e = Math.Clamp(r.EndPfn, start, end);
            absent -= e - s;
        }

        if (mirrorSplit && zone is "Movable" or "Normal")
        {
            foreach (var r in memory)
            {
                var s = Math.Clamp((r.Base + 4095) >> 12, start, end);
                var e = Math.Clamp(r.End >> 12, start, end);
                var mirrored = (r.Flags & MemblockFlags.Mirror) != 0;
                if (e > s && (zone == "Movable") == mirrored)
                {
                    absent += e - s;
                }
            }
        }

        return absent;
    }

    /// <summary>
    /// The node states <c>free_area_init()</c> sets: <c>N_MEMORY</c> for nodes with present pages, <c>N_NORMAL_MEMORY</c>
    /// for nodes with a populated zone at or below Normal (<c>check_for_memory()</c>).
    /// </summary>
    public static (IReadOnlyList<int> HasMemory, IReadOnlyList<int> HasNormalMemory) NodeStates(IReadOnlyList<NodeZoneSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var memory = spans.Where(s => s.Present != 0).Select(s => s.Nid).Distinct().Order().ToArray();
        var normal = spans.Where(s => s.Present != 0 && s.Zone is "DMA" or "DMA32" or "Normal").Select(s => s.Nid).Distinct().Order().ToArray();
        return (memory, normal);
    }
}
