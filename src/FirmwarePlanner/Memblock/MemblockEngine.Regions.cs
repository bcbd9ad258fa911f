using static FirmwarePlanner.Memblock.MemblockConstants;
using static FirmwarePlanner.Text.KernelFormat;

namespace FirmwarePlanner.Memblock;

/// <summary>The array algorithms: add (insert the uncovered parts, then merge), isolate, remove, flags, nid.</summary>
public sealed partial class MemblockEngine
{
    /// <summary><c>memblock_add()</c>: adds <c>[base, base+size)</c> to memory with nid MAX_NUMNODES, no flags. Returns 0 or -ENOMEM.</summary>
    public int Add(ulong @base, ulong size) => Guard((@base, size), static (m, a) =>
    {
        if (m.Debug)
        {
            m.Dbg($"memblock_add: [{Pa(a.@base)}-{Pa(a.@base + a.size - 1)}]");
        }
        return m.AddRange(m._memory, a.@base, a.size, MaxNumNodes, MemblockFlags.None);
    });

    /// <summary><c>memblock_add_node()</c>: adds to memory with the given nid (stored verbatim, even -1) and flags.</summary>
    public int AddNode(ulong @base, ulong size, int nid, MemblockFlags flags = MemblockFlags.None) => Guard((@base, size, nid, flags), static (m, a) =>
    {
        if (m.Debug)
        {
            m.Dbg($"memblock_add_node: [{Pa(a.@base)}-{Pa(a.@base + a.size - 1)}] nid={a.nid} flags={X((uint)a.flags)}");
        }
        return m.AddRange(m._memory, a.@base, a.size, a.nid, a.flags);
    });

    /// <summary><c>memblock_reserve()</c>: 6.12 nid MAX_NUMNODES; 7.x <c>__memblock_reserve(…, NUMA_NO_NODE, 0)</c>.</summary>
    public int Reserve(ulong @base, ulong size) => Guard((@base, size), static (m, a) => m.ReserveCore(a.@base, a.size, NumaNoNode, MemblockFlags.None));

    /// <summary>
    /// 7.x <c>memblock_reserve_kern()</c> (nid -1, RSRV_KERN). On 6.12, where the same call sites use
    /// <c>memblock_reserve()</c>, this is <see cref="Reserve"/>.
    /// </summary>
    public int ReserveKern(ulong @base, ulong size) => Guard((@base, size), static (m, a) => m.ReserveCore(a.@base, a.size, NumaNoNode, m.V7 ? MemblockFlags.RsrvKern : MemblockFlags.None));

    /// <summary>7.x <c>__memblock_reserve(base, size, nid, flags)</c>.</summary>
    public int ReserveNid(ulong @base, ulong size, int nid, MemblockFlags flags)
    {
        RequireV7("__memblock_reserve(nid, flags)");
        return Guard((@base, size, nid, flags), static (m, a) => m.ReserveCore(a.@base, a.size, a.nid, a.flags));
    }

    /// <summary><c>memblock_remove()</c>: removes the range from memory (splitting regions).</summary>
    public int Remove(ulong @base, ulong size) => Guard((@base, size), static (m, a) =>
    {
        if (m.Debug)
        {
            m.Dbg($"memblock_remove: [{Pa(a.@base)}-{Pa(a.@base + a.size - 1)}]");
        }
        return m.RemoveRange(m._memory, a.@base, a.size);
    });

    /// <summary><c>memblock_phys_free()</c>: removes the range from reserved.</summary>
    public int Free(ulong @base, ulong size) => Guard((@base, size), static (m, a) => m.PhysFree(a.@base, a.size));

    /// <summary><c>memblock_mark_hotplug()</c>.</summary>
    public int MarkHotplug(ulong @base, ulong size) => SetClear(_memory, @base, size, true, MemblockFlags.Hotplug);

    /// <summary><c>memblock_clear_hotplug()</c>.</summary>
    public int ClearHotplug(ulong @base, ulong size) => SetClear(_memory, @base, size, false, MemblockFlags.Hotplug);

    /// <summary>
    /// <c>memblock_mark_mirror()</c>: a no-op returning 0 unless <see cref="MirroredKernelcore"/>; otherwise sets
    /// <see cref="HasMirror"/> first (so an array doubling in this very call is already mirror-first), then MIRROR.
    /// </summary>
    public int MarkMirror(ulong @base, ulong size)
    {
        if (!MirroredKernelcore || PanicMessage is not null)
        {
            return PanicMessage is null ? 0 : -1;
        }

        HasMirror = true;
        return SetClear(_memory, @base, size, true, MemblockFlags.Mirror);
    }

