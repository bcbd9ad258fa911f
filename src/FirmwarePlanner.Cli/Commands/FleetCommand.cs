using System.CommandLine;
using System.Text;
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
        var verify = new Option<bool>("--verify") { Description = "Verify each machine's boot against its prediction (fwplan verify) and summarize which groups differ where; formats json, csv, markdown or junit." };
        var options = new CheckOptions();
        var command = new Command("fleet", "Check a fleet of machines (folders or bundles) and summarize verdicts, rules and mirror shortfalls.") { sources, jobs, format, baseline, output, verify };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            if (parse.GetValue(verify))
            {
                return Verify(context, parse, sources, jobs, format, output, options);
            }

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

            if (!FleetSources.TryExpand(parse.GetValue(sources) ?? [], out var machines, out var expandError))
            {
                context.Error.WriteLine($"fwplan fleet: {expandError}");
                return ExitCodes.Unusable;
            }

            // What start-up and the listing left behind (the host, the command line, the listing's growth: a few MiB) is
            // collected before the scan, so the scan's young generation reuses those pages instead of touching new ones.
            GC.Collect(1, GCCollectionMode.Forced, blocking: true, compacting: true);
            var scan = new FleetScanOptions(parse.GetValue(jobs), machine, config, failOn);
            var progress = FleetProgress.ForTerminal(context, machines.Count);
            var handed = 0;
            FleetSummary Run(TextWriter w) => FleetReport.Write(w, fmt, machines, scan, before, e =>
            {
                if (e.Error is not null)
                {
                    progress?.Clear();
                    context.Error.WriteLine($"fwplan fleet: {e.Error}");
                }

                progress?.Advance();

                // The scan keeps nothing per machine, but the GC lets a fast-allocating heap grow with the run; a
                // compacting collection every 1 000 machines (a few ms each) keeps peak RSS flat in the fleet size.
                if (++handed % 1000 == 0)
                {
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                }
            });

            FleetSummary summary;
            if (parse.GetValue(output) is { } path)
            {
                FleetSummary? written = null;
                OutputFile.Write(path, stream =>
                {
                    using var w = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" };
                    written = Run(w);
                });
                summary = written!;
            }
            else
            {
                summary = Run(context.Out);
                context.Out.Flush();
            }

            progress?.Clear();
            context.Error.WriteLine($"fwplan fleet: {summary.Machines} machines: {summary.Pass} pass, {summary.Fail} fail, {summary.Unusable} unusable");
            return summary.ExitCode;
        });
        return command;
    }

    private static int Verify(CommandContext context, ParseResult parse, Argument<string[]> sources, Option<int> jobs, Option<string> format, Option<string?> output, CheckOptions options)
    {
        var fmt = parse.GetValue(format) ?? "json";
        if (!FleetVerifyReport.Formats.Contains(fmt))
        {
            context.Error.WriteLine("fwplan fleet --verify: --format must be json, csv, markdown or junit");
            return ExitCodes.Unusable;
        }

        if (parse.GetValue(jobs) < 1)
        {
            context.Error.WriteLine("fwplan fleet: --jobs must be at least 1");
            return ExitCodes.Unusable;
        }

        if (!options.TryRead(parse, context, out var machine, out _, out _))
        {
            return ExitCodes.Unusable;
        }

        if (!FleetSources.TryExpand(parse.GetValue(sources) ?? [], out var machines, out var expandError))
        {
            context.Error.WriteLine($"fwplan fleet: {expandError}");
            return ExitCodes.Unusable;
        }

        var progress = FleetProgress.ForTerminal(context, machines.Count);
        var fleet = FleetVerification.Run(machines, parse.GetValue(jobs), machine, _ => progress?.Advance());
        progress?.Clear();
        var text = FleetVerifyReport.Render(fleet, fmt);
        if (parse.GetValue(output) is { } path)
        {
            OutputFile.WriteText(path, text);
        }
        else
        {
            context.Out.Write(text);
        }

        context.Error.WriteLine($"fwplan fleet --verify: {fleet.Machines.Count} machines: {fleet.Identical} as predicted, {fleet.Different} with a difference, {fleet.Unusable} unusable");
        return fleet.ExitCode;
    }
}
