using static FirmwarePlanner.Memblock.MemblockConstants;
using static FirmwarePlanner.Text.KernelFormat;

namespace FirmwarePlanner.Memblock;

/// <summary>Allocation: find (top-down / bottom-up), the mirror → node → any-node order, and the wrappers.</summary>
public sealed partial class MemblockEngine
{
    /// <summary>
    /// <c>memblock_find_in_range_node()</c>: the address a search would pick, without reserving it (0 = none).
    /// <paramref name="end"/> ACCESSIBLE/NOLEAKTRACE means <see cref="CurrentLimit"/>; page 0 is never returned.
    /// </summary>
    public ulong FindInRangeNode(ulong size, ulong align, ulong start, ulong end, int nid, MemblockFlags flags)
    {
        if (end is AllocAccessible or AllocNoLeakTrace)
        {
            end = CurrentLimit;
        }

        start = Math.Max(start, PageSize);
        end = Math.Max(start, end);
        return BottomUp
            ? FindBottomUp(start, end, size, align, nid, flags)
            : FindTopDown(start, end, size, align, nid, flags);
    }

    /// <summary>
    /// <c>memblock_alloc_range_nid()</c>: finds and reserves <paramref name="size"/> bytes in
    /// <c>[start, end)</c>; order (mirror, nid) → (mirror, any node) → warning → (any, nid) → (any, any node).
    /// <paramref name="end"/> is not clamped to the current limit; align 0 prints dump_stack() and uses 64.
    /// Returns the address or 0.
    /// </summary>
    public ulong AllocRangeNid(ulong size, ulong align, ulong start, ulong end, int nid, bool exactNid = false) =>
        GuardAddress((size, align, start, end, nid, exactNid), static (m, a) => m.AllocRangeNidCore(a.size, a.align, a.start, a.end, a.nid, a.exactNid));

    /// <summary><c>memblock_phys_alloc_range()</c>: debug line, then any node in <c>[start, end)</c>.</summary>
    public ulong PhysAllocRange(ulong size, ulong align, ulong start, ulong end) =>
        GuardAddress((size, align, start, end), static (m, a) =>
        {
            if (m.Debug)
            {
                m.Dbg($"memblock_phys_alloc_range: {U(a.size)} bytes align={HashX(a.align)} from={Pa(a.start)} max_addr={Pa(a.end)}");
            }
            return m.AllocRangeNidCore(a.size, a.align, a.start, a.end, NumaNoNode, false);
        });

    /// <summary><c>memblock_phys_alloc()</c> = <c>memblock_phys_alloc_range(size, align, 0, ACCESSIBLE)</c>.</summary>
    public ulong PhysAlloc(ulong size, ulong align) => PhysAllocRange(size, align, 0, AllocAccessible);

    /// <summary><c>memblock_phys_alloc_try_nid()</c>: node-preferred with any-node fallback, below the current limit.</summary>
    public ulong PhysAllocTryNid(ulong size, ulong align, int nid) =>
        GuardAddress((size, align, nid), static (m, a) => m.AllocRangeNidCore(a.size, a.align, 0, AllocAccessible, a.nid, false));

    /// <summary>
    /// <c>memblock_alloc_try_nid()</c> and its variants (<paramref name="function"/> picks the name in the debug
    /// line and whether the node is exact): clamps <paramref name="maxAddr"/> to the current limit and retries
    /// from 0 when nothing fits above <paramref name="minAddr"/>. Returns the physical address or 0.
    /// </summary>
    public ulong AllocTryNid(ulong size, ulong align, ulong minAddr, ulong maxAddr, int nid, MemblockAllocFunction function = MemblockAllocFunction.TryNid) =>
        GuardAddress((size, align, minAddr, maxAddr, nid, function), static (m, a) =>
        {
            if (m.Debug)
            {
                m.Dbg($"{FunctionName(a.function)}: {U(a.size)} bytes align={HashX(a.align)} nid={a.nid} from={Pa(a.minAddr)} max_addr={Pa(a.maxAddr)}");
            }
            return m.AllocInternal(a.size, a.align, a.minAddr, a.maxAddr, a.nid, a.function == MemblockAllocFunction.ExactNidRaw);
        });

    /// <summary><c>memblock_alloc_exact_nid_raw()</c>: like <see cref="AllocTryNid"/> but never another node.</summary>
    public ulong AllocExactNidRaw(ulong size, ulong align, ulong minAddr, ulong maxAddr, int nid) =>
        AllocTryNid(size, align, minAddr, maxAddr, nid, MemblockAllocFunction.ExactNidRaw);

    /// <summary><c>memblock_alloc()</c>: any node, below the current limit.</summary>
    public ulong Alloc(ulong size, ulong align) => AllocTryNid(size, align, 0, AllocAccessible, NumaNoNode);

    /// <summary><c>memblock_alloc_from()</c>: at or above <paramref name="minAddr"/> if possible.</summary>
    public ulong AllocFrom(ulong size, ulong align, ulong minAddr) => AllocTryNid(size, align, minAddr, AllocAccessible, NumaNoNode);

    /// <summary><c>memblock_alloc_low()</c>: below ARCH_LOW_ADDRESS_LIMIT (4 GiB).</summary>
    public ulong AllocLow(ulong size, ulong align) => AllocTryNid(size, align, 0, ArchLowAddressLimit, NumaNoNode);

    /// <summary><c>memblock_alloc_node()</c>: node-preferred.</summary>
    public ulong AllocNode(ulong size, ulong align, int nid) => AllocTryNid(size, align, 0, AllocAccessible, nid);

