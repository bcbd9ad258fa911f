using FirmwarePlanner.Planning;
using System.Globalization;
using System.Text;
using FirmwarePlanner.Common;

namespace FirmwarePlanner.Reports.Plan;

/// <summary>Writes a <see cref="PlacementPlan"/> as Markdown: a policy comparison, then each policy's table and findings.</summary>
public static class PlanMarkdownWriter
{
    public static string Write(PlacementPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sb = new StringBuilder();
        sb.Append("# Placement plan: ").Append(plan.Machine).Append('\n').Append('\n');
        sb.Append("Kernel ").Append(plan.Profile.Kernel).Append(' ').Append(plan.Profile.Arch).Append("; command line `")
            .Append(plan.CommandLine).Append("`\n\n");
        sb.Append("| policy | node | RAM | mirrored | early need | in mirror | spilled | mirror left | ZONE_MOVABLE | min mirror | recommended |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var p in plan.Policies)
        {
            foreach (var n in p.Nodes)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {p.Policy.Name()} | {n.Node} | {H(n.Ram)} | {H(n.Mirrored)} | {H(n.EarlyNeed)} | {H(n.PlacedInMirror)} | {H(n.Spilled)} | {H(n.MirrorLeft)} | {H(n.ZoneMovable)} | {H(n.MinMirror)} | {H(n.RecommendedMirror)} |\n");
            }
        }

        foreach (var p in plan.Policies)
        {
            sb.Append("\n## ").Append(p.Policy.Name()).Append("\n\n").Append(p.Semantics).Append(".\n\n");
            if (p.Policy == PlanPolicy.Tiered && p.Nodes.Any(n => n.CriticalDeclared > 0))
            {
                sb.Append("| node | critical declared | in mirror | spilled |\n|---|---|---|---|\n");
                foreach (var n in p.Nodes.Where(n => n.CriticalDeclared > 0))
                {
                    sb.Append(CultureInfo.InvariantCulture, $"| {n.Node} | {H(n.CriticalDeclared)} | {H(n.CriticalInMirror)} | {H(n.CriticalSpilled)} |\n");
                }

                sb.Append('\n');
            }

            foreach (var f in p.Findings)
            {
                sb.Append("- ").Append(f).Append('\n');
            }

            if (p.Findings.Count == 0)
            {
                sb.Append("- every early allocation is in mirrored memory\n");
            }

            if (p.Policy == PlanPolicy.Linux && p.Run.KernelLines.Count > 0)
            {
                sb.Append("\nKernel lines:\n\n```\n");
                foreach (var l in p.Run.KernelLines)
                {
                    sb.Append(l).Append('\n');
                }

                sb.Append("```\n");
            }
        }

        sb.Append(CultureInfo.InvariantCulture,
            $"\nRecommendation: least mirror per node for no spill = the node's early need; recommended = that + headroom (max({H(plan.Profile.Headroom.Minimum)}, {plan.Profile.Headroom.PercentOfRam}% of node RAM)) + declared critical memory, rounded up to {H(plan.Profile.MirrorGranularity)}.\n");
        foreach (var d in plan.Diagnostics)
        {
            sb.Append("- ").Append(d.ToString()).Append('\n');
        }

        return sb.ToString();
    }

    internal static string H(ulong bytes) => Sizes.Compact(bytes);
}
