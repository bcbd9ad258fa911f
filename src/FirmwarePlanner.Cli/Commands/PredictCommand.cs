using System.CommandLine;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Linux;

namespace FirmwarePlanner.Cli.Commands;

/// <summary>
/// <c>fwplan predict INPUT... [--kernel 6.12|7.2|6.1] [--arch x86_64|arm64] [--cmdline …] [--format text|json] [--memblock]</c>:
/// the lines Linux would print for this firmware, in boot order, without timestamps.
/// </summary>
internal static class PredictCommand
{
    private static readonly Argument<string[]> Inputs = new("input")
    {
        Description = "Files or directories: EFI memory map (binary, efi=debug log, UEFI shell), e820 log, ACPI tables (SRAT/SLIT binary, acpidump, iasl), cmdline file or kernel log.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string?> Kernel = new("--kernel") { Description = "Kernel to predict for: 6.12 (default), 7.2, or 6.1 (before efi_fake_mem was removed)." };

    private static readonly Option<string> Arch = new("--arch") { Description = "Architecture.", DefaultValueFactory = _ => "x86_64" };

    private static readonly Option<string?> Cmdline = new("--cmdline") { Description = "Kernel command line (default: from a cmdline file or a log's Command line: line)." };

    private static readonly Option<string> Format = new("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };

    private static readonly Option<bool> Memblock = new("--memblock") { Description = "Also print the memblock memory table (memblock=debug dump and debugfs form)." };

    public static Command Create(CommandContext context)
    {
        Format.AcceptOnlyFromAmong("text", "json");
        Arch.AcceptOnlyFromAmong("x86_64", "arm64");
        Kernel.AcceptOnlyFromAmong("6.1", "6.12", "7.2");
        var command = new Command("predict", "Predict what Linux prints about this firmware's memory: e820, EFI map, mirror, SRAT, NUMA, zones.");
        command.Arguments.Add(Inputs);
        command.Options.Add(Kernel);
        command.Options.Add(Arch);
        command.Options.Add(Cmdline);
        command.Options.Add(Format);
        command.Options.Add(Memblock);
        command.SetAction(parse => Run(
            context,
            parse.GetValue(Inputs) ?? [],
            new PredictRequest(parse.GetValue(Kernel), parse.GetValue(Arch) == "arm64" ? BootArch.Arm64 : BootArch.X64, parse.GetValue(Cmdline)),
            parse.GetValue(Format) ?? "text",
            parse.GetValue(Memblock)));
        return command;
    }

    public static int Run(CommandContext context, string[] paths, PredictRequest request, string format, bool memblock)
    {
        if (!InputFiles.TryLoad(paths, out var documents, out var error))
        {
            context.Error.WriteLine($"fwplan predict: {error}");
            return ExitCodes.Unusable;
        }

        var assembled = PredictInputs.Assemble(documents, request);
        if (assembled.Inputs.EfiMap is null && assembled.Inputs.FirmwareE820 is null)
        {
            context.Error.WriteLine("fwplan predict: no EFI memory map and no e820 table in the inputs: nothing can be predicted");
            return ExitCodes.Unusable;
        }

        var prediction = BootModel.Run(assembled.Inputs);
        context.Out.Write(format == "json" ? PredictionJson.Render(prediction) : PredictionText.Render(prediction, memblock));
        foreach (var d in assembled.Diagnostics.Where(d => d.Severity != Severity.Note))
        {
            context.Error.WriteLine(d.ToString());
        }

        if (format != "json")
        {
            context.Error.Write(PredictionText.RenderNotes(prediction));
        }

        return ExitCodes.FromDiagnostics(assembled.Diagnostics);
    }
}
