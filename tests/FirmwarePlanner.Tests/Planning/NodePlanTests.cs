using FirmwarePlanner.Reports.Plan;
using FirmwarePlanner.Planning;
using FirmwarePlanner.Tests.Support;
using static FirmwarePlanner.Tests.Planning.SyntheticMachine;

namespace FirmwarePlanner.Tests.Planning;

public class NodePlanTests
{
    private static NodePlan Linux(PlanningMachine m, int node) =>
        PlacementPlanner.Plan(m, Profile, [PlanPolicy.Linux]).Policies[0].Nodes.Single(n => n.Node == node);

    [Fact]
    public void NodeWithoutMirrorSpillsItsMemmapAndBorrowsMirrorForTheRest()
    {
        // node 0: 2 GiB low + [4G,12G) with 2 GiB mirrored at 4G; node 1: [12G,20G), no mirror.
        var m = Build("two-nodes", [(4 * G, 12 * G, 4 * G, 6 * G, 1), (12 * G, 20 * G, 0, 0, 1)]);
        var plan = PlacementPlanner.Plan(m, Profile, [PlanPolicy.Linux]);
        var n1 = plan.Policies[0].Nodes.Single(n => n.Node == 1);

        // exact_nid memmap: 8 GiB / 128 MiB = 64 sections × 2 MiB, only on node 1, which has no mirror.
        Assert.Equal(Memmap(8 * G), n1.Spilled);
        // NODE_DATA (0x2a980), its usemap (64 sections × 56 B) and its per-CPU chunk (66 pages) fall back to mirror on node 0.
        Assert.Equal(0x2a980UL + (64 * 56) + (66 * 4096), n1.PlacedInMirror);
        Assert.Equal(0UL, n1.MirrorLeft);
        Assert.Equal(8 * G, n1.ZoneMovable);
        Assert.Equal(n1.Spilled + n1.PlacedInMirror, n1.MinMirror);
        // recommended: early need + max(64 MiB, 2% of 8 GiB), rounded up to 128 MiB.
        var headroom = Math.Max(64 * M, (ulong)(8 * G * 0.02));
        Assert.Equal((n1.MinMirror + headroom + (128 * M) - 1) / (128 * M) * (128 * M), n1.RecommendedMirror);
        Assert.Equal(384 * M, n1.RecommendedMirror);
    }

    [Fact]
    public void MirrorSmallerThanMemmapSendsTheWholeMemmapOutOfMirror()
    {
        // one node: 2 GiB low + [4G,20G) = 18 GiB, memmap 288 MiB; mirror only 128 MiB.
        var m = Build("small-mirror", [(4 * G, 20 * G, 4 * G, (4 * G) + (128 * M), 2)]);
        var n0 = Linux(m, 0);
        var run = PlacementRunner.Run(m, Profile, mirrorFirst: true);
        var memmap = run.Allocations.Single(a => a.ItemId == "memmap");
        Assert.Equal(Memmap(2 * G) + Memmap(16 * G), memmap.Size);
        Assert.Equal(0UL, memmap.MirroredBytes);
        Assert.Contains("Could not allocate 0x0000000012000000 bytes of mirrored memory", run.KernelLines);
        Assert.True(n0.Spilled >= memmap.Size);
        Assert.Equal(128 * M, n0.Mirrored);
        Assert.True(n0.RecommendedMirror >= n0.EarlyNeed + (64 * M));
    }

    [Fact]
    public void MachineWithoutMirrorPutsEverythingOutsideMirror()
    {
        var m = Build("no-mirror", [(4 * G, 12 * G, 0, 0, 1), (12 * G, 20 * G, 0, 0, 1)]);
        var plan = PlacementPlanner.Plan(m, Profile, [PlanPolicy.Linux]);
        Assert.All(plan.Policies[0].Nodes, n =>
        {
            Assert.Equal(0UL, n.PlacedInMirror);
            Assert.Equal(n.EarlyNeed, n.Spilled);
            Assert.Equal(0UL, n.ZoneMovable);
        });
        Assert.Contains("The system has no mirror memory, ignore kernelcore=mirror.", plan.Policies[0].Run.KernelLines);
        Assert.Contains(plan.Diagnostics, d => d.Code == "FP6022");
        var n1 = plan.Policies[0].Nodes.Single(n => n.Node == 1);
        // node 1's own items, plus what NUMA_NO_NODE requests put at the top of RAM (node 1): the mem_section roots
        // (32 KiB) and the swiotlb slot array (32768 slabs × 24 B); the bounce buffer itself must stay below 4 GiB.
        Assert.Equal(Memmap(8 * G) + 0x2a980UL + (64 * 56) + (66 * 4096) + 32768 + (32768 * 24), n1.EarlyNeed);
    }

    [Fact]
    public void SnapshotsPinTheTextAndJson()
    {
        var m = Build("two-nodes", [(4 * G, 12 * G, 4 * G, 6 * G, 1), (12 * G, 20 * G, 0, 0, 1)]);
        var plan = PlacementPlanner.Plan(m, Profile, PlanPolicies.All, [new CriticalWorkload("db", 2 * G, 0)]);
        TextSnapshot.Match(PlanJsonWriter.Write(plan, m), "NodePlanTests.Json");
        TextSnapshot.Match(PlanTextRenderer.Render(plan), "NodePlanTests.Text");
        TextSnapshot.Match(PlanMarkdownWriter.Write(plan), "NodePlanTests.Markdown");
    }
}
