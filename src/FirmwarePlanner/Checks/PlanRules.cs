using FirmwarePlanner.Kernel;
using FirmwarePlanner.Common;
using System.Globalization;
using FirmwarePlanner.Planning;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Checks;

/// <summary>Evaluators of the rules that read the early-allocation plan of <see cref="PlacementPlanner"/> (FP7004).</summary>
internal static class PlanRules
{
    /// <summary>
    /// FP7004 from the <c>linux</c> policy: only with kernelcore=mirror and some mirror (otherwise memblock never
    /// allocates mirror-first). A node with RAM fires when its own mirror is smaller than its early need (what does not
    /// fit spills, or sits in another node's mirror), or when the plan spills or cannot place some of its early memory
    /// after the node's mirror ran out. Spill from address limits while the node still has mirror left (real-mode
    /// trampoline below 1 MiB, below-4-GiB buffers) is not a mirror shortfall: FP7005 reports unmirrored low memory.
    /// </summary>
    public static IEnumerable<Finding> MirrorBelowEarlyNeed(RuleContext c)
    {
        if (!c.KernelcoreMirror || !c.HasMirror)
        {
            return [];
        }

        var linux = c.LinuxPlan;
        var findings = new List<Finding>();
        foreach (var row in linux.Nodes.Where(r => r.Ram > 0 && (r.Mirrored < r.EarlyNeed || (r.Spilled + r.Unplaced > 0 && r.MirrorLeft == 0))))
        {
            var warnings = PredictedWarnings(linux.Run, row.Node);
            var unplaced = row.Unplaced > 0 ? $", {Sizes.Approx(row.Unplaced)} not placed at all" : string.Empty;
            var elsewhere = row.PlacedInMirror > row.Mirrored ? $" (at least {Sizes.Approx(row.PlacedInMirror - row.Mirrored)} of it in another node's mirror)" : string.Empty;
            var lines = warnings.Count switch
            {
                0 => string.Empty,
                1 => " The plan predicts one \"Could not allocate\" warning for it.",
                _ => string.Create(CultureInfo.InvariantCulture, $" The plan predicts {warnings.Count} \"Could not allocate\" warnings for it (the first is shown)."),
            };
            var message = string.Create(CultureInfo.InvariantCulture,
                $"node {row.Node} needs {Sizes.Approx(row.EarlyNeed)} of early kernel memory and has {Sizes.Approx(row.Mirrored)} of mirror; the linux plan places {Sizes.Approx(row.PlacedInMirror)} in mirror{elsewhere} and spills {Sizes.Approx(row.Spilled)} out of mirror{unplaced}; least mirror for no spill {Sizes.Approx(row.MinMirror)} (recommended {Sizes.Approx(row.RecommendedMirror)}).{lines}");
            findings.Add(RuleContext.Make(CheckRules.MirrorBelowEarlyNeed, RuleContext.NodeScope(row.Node), message) with
            {
                LinuxMessage = warnings.Count > 0 ? warnings[0] : CheckRules.MirrorBelowEarlyNeed.LinuxMessage,
            });
        }

        return findings;
    }

    /// <summary>The <c>linux</c> policy of the subject's placement plan (the pipeline's profile and kernel target).</summary>
    public static PolicyPlan PlanLinux(CheckSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject.Analysis.Plan([PlanPolicy.Linux])!.Policies[0];
    }

    /// <summary>The <c>Could not allocate … bytes of mirrored memory</c> lines the run printed for this node's allocations, in boot order.</summary>
    private static List<string> PredictedWarnings(PlacementRun run, int node)
    {
        var printed = new HashSet<string>(run.KernelLines, StringComparer.Ordinal);
        return run.Allocations
            .Where(a => a.AttributedNode == node && (a.Failed || a.SpilledBytes > 0))
            .Select(a => $"Could not allocate {KernelFormat.Pa(a.Size)} bytes of mirrored memory")
            .Where(printed.Contains)
            .ToList();
    }
}
