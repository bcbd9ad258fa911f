using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock;

namespace FirmwarePlanner.Planning;

/// <summary>One NUMA node as the planner needs it: its RAM ranges, which of them are mirrored, and its CPUs.</summary>
public sealed record PlanningNode(int Id, IReadOnlyList<AddressRange> Ram, IReadOnlyList<AddressRange> Mirrored, int Cpus)
{
    /// <summary>NUMA init fell back to the fake node (the SRAT was rejected, absent or switched off).</summary>
    public bool NumaFaked { get; init; }

    /// <summary>numa_alloc_distance()'s cnt: the highest node id the SRAT named, plus one.</summary>
    public int DistanceCount { get; init; }

    public ulong RamBytes => Ram.Aggregate(0UL, (a, r) => a + r.Size);

    public ulong MirroredBytes => Mirrored.Aggregate(0UL, (a, r) => a + r.Size);

    /// <summary>
    /// Present sections in address order (a section counts once if any RAM of the node is in it). Walks the ranges
    /// once each, so the work is the number of sections, never more.
    /// </summary>
    public IReadOnlyList<ulong> Sections(ulong sectionSize)
    {
        var sections = new List<ulong>();
        foreach (var r in Ram.Where(r => r.Size > 0).OrderBy(r => r.Start))
        {
            var first = r.Start & ~(sectionSize - 1);
            var last = (r.End - 1) & ~(sectionSize - 1);
            if (sections.Count > 0 && sections[^1] >= first)
            {
                first = sections[^1] + sectionSize; // this range starts in a section already counted
                if (first == 0 || first > last)
                {
                    continue;
                }
            }

            for (var s = first; ; s += sectionSize)
            {
                sections.Add(s);
                if (s == last)
                {
                    break;
                }
            }
        }

        return sections;
    }

    internal static ulong AlignUp(ulong x, ulong a) => (x + a - 1) & ~(a - 1);
}

/// <summary>
/// Everything the planner takes from the machine and its boot, independent of any policy:
/// <list type="bullet">
/// <item>a memblock state positioned where the early allocations start (after <c>efi_reserve_boot_services()</c>,
/// before <c>reserve_real_mode()</c>; current limit 1 MiB), made fresh for each run by <see cref="CreateMemblock"/>
/// — with <c>mirrorFirst</c> false the MIRROR flag is never set, as without <c>kernelcore=mirror</c>;</item>
/// <item>the nodes (RAM, mirrored RAM and CPUs per node), memory-less nodes included for their CPUs;</item>
/// <item>the kernel command line and whether SLIT is present (distance table allocation).</item>
/// </list>
/// </summary>
public sealed record PlanningMachine(
    string Name,
    IReadOnlyList<PlanningNode> Nodes,
    PlanCommandLine CommandLine,
    Func<bool, MemblockEngine> CreateMemblock,
    bool HasSlit = false,
    AddressRange? KernelImage = null,
    AddressRange? Initrd = null)
{
    /// <summary>NUMA init fell back to the fake node (the SRAT was rejected, absent or switched off).</summary>
    public bool NumaFaked { get; init; }

    /// <summary>numa_alloc_distance()'s cnt: the highest node id the SRAT named, plus one.</summary>
    public int DistanceCount { get; init; }

    public ulong RamBytes => Nodes.Aggregate(0UL, (a, n) => a + n.RamBytes);

    public ulong MirroredBytes => Nodes.Aggregate(0UL, (a, n) => a + n.MirroredBytes);

    public int PossibleCpus => Math.Max(1, Nodes.Sum(n => n.Cpus));

    public IEnumerable<PlanningNode> MemoryNodes => Nodes.Where(n => n.RamBytes > 0).OrderBy(n => n.Id);

    /// <summary>End of the highest RAM range (max_pfn &lt;&lt; 12).</summary>
    public ulong EndOfRam => Nodes.SelectMany(n => n.Ram).Select(r => r.End).DefaultIfEmpty(0UL).Max();

    public int? NodeOf(ulong address) =>
        Nodes.FirstOrDefault(n => n.Ram.Any(r => r.Contains(address)))?.Id;

    public bool IsMirrored(ulong address) => Nodes.Any(n => n.Mirrored.Any(r => r.Contains(address)));

    /// <summary>Bytes of <paramref name="range"/> that lie in mirrored RAM.</summary>
    public ulong MirroredPart(AddressRange range) =>
        Nodes.SelectMany(n => n.Mirrored).Select(m => m.Intersect(range)?.Size ?? 0).Aggregate(0UL, (a, b) => a + b);
}
