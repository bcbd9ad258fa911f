using System.CommandLine;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Planning;

namespace FirmwarePlanner.Cli.Commands;

/// <summary>
/// <c>fwplan plan INPUT... [--arch] [--kernel] [--cmdline] [--profile F] [--policy P] [--critical NAME=SIZE@NODE]
/// [--format text|json|markdown]</c>: the boot-time placement plan of the early kernel allocations, per policy.
/// </summary>
internal static class PlanCommand
{
    private static readonly Argument<string[]> Inputs = new("input")
    {
        Description = "Files or directories of one machine: EFI memory map, SRAT (and SLIT), command line.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string> Format = new("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };

    private static readonly Option<string?> Arch = new("--arch") { Description = "x86_64 (default) or arm64." };

    private static readonly Option<string?> Kernel = new("--kernel") { Description = "Kernel series to plan for (6.1, 6.12, 7.2); default from the profile (6.12)." };

    private static readonly Option<string?> CmdLine = new("--cmdline") { Description = "Kernel command line (default: the one in the inputs)." };

    private static readonly Option<string?> Profile = new("--profile") { Description = "Profile file (JSON, docs/profile.md) overriding the built-in sizes item by item." };

    private static readonly Option<string> Policy = new("--policy") { Description = "linux, buddy-only, unmovable-reserve, tiered or all.", DefaultValueFactory = _ => "all" };

    private static readonly Option<string[]> Critical = new("--critical")
    {
        Description = "High-priority user memory for the tiered policy, NAME=SIZE@NODE (repeatable), e.g. db=64G@0.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Command Create(CommandContext context)
    {
        Format.AcceptOnlyFromAmong("text", "json", "markdown");
        Arch.AcceptOnlyFromAmong("x86_64", "arm64");
        Policy.AcceptOnlyFromAmong("linux", "buddy-only", "unmovable-reserve", "tiered", "all");
        var command = new Command("plan", "Plan where the early (memblock) kernel allocations land, per node and policy, and how much mirror each node needs.");
        command.Arguments.Add(Inputs);
        foreach (var o in new Option[] { Arch, Kernel, CmdLine, Profile, Policy, Critical, Format })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => Run(context, parse.GetValue(Inputs) ?? [], new PlanRequest(
            parse.GetValue(Format) ?? "text", parse.GetValue(Arch), parse.GetValue(Kernel), parse.GetValue(CmdLine),
            parse.GetValue(Profile), parse.GetValue(Policy) ?? "all", parse.GetValue(Critical) ?? [])));
        return command;
    }

    internal sealed record PlanRequest(string Format, string? Arch, string? Kernel, string? CmdLine, string? Profile, string Policy, string[] Critical);

    public static int Run(CommandContext context, string[] paths, PlanRequest request)
    {
        var profile = PlanningProfile.BuiltIn;
        if (request.Profile is { } profilePath)
        {
            if (!File.Exists(profilePath))
            {
                context.Error.WriteLine($"fwplan plan: {profilePath}: no such profile file");
                return ExitCodes.Unusable;
            }

            if (!BoundedFile.TryRead(profilePath, BoundedFile.MaxSettingsBytes, out var profileBytes, out var readError))
            {
                context.Error.WriteLine($"fwplan plan: {readError}");
                return ExitCodes.Unusable;
            }

            var read = ProfileReader.Read(profileBytes, profilePath);
            if (read.HasErrors)
            {
                foreach (var d in read.Diagnostics)
                {
                    context.Error.WriteLine(d.ToString());
                }

                return ExitCodes.Unusable;
            }

            profile = read.Profile;
        }

        if (request.Kernel is { } k)
        {
            if (!KernelSeries.TryParse(k, out var series))
            {
                context.Error.WriteLine($"fwplan plan: --kernel {k}: not a kernel version such as 6.12");
                return ExitCodes.Unusable;
            }

            profile = profile with { Kernel = series };
        }

        if (request.Arch is { } arch)
        {
            profile = profile with { Arch = arch };
        }

        var diags = new List<Diagnostic>();
        var critical = request.Critical.Select(c => CriticalWorkload.Parse(c, diags)).OfType<CriticalWorkload>().ToArray();
        if (diags.Count > 0)
        {
            context.Error.WriteLine(diags[0].ToString());
            return ExitCodes.Unusable;
        }

        if (!InputFiles.TryLoad(paths, out var documents, out var error))
        {
            context.Error.WriteLine($"fwplan plan: {error}");
            return ExitCodes.Unusable;
        }

        var name = string.Join(' ', paths.Select(p => Path.GetFileName(Path.TrimEndingDirectorySeparator(p))));
        var (machine, inputDiags) = PlanInputs.Assemble(documents, request.CmdLine, profile, name);
        if (machine is null)
        {
            context.Error.WriteLine($"fwplan plan: {(inputDiags.Count > 0 ? inputDiags[0].Message : "unusable input")}");
            return ExitCodes.Unusable;
        }

        if (!PlanPolicies.TryParse(request.Policy, out var policies))
        {
            context.Error.WriteLine($"fwplan plan: --policy {request.Policy}: linux, buddy-only, unmovable-reserve, tiered or all");
            return ExitCodes.Unusable;
        }

        var plan = PlacementPlanner.Plan(machine, profile, policies, critical, inputDiags);
        context.Out.Write(request.Format switch
        {
            "json" => PlanJsonWriter.Write(plan, machine),
            "markdown" => PlanMarkdownWriter.Write(plan),
            _ => PlanTextRenderer.Render(plan),
        });
        return plan.Diagnostics.Any(d => d.Severity == Severity.Error) ? ExitCodes.Unusable : ExitCodes.Ok;
    }
}