    /// <summary><c>memblock_mark_nomap()</c>.</summary>
    public int MarkNoMap(ulong @base, ulong size) => SetClear(_memory, @base, size, true, MemblockFlags.NoMap);

    /// <summary><c>memblock_clear_nomap()</c>.</summary>
    public int ClearNoMap(ulong @base, ulong size) => SetClear(_memory, @base, size, false, MemblockFlags.NoMap);

    /// <summary><c>memblock_reserved_mark_noinit()</c> (on reserved).</summary>
    public int ReservedMarkNoInit(ulong @base, ulong size) => SetClear(_reserved, @base, size, true, MemblockFlags.RsrvNoInit);

    /// <summary>7.x <c>memblock_reserved_mark_kern()</c> (on reserved).</summary>
    public int ReservedMarkKern(ulong @base, ulong size)
    {
        RequireV7("memblock_reserved_mark_kern()");
        return SetClear(_reserved, @base, size, true, MemblockFlags.RsrvKern);
    }

    /// <summary>7.x <c>memblock_mark_kho_scratch()</c>.</summary>
    public int MarkKhoScratch(ulong @base, ulong size)
    {
        RequireV7("memblock_mark_kho_scratch()");
        return SetClear(_memory, @base, size, true, MemblockFlags.KhoScratch);
    }

    /// <summary>7.x <c>memblock_clear_kho_scratch()</c>.</summary>
    public int ClearKhoScratch(ulong @base, ulong size)
    {
        RequireV7("memblock_clear_kho_scratch()");
        return SetClear(_memory, @base, size, false, MemblockFlags.KhoScratch);
    }

    /// <summary>Sets or clears any flag on the existing regions of one array inside the range (holes stay holes).</summary>
    public int SetFlag(MemblockTypeKind kind, ulong @base, ulong size, MemblockFlags flag, bool set) =>
        SetClear(TypeOf(kind), @base, size, set, flag);

    /// <summary><c>memblock_set_node()</c>: isolates the range in one array, sets the nid, re-merges.</summary>
    public int SetNode(ulong @base, ulong size, int nid, MemblockTypeKind kind = MemblockTypeKind.Memory) =>
        Guard((@base, size, nid, type: TypeOf(kind)), static (m, a) =>
        {
            var ret = m.IsolateRange(a.type, a.@base, a.size, out var start, out var end);
            if (ret != 0)
            {
                return ret;
            }

            for (var i = start; i < end; i++)
            {
                a.type.Regions[i] = a.type.Regions[i] with { Nid = a.nid };
            }

            MergeRegions(a.type, start, end);
            return 0;
        });

    private int SetClear(MemblockType type, ulong @base, ulong size, bool set, MemblockFlags flag) =>
        Guard((type, @base, size, set, flag), static (m, a) =>
        {
            var ret = m.IsolateRange(a.type, a.@base, a.size, out var start, out var end);
            if (ret != 0)
            {
                return ret;
            }

            for (var i = start; i < end; i++)
            {
                var r = a.type.Regions[i];
                a.type.Regions[i] = r with { Flags = a.set ? r.Flags | a.flag : r.Flags & ~a.flag };
            }

            MergeRegions(a.type, start, end);
            return 0;
        });

    private int ReserveCore(ulong @base, ulong size, int nid, MemblockFlags flags)
    {
        if (V7)
        {
            if (Debug)
            {
                Dbg($"__memblock_reserve: [{Pa(@base)}-{Pa(@base + size - 1)}] nid={nid} flags={X((uint)flags)}");
            }
            return AddRange(_reserved, @base, size, nid, flags);
        }

        if (Debug)
        {
            Dbg($"memblock_reserve: [{Pa(@base)}-{Pa(@base + size - 1)}]");
        }
        return AddRange(_reserved, @base, size, MaxNumNodes, MemblockFlags.None);
    }

    private int PhysFree(ulong @base, ulong size)
    {
        if (Debug)
        {
            Dbg($"memblock_phys_free: [{Pa(@base)}-{Pa(@base + size - 1)}]");
        }
        return RemoveRange(_reserved, @base, size);
    }

    /// <summary><c>memblock_cap_size()</c>: the size that keeps <c>base + size</c> from overflowing.</summary>
    private static ulong CapSize(ulong @base, ulong size) => Math.Min(size, PhysAddrMax - @base);

