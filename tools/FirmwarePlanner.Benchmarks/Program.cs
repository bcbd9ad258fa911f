using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using FirmwarePlanner.Benchmarks;
using FirmwarePlanner.Memblock;

// `oracle [n...]`: the engine against the kernel's C (memblock oracle) on the same scripts, whole process and in-process.
if (args.Length > 0 && args[0] == "oracle")
{
    return OracleComparison.Run(args[1..]);
}

// `verify [n...]`: run each workload once per storage, check both give the same state, print wall times.
if (args.Length > 0 && args[0] == "verify")
{
    var sizes = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000, 100_000];
    var ok = Verify("boot", _ => MemblockWorkloads.Boot(_), 0);
    foreach (var n in sizes)
    {
        ok &= Verify("fragmented-map", s => MemblockWorkloads.FragmentedMap(s, n), n);
        ok &= Verify("many-reservations", s => MemblockWorkloads.ManyReservations(s, n), n);
    }

    return ok ? 0 : 1;
}

BenchmarkSwitcher.FromAssembly(typeof(MemblockWorkloads).Assembly).Run(args);
return 0;

static bool Verify(string name, Func<MemblockStorage, ulong> workload, int n)
{
    var results = new List<(MemblockStorage Storage, ulong Hash, double Ms)>();
    foreach (var storage in new[] { MemblockStorage.Chunked, MemblockStorage.LinearArray })
    {
        workload(storage);
        var sw = Stopwatch.StartNew();
        var hash = workload(storage);
        results.Add((storage, hash, sw.Elapsed.TotalMilliseconds));
    }

    var same = results[0].Hash == results[1].Hash;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-18} n={n,7}  chunked {results[0].Ms,10:F2} ms  linear {results[1].Ms,10:F2} ms  {(same ? "identical" : "DIFFERENT")}"));
    return same;
}
