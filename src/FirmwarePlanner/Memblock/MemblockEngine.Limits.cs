using static FirmwarePlanner.Memblock.MemblockConstants;

namespace FirmwarePlanner.Memblock;

/// <summary>Whole-map operations (trim, mem=, cap, NUMA coverage) and point queries.</summary>
public sealed partial class MemblockEngine
{
    /// <summary>
    /// <c>memblock_trim_memory()</c>: rounds each memory region's base up and end down to <paramref name="align"/>,
    /// removing regions that vanish. Like Linux it does not update <c>total_size</c> for shrunk regions.
    /// </summary>
    public void TrimMemory(ulong align)
    {
        if (PanicMessage is not null)
        {
            return;
        }

        for (var i = 0; i < _memory.Count; i++)
        {
            var r = _memory.Regions[i];
            var start = RoundUp(r.Base, align);
            var end = RoundDown(r.End, align);
            if (start == r.Base && end == r.End)
            {
                continue;
            }

            if (start < end)
            {
                _memory.Regions[i] = r with { Base = start, Size = end - start };
            }
            else
            {
                RemoveRegion(_memory, i);
                i--;
            }
        }
    }

    /// <summary>
    /// <c>memblock_enforce_memory_limit()</c> (<c>mem=</c>): finds the address where <paramref name="limit"/> bytes of
    /// memory are reached and removes everything above it from memory and reserved. 0 or more than all memory: no-op.
    /// </summary>
    public void EnforceMemoryLimit(ulong limit) => Guard(limit, static (m, limit) =>
    {
        if (limit == 0)
        {
            return 0;
        }

        var maxAddr = m.FindMaxAddr(limit);
        if (maxAddr == PhysAddrMax)
        {
            return 0;
        }

        m.RemoveRange(m._memory, maxAddr, PhysAddrMax);
        m.RemoveRange(m._reserved, maxAddr, PhysAddrMax);
        return 0;
    });

    /// <summary>
    /// <c>memblock_cap_memory_range()</c>: keeps only <c>[base, base+size)</c> of memory (NOMAP regions outside survive)
    /// and truncates reserved to it. Warns and does nothing when no memory is registered.
    /// </summary>
    public void CapMemoryRange(ulong @base, ulong size) => Guard((@base, size), static (m, a) =>
    {
        if (a.size == 0)
        {
            return 0;
        }

        if (m._memory.TotalSize == 0)
        {
            m.Print(MemblockLogKind.Warning, "memblock_cap_memory_range: No memory registered yet");
            return 0;
        }

        if (m.IsolateRange(m._memory, a.@base, a.size, out var start, out var end) != 0)
        {
            return 0;
        }

        for (var i = m._memory.Count - 1; i >= end; i--)
        {
            if ((m._memory.Regions[i].Flags & MemblockFlags.NoMap) == 0)
            {
                m.RemoveRegion(m._memory, i);
            }
        }

        for (var i = start - 1; i >= 0; i--)
        {
            if ((m._memory.Regions[i].Flags & MemblockFlags.NoMap) == 0)
            {
                m.RemoveRegion(m._memory, i);
            }
        }

        m.RemoveRange(m._reserved, 0, a.@base);
        m.RemoveRange(m._reserved, a.@base + a.size, PhysAddrMax);
        return 0;
    });

    /// <summary><c>memblock_mem_limit_remove_map()</c>: like mem= but via <see cref="CapMemoryRange"/> (keeps NOMAP).</summary>
    public void MemLimitRemoveMap(ulong limit)
    {
        if (limit == 0)
        {
            return;
        }

        var maxAddr = FindMaxAddr(limit);
        if (maxAddr != PhysAddrMax)
        {
            CapMemoryRange(0, maxAddr);
        }
    }

    /// <summary>
    /// <c>memblock_validate_numa_coverage()</c>: false (and the kernel's error line) when more than
    /// <paramref name="thresholdBytes"/> of memory has no valid node id.
    /// </summary>
    public bool ValidateNumaCoverage(ulong thresholdBytes)
    {
        ulong pages = 0;
        for (var i = 0; i < _memory.Count; i++)
        {
            var r = _memory.Regions[i];
            var startPfn = (r.Base + PageSize - 1) >> PageShift;
            var endPfn = r.End >> PageShift;
            if (startPfn < endPfn && !IsValidNode(r.Nid))
            {
                pages += endPfn - startPfn;
            }
        }

        if ((pages << PageShift) > thresholdBytes)
        {
            var text = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"NUMA: no nodes coverage for {(pages << PageShift) >> 20}MB of {PhysMemSize >> 20}MB RAM");
            Print(MemblockLogKind.Error, text);
            return false;
        }

        return true;
    }

    /// <summary><c>memblock_is_reserved()</c>.</summary>
    public bool IsReserved(ulong addr) => Search(_reserved, addr) >= 0;

    /// <summary><c>memblock_is_memory()</c>.</summary>
    public bool IsMemory(ulong addr) => Search(_memory, addr) >= 0;

    /// <summary><c>memblock_is_map_memory()</c>: memory and not NOMAP.</summary>
    public bool IsMapMemory(ulong addr)
    {
        var i = Search(_memory, addr);
        return i >= 0 && (_memory.Regions[i].Flags & MemblockFlags.NoMap) == 0;
    }

    /// <summary><c>memblock_is_region_reserved()</c>: does <c>[base, base+size)</c> overlap any reserved region.</summary>
    public bool IsRegionReserved(ulong @base, ulong size)
    {
        size = CapSize(@base, size);
        var i = _reserved.Regions.FirstEndingAbove(@base);
        return i < _reserved.Count && _reserved.Regions[i].Base < @base + size;
    }

    /// <summary><c>memblock_is_region_memory()</c>: is the whole range inside one memory region.</summary>
    public bool IsRegionMemory(ulong @base, ulong size)
    {
        var i = Search(_memory, @base);
        return i >= 0 && _memory.Regions[i].End >= @base + CapSize(@base, size);
    }

    /// <summary>7.x <c>memblock_reserved_kern_size()</c>: RSRV_KERN bytes below <paramref name="limit"/> on a node (or all).</summary>
    public ulong ReservedKernSize(ulong limit, int nid)
    {
        ulong total = 0;
        for (var i = 0; i < _reserved.Count; i++)
        {
            var r = _reserved.Regions[i];
            if (r.Base > limit)
            {
                break;
            }

            var size = r.End > limit ? limit - r.Base : r.Size;
            if ((nid == r.Nid || !IsValidNode(nid)) && (r.Flags & MemblockFlags.RsrvKern) != 0)
            {
                total += size;
            }
        }

        return total;
    }

    /// <summary><c>__find_max_addr()</c>.</summary>
    private ulong FindMaxAddr(ulong limit)
    {
        for (var i = 0; i < _memory.Count; i++)
        {
            var r = _memory.Regions[i];
            if (limit <= r.Size)
            {
                return r.Base + limit;
            }

            limit -= r.Size;
        }

        return PhysAddrMax;
    }

    /// <summary><c>memblock_search()</c>: index of the region containing <paramref name="addr"/>, or -1.</summary>
    private static int Search(MemblockType type, ulong addr)
    {
        var i = type.Regions.FirstEndingAbove(addr);
        return i < type.Count && type.Regions[i].Base <= addr ? i : -1;
    }
}
