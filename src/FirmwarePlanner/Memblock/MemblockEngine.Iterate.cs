using static FirmwarePlanner.Memblock.MemblockConstants;

namespace FirmwarePlanner.Memblock;

/// <summary>Range iteration: <c>__next_mem_range()</c>, its reverse, and the region skip rules.</summary>
public sealed partial class MemblockEngine
{
    private const ulong IterationEnd = ulong.MaxValue;

    /// <summary>
    /// <c>for_each_free_mem_range()</c> (or <c>_reverse</c>): memory minus reserved, skipping memory regions by
    /// <paramref name="nid"/> and <paramref name="flags"/> like the kernel. Two adjacent reserved regions that did
    /// not merge produce a zero-length range, as in Linux.
    /// </summary>
    public IReadOnlyList<MemblockRange> FreeRanges(int nid = NumaNoNode, MemblockFlags flags = MemblockFlags.None, bool reverse = false) =>
        Collect(nid, flags, _reserved, reverse);

    /// <summary><c>__for_each_mem_range()</c> over memory alone (no reserved subtraction).</summary>
    public IReadOnlyList<MemblockRange> MemRanges(int nid = NumaNoNode, MemblockFlags flags = MemblockFlags.None, bool reverse = false) =>
        Collect(nid, flags, null, reverse);

    private List<MemblockRange> Collect(int nid, MemblockFlags flags, MemblockType? typeB, bool reverse)
    {
        var result = new List<MemblockRange>();
        var idx = reverse ? IterationEnd : 0;
        while (true)
        {
            if (reverse)
            {
                NextMemRangeRev(ref idx, nid, flags, _memory, typeB, out var s, out var e, out var n);
                if (idx == IterationEnd)
                {
                    return result;
                }

                result.Add(new MemblockRange(s, e, n));
            }
            else
            {
                NextMemRange(ref idx, nid, flags, _memory, typeB, out var s, out var e, out var n);
                if (idx == IterationEnd)
                {
                    return result;
                }

                result.Add(new MemblockRange(s, e, n));
            }
        }
    }

    /// <summary><c>should_skip_region()</c>: only memory regions are ever skipped.</summary>
    private bool ShouldSkipRegion(MemblockType type, MemblockRegion m, int nid, MemblockFlags flags)
    {
        if (!ReferenceEquals(type, _memory))
        {
            return false;
        }

        if (IsValidNode(nid) && nid != m.Nid)
        {
            return true;
        }

        if (MovableNode && (m.Flags & MemblockFlags.Hotplug) != 0 && (flags & MemblockFlags.Hotplug) == 0)
        {
            return true;
        }

        if ((flags & MemblockFlags.Mirror) != 0 && (m.Flags & MemblockFlags.Mirror) == 0)
        {
            return true;
        }

        if ((flags & MemblockFlags.NoMap) == 0 && (m.Flags & MemblockFlags.NoMap) != 0)
        {
            return true;
        }

        if ((flags & MemblockFlags.DriverManaged) == 0 && (m.Flags & MemblockFlags.DriverManaged) != 0)
        {
            return true;
        }

        return V7 && (flags & MemblockFlags.KhoScratch) != 0 && (m.Flags & MemblockFlags.KhoScratch) == 0;
    }

    /// <summary>Gap <paramref name="idxB"/> of type_b: from the end of region idxB-1 (or 0) to region idxB (or the top).</summary>
    private static (ulong Start, ulong End) Gap(MemblockType typeB, int idxB) =>
        (idxB > 0 ? typeB.Regions[idxB - 1].End : 0, idxB < typeB.Count ? typeB.Regions[idxB].Base : PhysAddrMax);

    private static ulong PackIndex(int a, int b) => (uint)a | ((ulong)(long)b << 32);

    /// <summary>
    /// <c>__next_mem_range()</c>: the low 32 bits of <paramref name="idx"/> index type_a, the high 32 bits the
    /// gaps of type_b (gap i ends at region i); both advance in lock step. <see cref="IterationEnd"/> ends.
    /// </summary>
    private void NextMemRange(ref ulong idx, int nid, MemblockFlags flags, MemblockType typeA, MemblockType? typeB,
        out ulong outStart, out ulong outEnd, out int outNid)
    {
        var idxA = (int)(uint)idx;
        var idxB = (int)(idx >> 32);
        outStart = outEnd = 0;
        outNid = 0;
        for (; idxA < typeA.Count; idxA++)
        {
            var m = typeA.Regions[idxA];
            var mStart = m.Base;
            var mEnd = m.End;
            if (ShouldSkipRegion(typeA, m, nid, flags))
            {
                continue;
            }

            if (typeB is null)
            {
                (outStart, outEnd, outNid) = (mStart, mEnd, m.Nid);
                idx = PackIndex(idxA + 1, idxB);
                return;
            }

            for (; idxB < typeB.Count + 1; idxB++)
            {
                var (rStart, rEnd) = Gap(typeB, idxB);
                if (rStart >= mEnd)
                {
                    break;
                }

                if (mStart < rEnd)
                {
                    (outStart, outEnd, outNid) = (Math.Max(mStart, rStart), Math.Min(mEnd, rEnd), m.Nid);

                    // The one that ends first advances.
                    if (mEnd <= rEnd)
                    {
                        idxA++;
                    }
                    else
                    {
                        idxB++;
                    }

                    idx = PackIndex(idxA, idxB);
                    return;
                }
            }
        }

        idx = IterationEnd;
    }

    /// <summary><c>__next_mem_range_rev()</c>: the same walk from the top; start with <see cref="IterationEnd"/>.</summary>
    private void NextMemRangeRev(ref ulong idx, int nid, MemblockFlags flags, MemblockType typeA, MemblockType? typeB,
        out ulong outStart, out ulong outEnd, out int outNid)
    {
        var idxA = (int)(uint)idx;
        var idxB = (int)(idx >> 32);
        outStart = outEnd = 0;
        outNid = 0;
        if (idx == IterationEnd)
        {
            idxA = typeA.Count - 1;
            idxB = typeB?.Count ?? 0;
        }

        for (; idxA >= 0; idxA--)
        {
            var m = typeA.Regions[idxA];
            var mStart = m.Base;
            var mEnd = m.End;
            if (ShouldSkipRegion(typeA, m, nid, flags))
            {
                continue;
            }

            if (typeB is null)
            {
                (outStart, outEnd, outNid) = (mStart, mEnd, m.Nid);
                idx = PackIndex(idxA - 1, idxB);
                return;
            }

            for (; idxB >= 0; idxB--)
            {
                var (rStart, rEnd) = Gap(typeB, idxB);
                if (rEnd <= mStart)
                {
                    break;
                }

                if (mEnd > rStart)
                {
                    (outStart, outEnd, outNid) = (Math.Max(mStart, rStart), Math.Min(mEnd, rEnd), m.Nid);
                    if (mStart >= rStart)
                    {
                        idxA--;
                    }
                    else
                    {
                        idxB--;
                    }

                    idx = PackIndex(idxA, idxB);
                    return;
                }
            }
        }

        idx = IterationEnd;
    }
}
