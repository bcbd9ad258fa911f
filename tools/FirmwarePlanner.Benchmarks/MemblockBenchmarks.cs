using BenchmarkDotNet.Attributes;
using FirmwarePlanner.Memblock;

namespace FirmwarePlanner.Benchmarks;

/// <summary>The realistic boot sequence, chunked storage against the kernel's linear array.</summary>
[MemoryDiagnoser]
public class MemblockBootBenchmarks
{
    [Params(MemblockStorage.Chunked, MemblockStorage.LinearArray)]
    public MemblockStorage Storage { get; set; }

    [Benchmark]
    public ulong X86UefiBootWithMirror() => MemblockWorkloads.Boot(Storage);
}

/// <summary>Large region tables (10^3 … 10^5 regions): the cost curve of both storages.</summary>
public class MemblockScalingBenchmarks
{
    [Params(1_000, 10_000, 100_000)]
    public int Regions { get; set; }

    [Params(MemblockStorage.Chunked, MemblockStorage.LinearArray)]
    public MemblockStorage Storage { get; set; }

    [Benchmark]
    public ulong FragmentedMap() => MemblockWorkloads.FragmentedMap(Storage, Regions);

    [Benchmark]
    public ulong ManyReservations() => MemblockWorkloads.ManyReservations(Storage, Regions);
}
