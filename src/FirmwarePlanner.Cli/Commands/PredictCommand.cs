using System.CommandLine;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Reports.Predict;

namespace FirmwarePlanner.Cli.Commands;

/// <summary>
/// <c>fwplan predict INPUT... [--kernel …] [--arch x86_64|arm64] [--cmdline …] [--profile F] [--format text|json] [--memblock]</c>:
/// the lines Linux would print for this firmware, in boot order, without timestamps.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CommandContext context)
    {
        var inputs = new Argument<string[]>("input")
        {
            Description = "Files, a machine folder or a .tar/.tar.gz bundle: EFI memory map (binary, efi=debug log, UEFI shell), e820 log, ACPI tables (SRAT/SLIT binary, acpidump, iasl), cmdline file or kernel log.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f") { Description = "Output format: text or json.", DefaultValueFactory = _ => "text" };
        var memblock = new Option<bool>("--memblock") { Description = "Also print the memblock memory table (memblock=debug dump and debugfs form)." };
        var pipeline = new PipelineOptions();
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("predict", "Predict what Linux prints about this firmware's memory: e820, EFI map, mirror, SRAT, NUMA, zones.") { inputs, format, memblock };
        pipeline.AddTo(command);
        command.SetAction(parse => pipeline.TryRead(parse, context, out var options)
            ? Run(context, parse.GetValue(inputs) ?? [], options, parse.GetValue(format) ?? "text", parse.GetValue(memblock))
            : ExitCodes.Unusable);
        return command;
    }

    public static int Run(CommandContext context, string[] paths, AnalysisOptions options, string format, bool memblock)
    {
        var loaded = DocumentLoader.Load(paths);
        if (loaded.Error is not null)
        {
            context.Error.WriteLine($"fwplan predict: {loaded.Error}");
            return ExitCodes.Unusable;
        }

        var analysis = MachineAnalyzer.Analyze(loaded.Name, loaded.Documents, options, context.Log("predict"));
        if (analysis.Prediction is not { } prediction)
        {
            context.Error.WriteLine("fwplan predict: no EFI memory map and no e820 table in the inputs: nothing can be predicted");
            return ExitCodes.Unusable;
        }

        context.Out.Write(format == "json" ? PredictionJson.Render(prediction) : PredictionText.Render(prediction, memblock));
        foreach (var d in analysis.Diagnostics.Where(d => d.Severity != Severity.Note))
        {
            context.Error.WriteLine(d.ToString());
        }

        if (format != "json")
        {
            context.Error.Write(PredictionText.RenderNotes(prediction));
        }

        return ExitCodes.FromDiagnostics(analysis.Diagnostics);
    }
}
