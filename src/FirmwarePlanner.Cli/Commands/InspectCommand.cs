using System.CommandLine;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Reports.Inspect;

namespace FirmwarePlanner.Cli.Commands;

/// <summary><c>fwplan inspect INPUT...</c>: reads every input and shows the normalized maps and all diagnostics.</summary>
internal static class InspectCommand
{
    private static Argument<string[]> NewInputs() => new("input")
    {
        Description = "Files or directories (a directory is a bundle of one machine's files). Formats are recognized by content.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static Option<string> NewFormat() => new("--format", "-f")
    {
        Description = "Output format.",
        DefaultValueFactory = _ => "text",
    };

    private static Option<uint?> NewDescSize() => new("--desc-size")
    {
        Description = "DescriptorSize of a binary EFI map (default: from map metadata, else detected).",
    };

    private static Option<uint?> NewDescVersion() => new("--desc-version")
    {
        Description = "DescriptorVersion of a binary EFI map (default 1).",
    };

    public static Command Create(CommandContext context)
    {
        // Each command gets its own options: System.CommandLine's symbols are mutable and not shared safely
        // between root commands that parse at the same time (in-process callers: tests, the fuzz targets).
        var inputs = NewInputs();
        var format = NewFormat();
        var descSize = NewDescSize();
        var descVersion = NewDescVersion();
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("inspect", "Read firmware memory maps (EFI map, e820, logs) and show them normalized, with every diagnostic.");
        command.Arguments.Add(inputs);
        command.Options.Add(format);
        command.Options.Add(descSize);
        command.Options.Add(descVersion);
        var pipeline = new PipelineOptions();
        pipeline.AddTo(command);
        command.SetAction(parse => pipeline.TryRead(parse, context, out var options)
            ? Run(context, parse.GetValue(inputs) ?? [], parse.GetValue(format) ?? "text", options, new InputOptions(parse.GetValue(descSize), parse.GetValue(descVersion)))
            : ExitCodes.Unusable);
        return command;
    }

    public static int Run(CommandContext context, string[] paths, string format, AnalysisOptions pipeline, InputOptions options)
    {
        var loaded = DocumentLoader.Load(paths);
        if (loaded.Error is not null)
        {
            context.Error.WriteLine($"fwplan inspect: {loaded.Error}");
            return ExitCodes.Unusable;
        }

        var inputs = MachineAnalyzer.ReadMachine(loaded.Documents, pipeline, options, context.Log("inspect"));
        if (format == "json")
        {
            context.Out.Write(InspectJsonRenderer.Render(inputs));
        }
        else
        {
            context.WriteLargeOutput(output => InspectTextRenderer.Render(inputs, output));
        }

        if (!inputs.HasMemoryMap && inputs.Acpi?.HasTables != true)
        {
            context.Error.WriteLine("fwplan inspect: no EFI memory map and no e820 table in the inputs");
        }

        return inputs.ExitCode;
    }
}
