using System.CommandLine;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Reports.Verify;
using FirmwarePlanner.Verification;

namespace FirmwarePlanner.Cli.Commands;

/// <summary>
/// <c>fwplan verify BUNDLE|DIR|FILES... [--kernel …] [--profile …] [--format text|json|junit|markdown]</c>: the
/// prediction from the firmware part of the inputs held against what the same boot logged and exposed.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CommandContext context)
    {
        var inputs = new Argument<string[]>("INPUT") { Description = "A bundle from fwplan collect, a machine folder or files: firmware tables plus the boot's kernel log, zoneinfo, node states, debugfs memblock.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "text, json, junit or markdown.", DefaultValueFactory = _ => "text" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file (atomically) instead of stdout." };
        format.AcceptOnlyFromAmong("text", "json", "junit", "markdown");
        var pipeline = new PipelineOptions();
        var command = new Command("verify", "Hold a real boot against its prediction: each group of kernel output identical, different (with a diff) or not comparable.") { inputs, format, output };
        pipeline.AddTo(command);
        command.SetAction(parse =>
        {
            if (!pipeline.TryRead(parse, context, out var options))
            {
                return ExitCodes.Unusable;
            }

            var loaded = DocumentLoader.Load(parse.GetValue(inputs) ?? []);
            if (loaded.Error is not null)
            {
                context.Error.WriteLine($"fwplan verify: {loaded.Error}");
                return ExitCodes.Unusable;
            }

            var verification = BootVerifier.Verify(loaded.Name, loaded.Documents, options, context.Log("verify"));
            var text = VerifyReports.Render(verification, parse.GetValue(format) ?? "text");
            if (parse.GetValue(output) is { } path)
            {
                OutputFile.WriteText(path, text);
            }
            else
            {
                context.Out.Write(text);
            }

            foreach (var d in verification.Diagnostics.Where(d => d.Severity == Severity.Error))
            {
                context.Error.WriteLine(d.ToString());
            }

            if (verification.Unusable is { } why)
            {
                context.Error.WriteLine($"fwplan verify: {why}");
            }

            return verification.ExitCode;
        });
        return command;
    }
}
