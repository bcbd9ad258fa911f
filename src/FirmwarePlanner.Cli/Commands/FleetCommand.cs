using System.CommandLine;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Fleet;
using FirmwarePlanner.Inputs;
using Spectre.Console;

namespace FirmwarePlanner.Cli.Commands;

/// <summary><c>fwplan fleet DIR|ARCHIVE...</c>: checks many machines in parallel and summarizes them.</summary>
internal static class FleetCommand
{
    public static Command Create(CommandContext context)
    {
        var sources = new Argument<string[]>("DIR|ARCHIVE") { Description = "Machine folders, folders of machines, or .tar/.tar.gz bundles.", Arity = ArgumentArity.OneOrMore };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Machines checked in parallel.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var format = new Option<string>("--format") { Description = "json, csv or markdown.", DefaultValueFactory = _ => "json" };
        var baseline = new Option<string?>("--baseline") { Description = "An earlier fleet JSON report of the same fleet: report drift against it." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the summary to this file (atomically) instead of stdout." };
        var options = new CheckOptions();
        var command = new Command("fleet", "Check a fleet of machines (folders or bundles) and summarize verdicts, rules and mirror shortfalls.") { sources, jobs, format, baseline, output };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            if (!Enum.TryParse<FleetFormat>(parse.GetValue(format), ignoreCase: true, out var fmt) || !Enum.IsDefined(fmt) ||
                !(parse.GetValue(format) ?? string.Empty).All(char.IsAsciiLetter))
            {
                context.Error.WriteLine("fwplan fleet: --format must be json, csv or markdown");
                return ExitCodes.Unusable;
            }

            if (parse.GetValue(jobs) < 1)
            {
                context.Error.WriteLine("fwplan fleet: --jobs must be at least 1");
                return ExitCodes.Unusable;
            }

            if (!options.TryRead(parse, context, out var machine, out var config, out var failOn))
            {
                return ExitCodes.Unusable;
            }

            IReadOnlyDictionary<string, BaselineMachine>? before = null;
            if (parse.GetValue(baseline) is { } basePath)
            {
                if (!BoundedFile.TryRead(basePath, BoundedFile.MaxSettingsBytes, out var baseBytes, out var error))
                {
                    context.Error.WriteLine($"fwplan fleet: {error}");
                    return ExitCodes.Unusable;
                }

                if (!FleetDrift.TryReadBaseline(baseBytes, out before, out error))
                {
                    context.Error.WriteLine($"fwplan fleet: {basePath}: {error}");
                    return ExitCodes.Unusable;
                }
            }

            if (!MachineSources.TryExpand(parse.GetValue(sources) ?? [], out var machines, out var expandError))
            {
                context.Error.WriteLine($"fwplan fleet: {expandError}");
                return ExitCodes.Unusable;
            }

            var entries = Scan(context, machines, parse.GetValue(jobs), machine, config, failOn);
            var summary = FleetSummary.Build(entries);
            var drift = before is null ? null : FleetDrift.Compare(before, entries);
            var text = FleetReport.Render(summary, fmt, drift);
            if (parse.GetValue(output) is { } path)
            {
                OutputFile.WriteText(path, text);
            }
            else
            {
                context.Out.Write(text);
            }

            foreach (var e in entries.Where(e => e.Error is not null))
            {
                context.Error.WriteLine($"fwplan fleet: {e.Error}");
            }

            context.Error.WriteLine($"fwplan fleet: {entries.Count} machines: {summary.Pass} pass, {summary.Fail} fail, {summary.Unusable} unusable");
            return summary.Fail > 0 ? ExitCodes.Findings : summary.Unusable > 0 ? ExitCodes.Unusable : ExitCodes.Ok;
        });
        return command;
    }

    private static IReadOnlyList<FleetEntry> Scan(CommandContext context, List<FleetMachine> machines, int jobs, Checks.MachineOptions machine, Checks.CheckConfig config, Severity failOn)
    {
        var interactive = ReferenceEquals(context.Out, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected;
        if (!interactive)
        {
            return FleetScan.Run(machines, jobs, machine, config, failOn);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        IReadOnlyList<FleetEntry> result = [];
        console.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask("checking machines", maxValue: machines.Count);
            result = FleetScan.Run(machines, jobs, machine, config, failOn, _ => task.Increment(1));
        });
        return result;
    }
}