    /// <summary><c>memblock_add_range()</c>.</summary>
    private int AddRange(MemblockType type, ulong @base, ulong size, int nid, MemblockFlags flags)
    {
        size = CapSize(@base, size);
        var end = @base + size;
        if (size == 0)
        {
            return 0;
        }

        if (type.Count == 0)
        {
            // The empty-array special case: the dummy entry 0 becomes the region.
            if (type.TotalSize != 0)
            {
                WarnOn("type->cnt != 0 || type->total_size");
            }

            type.Regions.Insert(0, new MemblockRegion(@base, size, flags, nid));
            type.TotalSize = size;
            return 0;
        }

        // Fast path: even if the range overlapped every region, cnt + 1 new entries fit.
        var insert = type.Count * 2 + 1 <= type.Max;
        var obase = @base;
        int startRgn = -1, endRgn = 0;
        while (true)
        {
            // First pass (unless the fast path) counts the entries needed; the second inserts them.
            @base = obase;
            var nrNew = 0;
            var idx = type.Regions.FirstEndingAbove(@base);
            for (; idx < type.Count; idx++)
            {
                var rgn = type.Regions[idx];
                var rbase = rgn.Base;
                var rend = rgn.End;
                if (rbase >= end)
                {
                    break;
                }

                if (rend <= @base)
                {
                    continue;
                }

                if (rbase > @base)
                {
                    // The gap below this region is new: it takes the new nid and flags.
                    CheckGapAgainst(rgn, nid, flags);
                    nrNew++;
                    if (insert)
                    {
                        if (startRgn == -1)
                        {
                            startRgn = idx;
                        }

                        endRgn = idx + 1;
                        InsertRegion(type, idx++, @base, rbase - @base, nid, flags);
                    }
                }

                @base = Math.Min(rend, end);
            }

            if (@base < end)
            {
                nrNew++;
                if (insert)
                {
                    if (startRgn == -1)
                    {
                        startRgn = idx;
                    }

                    endRgn = idx + 1;
                    InsertRegion(type, idx, @base, end - @base, nid, flags);
                }
            }

            if (nrNew == 0)
            {
                return 0;
            }

            if (insert)
            {
                MergeRegions(type, startRgn, endRgn);
                return 0;
            }

            while (type.Count + nrNew > type.Max)
            {
                if (DoubleArray(type, obase, size) < 0)
                {
                    return -ENoMem;
                }
            }

            insert = true;
        }
    }

    /// <summary>The WARN_ONs of <c>memblock_add_range()</c> for a gap inserted below an existing region.</summary>
    private void CheckGapAgainst(MemblockRegion rgn, int nid, MemblockFlags flags)
    {
        if (nid != rgn.Nid)
        {
            WarnOn("nid != memblock_get_region_node(rgn)");
        }

        if (V7)
        {
            if (flags != MemblockFlags.None && flags != rgn.Flags)
            {
                WarnOn("flags != MEMBLOCK_NONE && flags != rgn->flags");
            }
        }
        else if (flags != rgn.Flags)
        {
            WarnOn("flags != rgn->flags");
        }
    }

    /// <summary><c>memblock_insert_region()</c>.</summary>
    private static void InsertRegion(MemblockType type, int idx, ulong @base, ulong size, int nid, MemblockFlags flags)
    {
        if (type.Count >= type.Max)
        {
            throw new InvalidOperationException("BUG: memblock_insert_region() beyond the array capacity");
        }

        type.Regions.Insert(idx, new MemblockRegion(@base, size, flags, nid));
        type.TotalSize += size;
    }

    /// <summary><c>memblock_merge_regions()</c>: merges equal neighbours from <c>start-1</c> up to <c>end</c>.</summary>
    private static void MergeRegions(MemblockType type, int startRgn, int endRgn)
    {
        var i = startRgn > 0 ? startRgn - 1 : 0;
        var last = type.Count == 0 ? endRgn : Math.Min(endRgn, type.Count - 1);
        while (i < last)
        {
            var self = type.Regions[i];
            var next = type.Regions[i + 1];
            if (self.End != next.Base || self.Nid != next.Nid || self.Flags != next.Flags)
            {
                if (self.End > next.Base)
                {
                    throw new InvalidOperationException("BUG: overlapping memblock regions");
                }

                i++;
                continue;
            }

            type.Regions[i] = self with { Size = self.Size + next.Size };
            type.Regions.RemoveRange(i + 1, 1);
            last--;
        }
    }

