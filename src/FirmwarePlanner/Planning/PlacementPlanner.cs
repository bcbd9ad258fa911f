using System.Globalization;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Planning;

/// <summary>
/// Builds the placement plan: runs the early allocations through memblock once per distinct way of using mirror
/// (as Linux would with the given command line; never mirror-first; always mirror-first) and derives each policy's
/// per-node table, findings and sizing recommendation from those runs.
/// </summary>
public static class PlacementPlanner
{
    private const ulong FourG = 4 * Sizes.GiB;
    private const ulong MaxOrderBytes = 4 * Sizes.MiB;

    public static PlacementPlan Plan(PlanningMachine machine, PlanningProfile profile, IReadOnlyList<PlanPolicy> policies,
        IReadOnlyList<CriticalWorkload>? critical = null, IReadOnlyList<Diagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(policies);
        critical ??= [];
        var runs = new Dictionary<bool, PlacementRun>();
        PlacementRun RunFor(bool mirrorFirst)
        {
            if (!runs.TryGetValue(mirrorFirst, out var run))
            {
                run = PlacementRunner.Run(machine, profile, mirrorFirst);
                runs[mirrorFirst] = run;
            }

            return run;
        }

        var diags = new List<Diagnostic>(diagnostics ?? []);
        diags.AddRange(machine.CommandLine.Diagnostics);
        if (machine.MirroredBytes == 0)
        {
            diags.Add(PlanningDiagnostics.NoMirror.At(SourceLocation.Whole(machine.Name), "no mirrored RAM: every early allocation is unmirrored"));
        }

        if (profile.Arch == "arm64")
        {
            diags.Add(PlanningDiagnostics.PartialArm64Model.At(SourceLocation.Whole(machine.Name),
                "arm64: the crash kernel, gigantic pages, the early hashes and small bookkeeping allocations are not modelled, so the early need is a lower bound"));
        }

        var plans = new List<PolicyPlan>();
        foreach (var policy in policies)
        {
            var run = RunFor(policy switch
            {
                PlanPolicy.Linux => machine.CommandLine.KernelcoreMirror,
                PlanPolicy.BuddyOnly => false,
                _ => true,
            });
            plans.Add(Build(machine, profile, policy, run, critical));
        }

        foreach (var run in runs.Values)
        {
            foreach (var failed in run.Allocations.Where(a => a.Failed))
            {
                diags.Add(PlanningDiagnostics.AllocationFailed.At(SourceLocation.Whole(machine.Name),
                    string.Create(CultureInfo.InvariantCulture, $"{failed.ItemId}: {failed.Call} of {Sizes.Human(failed.Size)} found no memory")));
            }
        }

        return new PlacementPlan(machine.Name, profile, machine.CommandLine.Text, plans, critical,
            diags.DistinctBy(d => d.ToString()).ToArray());
    }

    private static PolicyPlan Build(PlanningMachine machine, PlanningProfile profile, PlanPolicy policy, PlacementRun run, IReadOnlyList<CriticalWorkload> critical)
    {
        var kcMirror = machine.CommandLine.KernelcoreMirror && machine.MirroredBytes > 0;
        var rows = new List<NodePlan>();
        foreach (var node in machine.Nodes.OrderBy(n => n.Id))
        {
            var mine = run.Allocations.Where(a => a.AttributedNode == node.Id).ToArray();
            var inMirror = Sum(mine.Select(a => Math.Min(a.NetSize, a.MirroredBytes)));
            var spilled = Sum(mine.Select(a => a.SpilledBytes));
            var unplaced = Sum(mine.Where(a => a.Failed).Select(a => a.Size));
            var need = inMirror + spilled + unplaced;
            var usedMirrorHere = Sum(run.Allocations.Where(a => !a.Failed && a.Node == node.Id).Select(a => Math.Min(a.NetSize, a.MirroredBytes)));
            var mirrorLeft = node.MirroredBytes - Math.Min(node.MirroredBytes, usedMirrorHere);
            var movable = policy switch
            {
                PlanPolicy.Linux => kcMirror ? MovableUnderKernelcoreMirror(node) : 0,
                PlanPolicy.BuddyOnly => machine.MirroredBytes > 0 ? MovableUnderKernelcoreMirror(node) : 0,
                _ => node.RamBytes - node.MirroredBytes,
            };
            var headroom = node.RamBytes == 0 ? 0 : profile.Headroom.For(node.RamBytes);
            ulong declared = 0, critIn = 0, critOut = 0;
            if (policy == PlanPolicy.Tiered)
            {
                declared = Sum(critical.Where(c => c.Node == node.Id).Select(c => c.Size));
                var afterKernel = mirrorLeft - Math.Min(mirrorLeft, headroom);
                critIn = Math.Min(declared, afterKernel);
                critOut = declared - critIn;
            }

            var min = need;
            var recommended = node.RamBytes == 0 ? 0 : RoundUp(need + headroom + declared, profile.MirrorGranularity);
            rows.Add(new NodePlan(node.Id, node.RamBytes, node.MirroredBytes, need, inMirror, spilled, unplaced, mirrorLeft, movable,
                declared, critIn, critOut, headroom, min, Math.Min(recommended, RoundUp(node.RamBytes, profile.MirrorGranularity))));
        }

        return new PolicyPlan(policy, Semantics(policy, machine), run, rows, Findings(policy, run, rows, machine));
    }