    private static string FunctionName(MemblockAllocFunction function) => function switch
    {
        MemblockAllocFunction.TryNidRaw => "memblock_alloc_try_nid_raw",
        MemblockAllocFunction.ExactNidRaw => "memblock_alloc_exact_nid_raw",
        _ => "memblock_alloc_try_nid",
    };

    /// <summary><c>choose_memblock_flags()</c>.</summary>
    private MemblockFlags ChooseFlags() =>
        V7 && KhoScratchOnly ? MemblockFlags.KhoScratch
        : HasMirror ? MemblockFlags.Mirror
        : MemblockFlags.None;

    /// <summary><c>memblock_alloc_internal()</c>.</summary>
    private ulong AllocInternal(ulong size, ulong align, ulong minAddr, ulong maxAddr, int nid, bool exactNid)
    {
        if (maxAddr > CurrentLimit)
        {
            maxAddr = CurrentLimit;
        }

        var alloc = AllocRangeNidCore(size, align, minAddr, maxAddr, nid, exactNid);
        if (alloc == 0 && minAddr != 0)
        {
            alloc = AllocRangeNidCore(size, align, 0, maxAddr, nid, exactNid);
        }

        return alloc;
    }

    private ulong AllocRangeNidCore(ulong size, ulong align, ulong start, ulong end, int nid, bool exactNid)
    {
        var flags = ChooseFlags();
        if (align == 0)
        {
            Print(MemblockLogKind.DumpStack, "dump_stack() (align==0, defaulting to SMP_CACHE_BYTES)");
            align = SmpCacheBytes;
        }

        while (true)
        {
            var found = FindInRangeNode(size, align, start, end, nid, flags);
            if (found != 0 && ReserveCore(found, size, nid, MemblockFlags.RsrvKern) == 0)
            {
                return found;
            }

            if (IsValidNode(nid) && !exactNid)
            {
                found = FindInRangeNode(size, align, start, end, NumaNoNode, flags);
                if (found != 0 && ReserveCore(found, size, NumaNoNode, MemblockFlags.RsrvKern) == 0)
                {
                    return found;
                }
            }

            if ((flags & MemblockFlags.Mirror) == 0)
            {
                return 0;
            }

            flags &= ~MemblockFlags.Mirror;
            Print(MemblockLogKind.Warning, $"Could not allocate {Pa(size)} bytes of mirrored memory");
        }
    }

    /// <summary><c>memblock_find_in_range()</c>: any node, mirror-first with the same fallback warning.</summary>
    private ulong FindInRange(ulong start, ulong end, ulong size, ulong align)
    {
        var flags = ChooseFlags();
        while (true)
        {
            var ret = FindInRangeNode(size, align, start, end, NumaNoNode, flags);
            if (ret != 0 || (flags & MemblockFlags.Mirror) == 0)
            {
                return ret;
            }

            Print(MemblockLogKind.Warning, $"Could not allocate {Pa(size)} bytes of mirrored memory");
            flags &= ~MemblockFlags.Mirror;
        }
    }

    /// <summary><c>__memblock_find_range_bottom_up()</c>: the lowest fitting address.</summary>
    private ulong FindBottomUp(ulong start, ulong end, ulong size, ulong align, int nid, MemblockFlags flags)
    {
        ulong idx = 0;
        while (true)
        {
            NextMemRange(ref idx, nid, flags, _memory, _reserved, out var thisStart, out var thisEnd, out _);
            if (idx == IterationEnd)
            {
                return 0;
            }

            thisStart = Clamp(thisStart, start, end);
            thisEnd = Clamp(thisEnd, start, end);
            var cand = RoundUp(thisStart, align);
            if (cand < thisEnd && thisEnd - cand >= size)
            {
                return cand;
            }
        }
    }

    /// <summary><c>__memblock_find_range_top_down()</c>: the highest fitting address.</summary>
    private ulong FindTopDown(ulong start, ulong end, ulong size, ulong align, int nid, MemblockFlags flags)
    {
        var idx = IterationEnd;
        while (true)
        {
            NextMemRangeRev(ref idx, nid, flags, _memory, _reserved, out var thisStart, out var thisEnd, out _);
            if (idx == IterationEnd)
            {
                return 0;
            }

            thisStart = Clamp(thisStart, start, end);
            thisEnd = Clamp(thisEnd, start, end);
            if (thisEnd < size)
            {
                continue;
            }

            var cand = RoundDown(thisEnd - size, align);
            if (cand >= thisStart)
            {
                return cand;
            }
        }
    }

    private static ulong Clamp(ulong value, ulong lo, ulong hi) => Math.Min(Math.Max(value, lo), hi);

    /// <summary>The kernel's <c>round_up()</c> (meant for powers of two; other values behave as in C).</summary>
    private static ulong RoundUp(ulong x, ulong align) => unchecked(((x - 1) | (align - 1)) + 1);

    /// <summary>The kernel's <c>round_down()</c>.</summary>
    private static ulong RoundDown(ulong x, ulong align) => x & ~unchecked(align - 1);
}

/// <summary>Which <c>memblock_alloc_*nid*</c> entry point (its name appears in the memblock=debug line).</summary>
public enum MemblockAllocFunction
{
    /// <summary><c>memblock_alloc_try_nid()</c> (zeroing; what <c>memblock_alloc()</c> and friends call).</summary>
    TryNid,

    /// <summary><c>memblock_alloc_try_nid_raw()</c>.</summary>
    TryNidRaw,

    /// <summary><c>memblock_alloc_exact_nid_raw()</c>: no fallback to other nodes.</summary>
    ExactNidRaw,
}