    /// <summary>
    /// <c>memblock_isolate_range()</c>: splits regions crossing <c>base</c> or <c>base+size</c> and returns the
    /// half-open index range <c>[start, end)</c> of regions inside. Doubles the array first whenever
    /// <c>cnt + 2 &gt; max</c>, even if no split is needed.
    /// </summary>
    private int IsolateRange(MemblockType type, ulong @base, ulong size, out int startRgn, out int endRgn)
    {
        size = CapSize(@base, size);
        var end = @base + size;
        startRgn = endRgn = 0;
        if (size == 0)
        {
            return 0;
        }

        while (type.Count + 2 > type.Max)
        {
            if (DoubleArray(type, @base, size) < 0)
            {
                return -ENoMem;
            }
        }

        for (var idx = type.Regions.FirstEndingAbove(@base); idx < type.Count; idx++)
        {
            var rgn = type.Regions[idx];
            var rbase = rgn.Base;
            var rend = rgn.End;
            if (rbase >= end)
            {
                break;
            }

            if (rend <= @base)
            {
                continue;
            }

            if (rbase < @base)
            {
                // Crosses from below: keep the top half here, insert the bottom half before it, go on.
                type.Regions[idx] = rgn with { Base = @base, Size = rgn.Size - (@base - rbase) };
                type.TotalSize -= @base - rbase;
                InsertRegion(type, idx, rbase, @base - rbase, rgn.Nid, rgn.Flags);
            }
            else if (rend > end)
            {
                // Crosses from above: keep the top half, insert the bottom half and look at it again.
                type.Regions[idx] = rgn with { Base = end, Size = rgn.Size - (end - rbase) };
                type.TotalSize -= end - rbase;
                InsertRegion(type, idx--, rbase, end - rbase, rgn.Nid, rgn.Flags);
            }
            else
            {
                if (endRgn == 0)
                {
                    startRgn = idx;
                }

                endRgn = idx + 1;
            }
        }

        return 0;
    }

    /// <summary><c>memblock_remove_range()</c>.</summary>
    private int RemoveRange(MemblockType type, ulong @base, ulong size)
    {
        var ret = IsolateRange(type, @base, size, out var start, out var end);
        if (ret != 0)
        {
            return ret;
        }

        if (end > start)
        {
            ulong removed = 0;
            for (var i = start; i < end; i++)
            {
                removed += type.Regions[i].Size;
            }

            type.TotalSize -= removed;
            type.Regions.RemoveRange(start, end - start);
            EmptyCheck(type);
        }

        return 0;
    }

    /// <summary><c>memblock_remove_region()</c> for one index.</summary>
    private void RemoveRegion(MemblockType type, int index)
    {
        type.TotalSize -= type.Regions[index].Size;
        type.Regions.RemoveRange(index, 1);
        EmptyCheck(type);
    }

    private void EmptyCheck(MemblockType type)
    {
        if (type.Count == 0 && type.TotalSize != 0)
        {
            WarnOn("type->total_size != 0");
        }
    }

    /// <summary>
    /// <c>memblock_double_array()</c> before slab: finds a page-aligned array of twice the entries with
    /// <c>memblock_find_in_range()</c> (mirror-first; for reserved avoiding the range being added), switches to
    /// it, frees the previous dynamic array and reserves the new one. Panics unless resizing is allowed.
    /// </summary>
    private int DoubleArray(MemblockType type, ulong newAreaStart, ulong newAreaSize)
    {
        if (!CanResize)
        {
            Panic($"memblock: cannot resize {type.Name} array");
        }

        var oldSize = (ulong)type.Max * RegionBytes;
        var newSize = oldSize << 1;
        var oldAllocSize = PageAlign(oldSize);
        var newAllocSize = PageAlign(newSize);

        // Only doubling reserved must avoid the range being reserved.
        if (!ReferenceEquals(type, _reserved))
        {
            newAreaStart = newAreaSize = 0;
        }

        var addr = FindInRange(newAreaStart + newAreaSize, CurrentLimit, newAllocSize, PageSize);
        if (addr == 0 && newAreaSize != 0)
        {
            addr = FindInRange(0, Math.Min(newAreaStart, CurrentLimit), newAllocSize, PageSize);
        }

        if (addr == 0)
        {
            Print(MemblockLogKind.Error, $"memblock: Failed to double {type.Name} array from {type.Max} to {type.Max * 2L} entries !");
            return -1;
        }

        if (Debug)
        {
            Dbg($"memblock: {type.Name} is doubled to {type.Max * 2L} at [{Pa(addr)}-{Pa(addr + newSize - 1)}]");
        }
        var oldArray = type.ArrayAddress;
        type.ArrayAddress = addr;
        type.Max <<= 1;
        if (oldArray is { } old)
        {
            PhysFree(old, oldAllocSize);
        }

        // 6.12 memblock_reserve(); 7.x memblock_reserve_kern().
        ReserveCore(addr, newAllocSize, NumaNoNode, V7 ? MemblockFlags.RsrvKern : MemblockFlags.None);
        return 0;
    }

    private static ulong PageAlign(ulong size) => (size + PageSize - 1) & ~(PageSize - 1);
}
