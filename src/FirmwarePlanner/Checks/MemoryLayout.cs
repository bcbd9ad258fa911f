using FirmwarePlanner.Common;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Numa;

namespace FirmwarePlanner.Checks;

/// <summary>What a piece of physical memory is, as the map draws it and the rules count it.</summary>
public enum SegmentKind
{
    /// <summary>RAM Linux adds to memblock (Loader*, BootServices*, Conventional, Unaccepted), not mirrored.</summary>
    Ram,

    /// <summary>RAM with <c>EFI_MEMORY_MORE_RELIABLE</c>.</summary>
    MirroredRam,

    /// <summary>Firmware-owned memory (runtime services, ACPI, reserved, unusable, persistent, soft reserved).</summary>
    Reserved,

    /// <summary>Memory-mapped I/O.</summary>
    Mmio,
}

/// <summary>
/// One piece of the EFI map cut at SRAT node boundaries: its range, kind, EFI descriptor and the node Linux
/// gives it (<c>-1</c>: no SRAT range covers it).
/// </summary>
public sealed record MemorySegment(AddressRange Range, SegmentKind Kind, int Node, EfiMemoryDescriptor Descriptor, bool Hotpluggable);

/// <summary>RAM per node: total, mirrored, hot-pluggable (SRAT or EFI attribute) and below 4 GiB.</summary>
public sealed record NodeMemory(int Node, ulong RamBytes, ulong MirroredBytes, ulong HotpluggableBytes, ulong RamBelow4GBytes)
{
    public ulong UnmirroredBytes => RamBytes - MirroredBytes;
}

/// <summary>
/// The kernel's EFI memory map (the firmware's, after <c>efi_fake_mem=</c> where the kernel has it) seen through SRAT:
/// every descriptor cut at SRAT node boundaries, and per-node RAM totals from the boot model (memblock after NUMA
/// init: the RAM Linux keeps after its e820 edits, with the node ids Linux gave it; mirror where that RAM is
/// MORE_RELIABLE, hot-pluggable where memblock marked it). When SRAT is absent or unusable, all memory is node 0.
/// </summary>
public sealed record MemoryLayout(IReadOnlyList<MemorySegment> Segments, IReadOnlyList<NodeMemory> Nodes, bool NumaUsed)
{
    public const ulong FourGiB = 4 * Sizes.GiB;

    public ulong TotalRam => Nodes.Aggregate(0UL, (s, n) => s + n.RamBytes);

    public ulong TotalMirrored => Nodes.Aggregate(0UL, (s, n) => s + n.MirroredBytes);

    /// <summary>RAM the SRAT leaves without a node (only meaningful when <see cref="NumaUsed"/>).</summary>
    public ulong UncoveredRam => Segments.Where(s => s.Node < 0 && IsRam(s.Kind)).Aggregate(0UL, (a, s) => a + s.Range.Size);

    public static bool IsRam(SegmentKind kind) => kind is SegmentKind.Ram or SegmentKind.MirroredRam;

    /// <summary>The EFI types the EFI stub hands to Linux as usable RAM (<c>E820_TYPE_RAM</c>).</summary>
    public static bool IsRamType(EfiMemoryType type) => type is EfiMemoryType.LoaderCode or EfiMemoryType.LoaderData
        or EfiMemoryType.BootServicesCode or EfiMemoryType.BootServicesData or EfiMemoryType.ConventionalMemory
        or EfiMemoryType.UnacceptedMemoryType;

    public static SegmentKind KindOf(EfiMemoryDescriptor d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.Type is EfiMemoryType.MemoryMappedIO or EfiMemoryType.MemoryMappedIOPortSpace)
        {
            return SegmentKind.Mmio;
        }

        var softReserved = (d.Attribute & EfiMemoryAttribute.SP) != 0;
        if (!IsRamType(d.Type) || softReserved)
        {
            return SegmentKind.Reserved;
        }

