using FirmwarePlanner.Inputs;
using System.CommandLine;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Memblock;
using FirmwarePlanner.Memblock.Scripting;

namespace FirmwarePlanner.Cli.Commands;

/// <summary>
/// <c>fwplan simulate SCRIPT [--kernel 7.2|6.12]</c>: runs a memblock script (<c>fixtures/memblock/FORMAT.txt</c>)
/// and prints what the memblock oracle prints. Exit 0; 1 when the simulated kernel panicked; 2 for a malformed
/// script (one line naming the first bad line).
/// </summary>
internal static class SimulateCommand
{
    private static Argument<FileInfo> NewScript() => new Argument<FileInfo>("script")
    {
        Description = "The memblock operation script (.ops).",
    }.AcceptExistingOnly();

    private static Option<string> NewKernel() => new("--kernel")
    {
        Description = "Kernel whose memblock to simulate: 7.2 (default) or 6.12.",
        DefaultValueFactory = _ => MemblockRevisions.Default.ShortName(),
    };

    public static Command Create(CommandContext context)
    {
        // Each command gets its own options: System.CommandLine's symbols are mutable and not shared safely
        // between root commands that parse at the same time (in-process callers: tests, the fuzz targets).
        var script = NewScript();
        var kernel = NewKernel();
        var command = new Command("simulate", "Run a memblock operation script through the Linux memblock model.");
        command.Arguments.Add(script);
        command.Options.Add(kernel);
        command.SetAction(parse => Run(context.Out, context.Error, parse.GetValue(script)!, parse.GetValue(kernel)));
        return command;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, FileInfo script, string? kernelText)
    {
        if (!MemblockRevisions.TryParse(kernelText, out var kernel))
        {
            stderr.WriteLine($"fwplan simulate: --kernel must be 7.2 or 6.12, not '{kernelText}'");
            return ExitCodes.Unusable;
        }

        if (!DocumentLoader.TryLoadFiles([script.FullName], out var documents, out var error))
        {
            stderr.WriteLine($"fwplan simulate: {error}");
            return ExitCodes.Unusable;
        }

        // Two passes over the bytes, a line at a time: the first only checks (a bad script runs nothing), the second
        // runs each operation as it is parsed and streams the transcript, so neither the operations nor the text are held.
        var content = documents[0].Content;
        var bag = new DiagnosticBag();
        ScriptParser.ParseEach(content.Span, script.Name, kernel.Value, bag, static _ => true);
        var diagnostics = bag.Items;
        var first = diagnostics.FirstOrDefault(d => d.Severity == Severity.Error);
        if (first is not null)
        {
            stderr.WriteLine($"fwplan simulate: {script.Name}: line {first.Location.Line}: {first.Code}: {first.Message}" +
                (diagnostics.Count > 1 ? $" (and {diagnostics.Count - 1} more)" : string.Empty));
            return ExitCodes.Unusable;
        }

        var runner = ScriptRunner.Streaming(stdout, kernel.Value);
        ScriptParser.ParseEach(content.Span, script.Name, kernel.Value, new DiagnosticBag(), runner.Step);
        if (runner.Panicked)
        {
            stderr.WriteLine($"fwplan simulate: {MemblockDiagnostics.KernelPanicked.Id}: the simulated kernel panicked: {runner.Engine.PanicMessage}");
            return ExitCodes.Findings;
        }

        runner.Finish();
        return ExitCodes.Ok;
    }
}
