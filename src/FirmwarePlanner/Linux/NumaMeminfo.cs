using FirmwarePlanner.Memblock;
using FirmwarePlanner.Common;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Linux;

/// <summary>One <c>struct numa_memblk</c>: <c>[Start, End)</c> on node <see cref="Nid"/>.</summary>
public sealed record NumaMemblk(ulong Start, ulong End, int Nid)
{
    public AddressRange Range => new(Start, End);
}

/// <summary>
/// <c>struct numa_meminfo</c> and what mm/numa_memblks.c does with it: <c>numa_add_memblk()</c> and
/// <c>numa_cleanup_meminfo()</c> (trim to memory, merge same-node blocks unless another node lies between,
/// refuse overlaps between nodes), logging the kernel's lines.
/// </summary>
public sealed class NumaMeminfo
{
    /// <summary>NR_NODE_MEMBLKS = 2 × MAX_NUMNODES.</summary>
    public const int MaxBlocks = 2 * MemblockConstants.MaxNumNodes;

    private readonly List<NumaMemblk> blocks = [];

    public IReadOnlyList<NumaMemblk> Blocks => blocks;

    /// <summary>Ranges kept aside by the cleanup (no memory behind them), as <c>numa_reserved_meminfo</c>.</summary>
    public List<NumaMemblk> Reserved { get; } = [];

    /// <summary><c>numa_add_memblk_to()</c>: false when the table is full (the kernel's -EINVAL).</summary>
    public bool Add(int nid, ulong start, ulong end, BootLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (start == end)
        {
            return true;
        }

        if (start > end || nid < 0 || nid >= MemblockConstants.MaxNumNodes)
        {
            log.Add(BootLineGroup.Numa, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Warning: invalid memblk node {nid} [mem {KernelFormat.Hash010(start)}-{KernelFormat.Hash010(end - 1)}]"));
            return true;
        }

        if (blocks.Count >= MaxBlocks)
        {
            log.Add(BootLineGroup.Numa, "too many memblk ranges");
            return false;
        }

        blocks.Add(new NumaMemblk(start, end, nid));
        return true;
    }

    /// <summary>
    /// <c>numa_cleanup_meminfo()</c>. <paramref name="low"/>/<paramref name="high"/> are the clamp limits
    /// (memblock start/end of DRAM in 6.12; 0 and max_pfn in older kernels). False = overlap between nodes.
    /// </summary>
    public bool Cleanup(MemblockEngine memblock, ulong low, ulong high, BootLog log)
    {
        ArgumentNullException.ThrowIfNull(memblock);
        ArgumentNullException.ThrowIfNull(log);
        for (var i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i];
            if (!memblock.MemoryOverlaps(b.Start, b.End))
            {
                Reserved.Add(b);
                blocks.RemoveAt(i--);
                continue;
            }

            var start = Math.Max(b.Start, low);
            var end = b.End;
            if (end > high)
            {
                Reserved.Add(new NumaMemblk(high, end, b.Nid));
                end = high;
            }

            if (start >= end)
            {
                blocks.RemoveAt(i--);
                continue;
            }

            blocks[i] = b with { Start = start, End = end };
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            for (var j = i + 1; j < blocks.Count; j++)
            {
                var bi = blocks[i];
                var bj = blocks[j];
                if (bi.End > bj.Start && bi.Start < bj.End)
                {
                    if (bi.Nid != bj.Nid)
                    {
                        log.Add(BootLineGroup.Numa, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                            $"node {bi.Nid} {Mem(bi.Start, bi.End)} overlaps with node {bj.Nid} {Mem(bj.Start, bj.End)}"));
                        return false;
                    }

                    log.Add(BootLineGroup.Numa, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"Warning: node {bi.Nid} {Mem(bi.Start, bi.End)} overlaps with itself {Mem(bj.Start, bj.End)}"));
                }

                if (bi.Nid != bj.Nid)
                {
                    continue;
                }

                var start = Math.Min(bi.Start, bj.Start);
                var end = Math.Max(bi.End, bj.End);
                if (blocks.Any(bk => bk.Nid != bi.Nid && start < bk.End && end > bk.Start))
                {
                    continue;
                }

                log.Add(BootLineGroup.Numa, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"NUMA: Node {bi.Nid} {Mem(bi.Start, bi.End)} + {Mem(bj.Start, bj.End)} -> {Mem(start, end)}"));
                blocks[i] = bi with { Start = start, End = end };
                blocks.RemoveAt(j--);
            }
        }

        return true;
    }

    private static string Mem(ulong start, ulong end) =>
        "[mem " + KernelFormat.Hash010(start) + "-" + KernelFormat.Hash010(end - 1) + "]";
}
