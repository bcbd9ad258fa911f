using System.CommandLine;
using FirmwarePlanner.Checks;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Reports;

namespace FirmwarePlanner.Cli.Commands;

/// <summary><c>fwplan check INPUT...</c>: the pre-deployment gate for one machine.</summary>
internal static class CheckCommand
{
    public static Command Create(CommandContext context)
    {
        var inputs = new Argument<string[]>("INPUT") { Description = "Input files, a machine folder, or a .tar/.tar.gz bundle.", Arity = ArgumentArity.OneOrMore };
        var options = new CheckOptions();
        var format = new Option<string>("--format") { Description = "text, json, junit, sarif, markdown or html.", DefaultValueFactory = _ => "text" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file (atomically) instead of stdout." };
        var command = new Command("check", "Check one machine's firmware memory maps for Address Range Mirroring before deployment.") { inputs, format, output };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            if (!ReportWriter.TryParse(parse.GetValue(format) ?? "text", out var fmt))
            {
                context.Error.WriteLine("fwplan check: --format must be text, json, junit, sarif, markdown or html");
                return ExitCodes.Unusable;
            }

            if (!options.TryRead(parse, context, out var machine, out var config, out var failOn))
            {
                return ExitCodes.Unusable;
            }

            var loaded = DocumentLoader.Load(parse.GetValue(inputs) ?? []);
            if (loaded.Error is not null)
            {
                context.Error.WriteLine($"fwplan check: {loaded.Error}");
                return ExitCodes.Unusable;
            }

            var report = Checker.Check(loaded.Name, loaded.Documents, machine, config, failOn, context.Log("check"));
            var text = ReportWriter.Render(report, fmt);
            if (parse.GetValue(output) is { } path)
            {
                OutputFile.WriteText(path, text);
            }
            else
            {
                context.Out.Write(text);
            }

            if (!report.Usable)
            {
                context.Error.WriteLine("fwplan check: nothing to check: no EFI memory map and no SRAT in the inputs");
            }

            return report.ExitCode;
        });
        return command;
    }
}
