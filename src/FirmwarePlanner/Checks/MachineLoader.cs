using FirmwarePlanner.Acpi.Input;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Checks;

/// <summary>Options of a check that do not come from the machine's files.</summary>
public sealed record MachineOptions(string? CommandLine = null, string Arch = "x86_64", string? KernelVersion = null);

/// <summary>
/// Turns one machine's documents into a <see cref="CheckSubject"/>: every document is recognized by content
/// (<see cref="AcpiInputReader"/> for ACPI tables, <see cref="InputSetReader"/> for EFI maps in any form, e820, kernel
/// logs and command lines); SRAT (with SLIT) as Linux reads it, the primary EFI map
/// and the command line (a <c>--cmdline</c> option wins over a file, a file over a log) are what the rules read.
/// </summary>
public static class MachineLoader
{
    public static CheckSubject Load(string name, IReadOnlyList<InputDocument> documents, MachineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        options ??= new MachineOptions();
        var acpi = documents.Where(d => AcpiInputReader.Detect(d.Content.Span) != AcpiInputKind.None).ToArray();
        var machine = InputSetReader.Read(documents.Except(acpi).ToArray(), InputOptions.Default);
        var tables = AcpiTables.Read(acpi);
        var inputs = tables.Inputs.Concat(machine.Documents.Where(d => d.Format != "unrecognized")
            .Select(d => new CheckInputFile(d.Name, d.Format, d.Summary)))
            .OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
        var skipped = machine.Documents.Count(d => d.Format == "unrecognized");
        if (skipped > 0)
        {
            inputs.Add(new CheckInputFile($"{skipped} other file(s)", "not recognized", "skipped"));
        }

        var cmdlineText = options.CommandLine ?? machine.CommandLine?.Text;
        if (options.CommandLine is not null)
        {
            inputs.Insert(0, new CheckInputFile("--cmdline", "kernel command line", "from the command line of fwplan"));
        }

        // Warnings and errors of every document count; notes only for the documents the check uses.
        var used = new HashSet<string>(StringComparer.Ordinal);
        if (machine.PrimaryEfiMap is { } map)
        {
            used.Add(map.Source);
        }

        if (options.CommandLine is null && machine.CommandLine is { } cl)
        {
            used.Add(cl.Location.Source);
        }

        used.UnionWith(tables.Used);
        var diagnostics = machine.Diagnostics.Concat(tables.Diagnostics)
            .Where(d => d.Code != InputDiagnostics.Unrecognized.Id && d.Code != InputDiagnostics.NothingUsable.Id)
            .Where(d => d.Severity > Severity.Note || used.Contains(d.Location.Source))
            .ToArray();
        return new CheckSubject(name, machine.PrimaryEfiMap, tables.Numa, cmdlineText is null ? null : BootParameters.Parse(cmdlineText),
            diagnostics, inputs, options.Arch, options.KernelVersion);
    }
}