        return d.IsMirrored ? SegmentKind.MirroredRam : SegmentKind.Ram;
    }

    /// <summary>The layout the check rules read: the boot model's kernel EFI map, SRAT as Linux read it, and the model's node totals.</summary>
    public static MemoryLayout? FromPrediction(Linux.BootPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        // Without an EFI map (a BIOS or e820-only log) there are no descriptors to draw, but the nodes are still the boot model's.
        var map = prediction.KernelEfiMap ?? [];
        if (prediction.MemblockAfterNuma.Count == 0 && map.Count == 0)
        {
            return null;
        }

        var (segments, numaUsed) = CutAtNodes(map, prediction.Inputs.Numa);
        IEnumerable<int> srat = numaUsed ? prediction.Inputs.Numa!.Nodes.Concat(segments.Where(s => s.Node >= 0).Select(s => s.Node)) : [0];
        var nodeIds = srat.Concat(prediction.Nodes.Select(n => n.Nid))
            .Concat(prediction.MemblockAfterNuma.Select(r => r.Nid).Where(Memblock.MemblockConstants.IsValidNode)).Distinct().Order().ToArray();
        var mirror = map.Where(d => d.IsMirrored && d.Range is { IsEmpty: false } && IsRamType(d.Type)).Select(d => d.Range!.Value).ToArray();
        var efiHotplug = map.Where(d => (d.Attribute & EfiMemoryAttribute.HotPluggable) != 0 && d.Range is { IsEmpty: false }).Select(d => d.Range!.Value).ToArray();
        var single = nodeIds.Length <= 1;
        var nodes = nodeIds.Select(n => FromMemblock(n, single, prediction.MemblockAfterNuma, mirror, efiHotplug)).ToArray();
        return new MemoryLayout(segments, nodes, numaUsed);
    }

    /// <summary>One node's totals from memblock.memory after NUMA init (regions without a node count for the only node).</summary>
    private static NodeMemory FromMemblock(int node, bool single, IReadOnlyList<Memblock.MemblockRegion> regions, AddressRange[] mirror, AddressRange[] efiHotplug)
    {
        ulong ram = 0, mirrored = 0, hotplug = 0, low = 0;
        foreach (var r in regions.Where(r => r.Nid == node || (single && !Memblock.MemblockConstants.IsValidNode(r.Nid))))
        {
            var range = new AddressRange(r.Base, r.End);
            ram += range.Size;
            mirrored += Overlap(range, mirror);
            hotplug += (r.Flags & Memblock.MemblockFlags.Hotplug) != 0 ? range.Size : Overlap(range, efiHotplug);
            low += range.Start < FourGiB ? Math.Min(range.End, FourGiB) - range.Start : 0;
        }

        return new NodeMemory(node, ram, mirrored, hotplug, low);
    }

    private static ulong Overlap(AddressRange range, AddressRange[] set)
    {
        ulong total = 0;
        foreach (var m in set)
        {
            if (m.Intersect(range) is { } both)
            {
                total += both.Size;
            }
        }

        return total;
    }

    /// <summary>The descriptors cut at SRAT node boundaries (all node 0 when SRAT is not used), in address order.</summary>
    private static (List<MemorySegment> Segments, bool NumaUsed) CutAtNodes(IReadOnlyList<EfiMemoryDescriptor> map, NumaFirmwareInfo? numa)
    {
        ArgumentNullException.ThrowIfNull(map);
        // Linux drops the NUMA configuration when SRAT is not used or ranges of different nodes overlap.
        var numaUsed = numa is { Usable: true } && !CrossNodeOverlap(numa.MemoryBlocks);
        var blocks = numaUsed ? numa!.MemoryBlocks.OrderBy(b => b.Range).ToArray() : [];
        var segments = new List<MemorySegment>();
        foreach (var d in map)
        {
            if (d.Range is not { IsEmpty: false } range)
            {
                continue;
            }

            var kind = KindOf(d);
            var efiHotplug = (d.Attribute & EfiMemoryAttribute.HotPluggable) != 0;
            if (!numaUsed)
            {
                segments.Add(new MemorySegment(range, kind, 0, d, efiHotplug));
                continue;
            }

            Cut(range, kind, d, efiHotplug, blocks, segments);
        }

        segments.Sort((a, b) => a.Range.CompareTo(b.Range));
        return (segments, numaUsed);
    }

    private static void Cut(AddressRange range, SegmentKind kind, EfiMemoryDescriptor d, bool efiHotplug, NumaMemoryBlock[] blocks, List<MemorySegment> segments)
    {
        var at = range.Start;
        foreach (var b in blocks)
        {
            if (b.Range.End <= at || b.Range.Start >= range.End)
            {
                continue;
            }

            if (b.Range.Start > at)
            {
                segments.Add(new MemorySegment(new AddressRange(at, b.Range.Start), kind, -1, d, efiHotplug));
                at = b.Range.Start;
            }

            var end = Math.Min(range.End, b.Range.End);
            if (end > at)
            {
                segments.Add(new MemorySegment(new AddressRange(at, end), kind, b.Node, d, efiHotplug || b.Hotpluggable));
                at = end;
            }

            if (at >= range.End)
            {
                return;
            }
        }

        if (at < range.End)
        {
            segments.Add(new MemorySegment(new AddressRange(at, range.End), kind, -1, d, efiHotplug));
        }
    }

    private static bool CrossNodeOverlap(IReadOnlyList<NumaMemoryBlock> blocks)
    {
        var sorted = blocks.OrderBy(b => b.Range).ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            for (var j = i + 1; j < sorted.Length && sorted[j].Range.Start < sorted[i].Range.End; j++)
            {
                if (sorted[i].Node != sorted[j].Node)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
