using System.CommandLine;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Planning;
using FirmwarePlanner.Reports.Plan;

namespace FirmwarePlanner.Cli.Commands;

/// <summary>
/// <c>fwplan plan INPUT... [--arch] [--kernel] [--cmdline] [--profile F] [--policy P] [--critical NAME=SIZE@NODE]
/// [--format text|json|markdown]</c>: the boot-time placement plan of the early kernel allocations, per policy.
/// </summary>
internal static class PlanCommand
{
    private static Argument<string[]> NewInputs() => new("input")
    {
        Description = "Files or directories of one machine: EFI memory map, SRAT (and SLIT), command line.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static Option<string> NewFormat() => new("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };

    private static Option<string> NewPolicy() => new("--policy") { Description = "linux, buddy-only, unmovable-reserve, tiered or all.", DefaultValueFactory = _ => "all" };

    private static Option<string[]> NewCritical() => new("--critical")
    {
        Description = "High-priority user memory for the tiered policy, NAME=SIZE@NODE (repeatable), e.g. db=64G@0.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Command Create(CommandContext context)
    {
        // Each command gets its own options: System.CommandLine's symbols are mutable and not shared safely
        // between root commands that parse at the same time (in-process callers: tests, the fuzz targets).
        var inputs = NewInputs();
        var format = NewFormat();
        var policy = NewPolicy();
        var critical = NewCritical();
        format.AcceptOnlyFromAmong("text", "json", "markdown");
        policy.AcceptOnlyFromAmong("linux", "buddy-only", "unmovable-reserve", "tiered", "all");
        var command = new Command("plan", "Plan where the early (memblock) kernel allocations land, per node and policy, and how much mirror each node needs.");
        command.Arguments.Add(inputs);
        var pipeline = new PipelineOptions();
        pipeline.AddTo(command);
        foreach (var o in new Option[] { policy, critical, format })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => pipeline.TryRead(parse, context, out var options)
            ? Run(context, parse.GetValue(inputs) ?? [], options, new PlanRequest(parse.GetValue(format) ?? "text", parse.GetValue(policy) ?? "all", parse.GetValue(critical) ?? []))
            : ExitCodes.Unusable);
        return command;
    }

    internal sealed record PlanRequest(string Format, string Policy, string[] Critical);

    public static int Run(CommandContext context, string[] paths, AnalysisOptions options, PlanRequest request)
    {
        var diags = new List<Diagnostic>();
        var critical = request.Critical.Select(c => CriticalWorkload.Parse(c, diags)).OfType<CriticalWorkload>().ToArray();
        if (diags.Count > 0)
        {
            context.Error.WriteLine(diags[0].ToString());
            return ExitCodes.Unusable;
        }

        if (!PlanPolicies.TryParse(request.Policy, out var policies))
        {
            context.Error.WriteLine($"fwplan plan: --policy {request.Policy}: linux, buddy-only, unmovable-reserve, tiered or all");
            return ExitCodes.Unusable;
        }

        var loaded = DocumentLoader.Load(paths);
        if (loaded.Error is not null)
        {
            context.Error.WriteLine($"fwplan plan: {loaded.Error}");
            return ExitCodes.Unusable;
        }

        var name = paths.Length == 1 ? loaded.Name : string.Join(' ', paths.Select(p => Path.GetFileName(Path.TrimEndingDirectorySeparator(p))));
        var analysis = MachineAnalyzer.Analyze(name, loaded.Documents, options, context.Log("plan"));
        if (analysis.Plan(policies, critical) is not { } plan || analysis.PlanningMachine is not { } machine)
        {
            context.Error.WriteLine("fwplan plan: no EFI memory map and no e820 table in the inputs: nothing to plan");
            return ExitCodes.Unusable;
        }

        context.Out.Write(request.Format switch
        {
            "json" => PlanJsonWriter.Write(plan, machine),
            "markdown" => PlanMarkdownWriter.Write(plan),
            _ => PlanTextRenderer.Render(plan),
        });
        return plan.Diagnostics.Any(d => d.Severity == Severity.Error) ? ExitCodes.Unusable : ExitCodes.Ok;
    }
}
