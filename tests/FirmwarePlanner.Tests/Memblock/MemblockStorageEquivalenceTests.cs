using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock;

namespace FirmwarePlanner.Tests.Memblock;

/// <summary>
/// Thousands of regions (several array doublings, many chunk splits): the chunked storage must give exactly
/// the kernel-array result — same regions, capacities, totals, log lines and allocation addresses.
/// </summary>
public class MemblockStorageEquivalenceTests
{
    private const ulong MiB = 1UL << 20;
    private const ulong GiB = 1UL << 30;

    [Theory]
    [InlineData(MemblockRevision.Linux7_2)]
    [InlineData(MemblockRevision.Linux6_12)]
    public void LargeShuffledWorkload_SameResultWithBothStorages(MemblockRevision kernel)
    {
        var chunked = Workload(kernel, MemblockStorage.Chunked, out var addressesA);
        var linear = Workload(kernel, MemblockStorage.LinearArray, out var addressesB);
        Assert.Equal(addressesB, addressesA);
        Assert.Equal(linear.Memory.Regions.ToArray(), chunked.Memory.Regions.ToArray());
        Assert.Equal(linear.Reserved.Regions.ToArray(), chunked.Reserved.Regions.ToArray());
        Assert.Equal((linear.Memory.Max, linear.Reserved.Max), (chunked.Memory.Max, chunked.Reserved.Max));
        Assert.Equal(linear.Log.ToArray(), chunked.Log.ToArray());

        // The workload really is large: both arrays were doubled several times.
        Assert.Equal(4096, chunked.Memory.Max);
        Assert.True(chunked.Reserved.Max >= 2048, $"reserved.max {chunked.Reserved.Max}");
    }

    private static MemblockEngine Workload(MemblockRevision kernel, MemblockStorage storage, out List<ulong> addresses)
    {
        var m = MemblockEngine.Create(kernel, storage);
        m.AllowResize();
        m.MirroredKernelcore = true;
        m.Debug = true;
        addresses = [];
        var rng = new Random(42);
        var order = Enumerable.Range(0, 3000).ToArray();
        rng.Shuffle(order);
        foreach (var i in order)
        {
            m.AddNode(4 * GiB + (ulong)i * 3 * MiB, 2 * MiB, i / 800);
        }

        for (var i = 0; i < 300; i++)
        {
            m.MarkMirror(4 * GiB + (ulong)rng.Next(3000) * 3 * MiB, MiB);
        }

        rng.Shuffle(order);
        foreach (var i in order)
        {
            m.Reserve(4 * GiB + (ulong)i * 3 * MiB + 0x10000, 0x1000 * (ulong)(1 + (i % 3)));
        }

        for (var i = 0; i < 400; i++)
        {
            addresses.Add(m.AllocTryNid(0x3000, 0x1000, 0, MemblockConstants.AllocAccessible, i % 5 - 1));
        }

        rng.Shuffle(order);
        foreach (var i in order.Take(2000))
        {
            m.Free(4 * GiB + (ulong)i * 3 * MiB + 0x10000, 0x1000);
        }

        m.SetNode(0, 6 * GiB, 7);
        m.SetNode(0, 6 * GiB, 7, MemblockTypeKind.Reserved);
        m.Remove(5 * GiB, GiB);
        m.EnforceMemoryLimit(5 * GiB);
        return m;
    }
}
