using FirmwarePlanner.Common;
using FirmwarePlanner.Planning;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FirmwarePlanner.Reports.Plan;

/// <summary>The plan as Spectre.Console tables, rendered at a fixed width without colour (deterministic when redirected).</summary>
public static class PlanTextRenderer
{
    public const int Width = 150;

    public static string Render(PlacementPlan plan)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = Width;
        console.WriteLine($"Placement plan: {plan.Machine}");
        console.WriteLine($"Kernel {plan.Profile.Kernel} {plan.Profile.Arch}; command line: {plan.CommandLine}");
        console.WriteLine($"Profile: {plan.Profile.Name}");
        var table = new Table().Border(TableBorder.Ascii).Title("Per node and policy");
        foreach (var h in new[] { "policy", "node", "RAM", "mirrored", "early need", "in mirror", "spilled", "mirror left", "ZONE_MOVABLE", "min mirror", "recommended" })
        {
            table.AddColumn(new TableColumn(Markup.Escape(h)) { Alignment = h is "policy" ? Justify.Left : Justify.Right });
        }

        foreach (var p in plan.Policies)
        {
            foreach (var n in p.Nodes)
            {
                table.AddRow(new IRenderable[]
                {
                    new Spectre.Console.Text(p.Policy.Name()), new Spectre.Console.Text(n.Node.ToString(System.Globalization.CultureInfo.InvariantCulture)), S(n.Ram), S(n.Mirrored),
                    S(n.EarlyNeed), S(n.PlacedInMirror), S(n.Spilled), S(n.MirrorLeft), S(n.ZoneMovable), S(n.MinMirror), S(n.RecommendedMirror),
                });
            }
        }

        console.Write(table);
        foreach (var p in plan.Policies)
        {
            console.WriteLine();
            console.WriteLine($"[{p.Policy.Name()}] {p.Semantics}.");
            if (p.Policy == PlanPolicy.Tiered)
            {
                foreach (var n in p.Nodes.Where(n => n.CriticalDeclared > 0))
                {
                    console.WriteLine($"  critical on node {n.Node}: {Sizes.Compact(n.CriticalDeclared)} declared, {Sizes.Compact(n.CriticalInMirror)} in mirror, {Sizes.Compact(n.CriticalSpilled)} spilled");
                }
            }

            foreach (var f in p.Findings)
            {
                console.WriteLine("  - " + f);
            }

            if (p.Findings.Count == 0)
            {
                console.WriteLine("  - every early allocation is in mirrored memory");
            }

            if (p.Policy == PlanPolicy.Linux)
            {
                foreach (var l in p.Run.KernelLines)
                {
                    console.WriteLine("  | " + l);
                }
            }
        }

        console.WriteLine();
        console.WriteLine($"Recommended mirror per node = early need + headroom (max({Sizes.Compact(plan.Profile.Headroom.Minimum)}, {plan.Profile.Headroom.PercentOfRam}% of node RAM)) + declared critical memory, rounded up to {Sizes.Compact(plan.Profile.MirrorGranularity)}.");
        foreach (var d in plan.Diagnostics)
        {
            console.WriteLine(d.ToString());
        }

        return writer.ToString();
    }

    private static Spectre.Console.Text S(ulong bytes) => new(Sizes.Compact(bytes));
}