    /// <summary>
    /// find_zone_movable_pfns_for_nodes() with kernelcore=mirror: ZONE_MOVABLE starts at the first non-mirrored
    /// region at or above 4 GiB (rounded up to MAX_ORDER_NR_PAGES) and holds the node's non-mirrored RAM from there.
    /// </summary>
    private static ulong MovableUnderKernelcoreMirror(PlanningNode node)
    {
        var unmirrored = node.Ram.SelectMany(r => Subtract(r, node.Mirrored)).Where(r => r.Start >= FourG).OrderBy(r => r.Start).ToArray();
        if (unmirrored.Length == 0)
        {
            return 0;
        }

        var start = RoundUp(unmirrored[0].Start, MaxOrderBytes);
        var nodeEnd = node.Ram.Max(r => r.End);
        if (start >= nodeEnd)
        {
            return 0;
        }

        return Sum(unmirrored.Select(r => r.End > start ? r.End - Math.Max(r.Start, start) : 0));
    }

    private static IEnumerable<AddressRange> Subtract(AddressRange r, IReadOnlyList<AddressRange> holes)
    {
        var cur = r.Start;
        foreach (var h in holes.Where(h => h.Overlaps(r)).OrderBy(h => h.Start))
        {
            if (h.Start > cur)
            {
                yield return new AddressRange(cur, h.Start);
            }

            cur = Math.Max(cur, h.End);
        }

        if (cur < r.End)
        {
            yield return new AddressRange(cur, r.End);
        }
    }

    private static string Semantics(PlanPolicy policy, PlanningMachine machine) => policy switch
    {
        PlanPolicy.Linux => machine.CommandLine.KernelcoreMirror
            ? "kernelcore=mirror: every memblock allocation tries mirror first (any node before the own node's plain memory); afterwards the kernel zones are mirror plus all memory below 4 GiB, the rest ZONE_MOVABLE"
            : "no kernelcore=mirror: memblock never sets MIRROR, early allocations ignore mirror and no ZONE_MOVABLE is made",
        PlanPolicy.BuddyOnly => "early allocations ignore mirror (top-down into the highest free memory); mirror serves only the page allocator (kernel zones as with kernelcore=mirror)",
        PlanPolicy.UnmovableReserve => "early allocations mirror-first; the remaining mirror is held back for unmovable kernel allocations and not counted as free memory; all non-mirrored memory, below 4 GiB too, is for movable/user memory",
        _ => "priority 1: early kernel memory plus running-kernel headroom; priority 2: declared critical user memory per node (--critical); priority 3: the rest; each node's mirror is filled in that order",
    };

    private static List<string> Findings(PlanPolicy policy, PlacementRun run, IReadOnlyList<NodePlan> rows, PlanningMachine machine)
    {
        var findings = new List<string>();
        foreach (var g in run.Allocations.Where(a => !a.Failed && a.SpilledBytes > 0).GroupBy(a => (a.ItemId, a.AttributedNode)).OrderBy(g => g.Key.AttributedNode).ThenBy(g => g.Key.ItemId, StringComparer.Ordinal))
        {
            var bytes = Sum(g.Select(a => a.SpilledBytes));
            var where = g.Key.AttributedNode is { } n ? string.Create(CultureInfo.InvariantCulture, $"node {n}") : "no node";
            findings.Add(string.Create(CultureInfo.InvariantCulture, $"unmirrored: {g.Key.ItemId} ({where}) {Sizes.Compact(bytes)}"));
        }

        foreach (var a in run.Allocations.Where(a => a.Failed))
        {
            findings.Add(string.Create(CultureInfo.InvariantCulture, $"failed: {a.ItemId} {Sizes.Human(a.Size)}"));
        }

        if (policy == PlanPolicy.Tiered)
        {
            foreach (var r in rows.Where(r => r.CriticalSpilled > 0))
            {
                findings.Add(string.Create(CultureInfo.InvariantCulture, $"critical memory on node {r.Node}: {Sizes.Compact(r.CriticalSpilled)} of {Sizes.Compact(r.CriticalDeclared)} does not fit in mirror"));
            }
        }

        if (policy == PlanPolicy.Linux && machine.CommandLine.KernelcoreMirror && machine.MirroredBytes == 0)
        {
            findings.Add("kernelcore=mirror without mirrored memory: the kernel ignores it (\"The system has no mirror memory, ignore kernelcore=mirror.\")");
        }

        return findings;
    }

    private static ulong Sum(IEnumerable<ulong> values) => values.Aggregate(0UL, (a, b) => a + b);

    private static ulong RoundUp(ulong x, ulong a) => a == 0 ? x : (x + a - 1) / a * a;
}
