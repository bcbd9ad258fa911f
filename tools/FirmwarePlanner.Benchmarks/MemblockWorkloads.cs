using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock;

namespace FirmwarePlanner.Benchmarks;

/// <summary>
/// Deterministic memblock workloads shared by the benchmarks: a realistic x86-64 UEFI boot with kernelcore=mirror,
/// and synthetic tables of n regions (firmware maps with many holes, many small reservations).
/// </summary>
public static class MemblockWorkloads
{
    internal const ulong MiB = 1UL << 20;
    internal const ulong GiB = 1UL << 30;

    /// <summary>The boot of oracle scenario 42, through the public API; returns a checksum of the final state.</summary>
    public static ulong Boot(MemblockStorage storage)
    {
        var m = MemblockEngine.Create(MemblockRevision.Linux7_2, storage);
        m.CurrentLimit = MiB;
        m.AllowResize();
        m.Add(0, 0x9f000);
        m.Add(MiB, 0x5ff00000);
        m.Add(0x61000000, 0x1e000000);
        m.Add(4 * GiB, 0x380000000);
        m.Add(0x480000000, 0x400000000);
        m.TrimMemory(0x1000);
        m.ReserveKern(0x1000000, 0x3000000);
        m.Reserve(0, 0x10000);
        m.ReserveKern(0x5c000000, 0x3000000);
        m.Reserve(0x9f000, 0x61000);
        m.MirroredKernelcore = true;
        m.MarkMirror(0, GiB);
        m.MarkMirror(4 * GiB, 2 * GiB);
        m.MarkMirror(0x480000000, 2 * GiB);
        m.Reserve(0x5a000000, 0x1000000);
        m.AllocRangeNid(0x7000, 0x1000, 0, MiB, MemblockConstants.NumaNoNode);
        m.Reserve(0, MiB);
        var probe = m.AllocRangeNid(2 * MiB, 2 * MiB, MiB, 0x880000000, MemblockConstants.NumaNoNode);
        m.Free(probe, 2 * MiB);
        m.CurrentLimit = 0x880000000;
        m.SetNode(0, 0x480000000, 0);
        m.SetNode(0x480000000, 0x400000000, 1);
        m.SetNode(0, 0x480000000, 0, MemblockTypeKind.Reserved);
        m.SetNode(0x480000000, 0x400000000, 1, MemblockTypeKind.Reserved);
        for (var nid = 0; nid < 2; nid++)
        {
            m.PhysAllocTryNid(0x2b000, 64, nid);
        }

        m.PhysAllocRange(0x20000000, 0x1000000, 0, 4 * GiB);
        m.Alloc(0x4000, 64);

        // sparse_init: per 128 MiB section one usemap and one memmap block per node (7.x per-2 MiB memmap).
        for (var nid = 0; nid < 2; nid++)
        {
            m.AllocNode(0x1000, 64, nid);
            m.AllocNode(0x2000, 64, nid);
            for (var section = 0; section < 128; section++)
            {
                m.AllocTryNid(2 * MiB, 2 * MiB, 16 * MiB, MemblockConstants.AllocNoLeakTrace, nid, MemblockAllocFunction.TryNidRaw);
            }

            m.AllocTryNid(8 * MiB, 2 * MiB, 16 * MiB, MemblockConstants.AllocAccessible, nid);
        }

        m.AllocLow(64 * MiB, 0x1000);
        m.Alloc(0xc0000, 0x1000);
        m.AllocNode(GiB, GiB, 0);
        m.AllocNode(GiB, GiB, 1);
        return Checksum(m);
    }

    /// <summary>
    /// A firmware map of <paramref name="n"/> disjoint RAM ranges added in shuffled order (like a fragmented
    /// e820/EFI map), each then split by a nid boundary and partly marked mirror.
    /// </summary>
    public static ulong FragmentedMap(MemblockStorage storage, int n)
    {
        var m = MemblockEngine.Create(MemblockRevision.Linux7_2, storage);
        m.AllowResize();
        m.MirroredKernelcore = true;
        m.Add(0x100000000000, GiB);
        foreach (var i in Shuffled(n, 1))
        {
            m.AddNode(4 * GiB + (ulong)i * 3 * MiB, 2 * MiB, i * 4 / n);
        }

        foreach (var i in Shuffled(n / 8, 2))
        {
            m.MarkMirror(4 * GiB + (ulong)i * 24 * MiB, MiB);
        }

        return Checksum(m);
    }

    /// <summary>
    /// <paramref name="n"/> small reservations in shuffled order over 64 GiB, 200 allocations, then every
    /// reservation freed in another order.
    /// </summary>
    public static ulong ManyReservations(MemblockStorage storage, int n)
    {
        var m = MemblockEngine.Create(MemblockRevision.Linux7_2, storage);
        m.AllowResize();
        m.AddNode(0, 64 * GiB, 0);
        var stride = 64 * GiB / (ulong)n;
        foreach (var i in Shuffled(n, 3))
        {
            m.Reserve((ulong)i * stride + 0x1000, 0x1000);
        }

        ulong sum = 0;
        for (var i = 0; i < 200; i++)
        {
            sum += m.AllocTryNid(0x3000, 0x1000, 0, MemblockConstants.AllocAccessible, 0);
        }

        foreach (var i in Shuffled(n, 4))
        {
            m.Free((ulong)i * stride + 0x1000, 0x1000);
        }

        return sum ^ Checksum(m);
    }

    /// <summary>A hash of both arrays, capacities and the log (so both storages can be compared cheaply).</summary>
    public static ulong Checksum(MemblockEngine m)
    {
        ArgumentNullException.ThrowIfNull(m);
        ulong h = 1469598103934665603;
        foreach (var kind in new[] { MemblockTypeKind.Memory, MemblockTypeKind.Reserved })
        {
            for (var i = 0; i < m.CountOf(kind); i++)
            {
                var r = m.RegionAt(kind, i);
                h = (h ^ r.Base) * 1099511628211;
                h = (h ^ r.Size) * 1099511628211;
                h = (h ^ ((ulong)r.Flags << 32 | (uint)r.Nid)) * 1099511628211;
            }
        }

        h = (h ^ (ulong)m.Memory.Max ^ ((ulong)m.Reserved.Max << 32)) * 1099511628211;
        return (h ^ (ulong)m.Log.Count) * 1099511628211;
    }

    internal static int[] Shuffled(int n, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }
}
