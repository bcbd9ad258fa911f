using FirmwarePlanner.Planning;
using Xunit.Abstractions;

namespace FirmwarePlanner.Tests.Planning;

public class PlacementCaptureTests(ITestOutputHelper output)
{
    public static TheoryData<string> MirrorCaptures => new(
        Directory.GetDirectories(Support.Fixtures.PathOf("qemu"))
            .Select(Path.GetFileName)
            .Where(n => File.Exists(Support.Fixtures.PathOf("qemu", n!, "kernel-summary.json")) && File.ReadAllText(Support.Fixtures.PathOf("qemu", n!, "kernel-summary.json")).Contains("\"MR\"", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(MirrorCaptures))]
    public void PredictsTheKernelsMirrorWarningsAndNodeDataLines(string folder)
    {
        var (machine, profile) = CaptureMachine.Load(folder);
        var run = PlacementRunner.Run(machine, profile, mirrorFirst: machine.CommandLine.KernelcoreMirror);
        foreach (var a in run.Allocations)
        {
            output.WriteLine($"{a.ItemId,-24} {a.Call,-40} n={a.RequestedNode} {a.Size,12:x} @ {a.Address:x} node {a.Node} mirr {a.MirroredBytes:x}");
        }

        var dmesg = CaptureMachine.DmesgLines(folder);
        string[] Pick(IEnumerable<string> lines) => lines.Where(l =>
            l.StartsWith("Could not allocate", StringComparison.Ordinal) || l.Contains("NODE_DATA(", StringComparison.Ordinal)
            || l.StartsWith("This configuration results", StringComparison.Ordinal)
            || l.StartsWith("NUMA: Initialized distance table", StringComparison.Ordinal)).ToArray();
        var expected = Pick(dmesg);
        var actual = Pick(run.KernelLines);
        output.WriteLine(string.Join('\n', run.KernelLines));
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// Every predicted allocation of the large items is checked against the reservation the kernel logged for it
    /// (memblock=debug <c>memblock_reserve: [a-b] memblock_alloc_range_nid</c>); the rest are counted and printed.
    /// </summary>
    [Theory]
    [MemberData(nameof(MirrorCaptures))]
    public void LargeAllocationsLandWhereTheKernelPutThem(string folder)
    {
        var (machine, profile) = CaptureMachine.Load(folder);
        var run = PlacementRunner.Run(machine, profile, mirrorFirst: machine.CommandLine.KernelcoreMirror);
        var logged = CaptureMachine.DmesgLines(folder)
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^(?:__)?memblock_reserve: \[0x([0-9a-f]+)-0x([0-9a-f]+)\] (?:nid=-?\d+ flags=[0-9a-f]+ )?memblock_alloc_range_nid"))
            .Where(m => m.Success)
            .Select(m => (CaptureMachine.HexText(m.Groups[1].Value), CaptureMachine.HexText(m.Groups[2].Value)))
            .ToHashSet();
        string[] large = ["log-buf", "node-data", "memmap", "percpu", "swiotlb", "direct-map-page-tables"];
        var placed = run.Allocations.Where(a => a.Address is not null && !a.Call.StartsWith("loader", StringComparison.Ordinal)).ToArray();
        var matched = placed.Where(a => logged.Contains((a.Address!.Value, a.Address.Value + a.Size - 1))).ToArray();
        output.WriteLine($"{folder}: {matched.Length}/{placed.Length} predicted allocations at the kernel's exact address");
        foreach (var a in placed.Except(matched))
        {
            output.WriteLine($"  differs: {a.ItemId} {a.Size:x} @ {a.Address:x}");
        }

        // The swiotlb slot array follows dozens of small bookkeeping allocations the model leaves out (firmware_map,
        // per-CPU maps, ACPI): only the bounce buffer itself is held to the kernel's address.
        // From 7.0 the memmap is allocated per 2 MiB vmemmap block: each block of the item is a reservation of its own.
        static IEnumerable<(ulong, ulong)> Reservations(PlacedAllocation a, bool perBlock) =>
            perBlock && a.ItemId == "memmap"
                ? Enumerable.Range(0, (int)(a.Size / (2UL << 20))).Select(k => (a.Address!.Value + ((ulong)k * (2UL << 20)), a.Address.Value + ((ulong)(k + 1) * (2UL << 20)) - 1))
                : [(a.Address!.Value, a.Address.Value + a.Size - 1)];
        // From 7.0 a memory-less node's pg_data_t is allocated in free_area_init(), after dozens of small setup_arch
        // and sparse bookkeeping allocations the model leaves out: it is held to the kernel's node and size, not its
        // address.
        bool Late(PlacedAllocation a) => profile.Kernel.OfflineNodeDataAfterSparseInit && a.Note == "memory-less node";
        Assert.All(placed.Where(a => large.Contains(a.ItemId) && a.Note != "slot array" && !Late(a)),
            a => Assert.All(Reservations(a, profile.Kernel.MemmapPerBlock), r => Assert.Contains(r, logged)));
        Assert.All(placed.Where(Late), a => Assert.Contains(logged, r => r.Item2 - r.Item1 + 1 == a.Size && machine.NodeOf(r.Item1) == a.Node));
    }
}
