using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Pipeline;

namespace FirmwarePlanner.Checks;

/// <summary>
/// Turns one machine run through the pipeline into a <see cref="CheckSubject"/>: the inputs list (what each
/// document was read as; an explicit command line first) and the diagnostics that count (warnings and errors of every
/// document; notes only for the documents the machine model uses).
/// </summary>
public static class CheckSubjects
{
    public static CheckSubject From(MachineAnalysis analysis, bool commandLineGiven)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var machine = analysis.Machine;
        var inputs = machine.Documents.Where(d => d.Format != "unrecognized")
            .Select(d => new CheckInputFile(d.Name, d.Format, d.Summary))
            .OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
        var skipped = machine.Documents.Count(d => d.Format == "unrecognized");
        if (skipped > 0)
        {
            inputs.Add(new CheckInputFile($"{skipped} other file(s)", "not recognized", "skipped"));
        }

        if (commandLineGiven)
        {
            inputs.Insert(0, new CheckInputFile("--cmdline", "kernel command line", "from the command line of fwplan"));
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        if (machine.FirmwareEfiMap is { } map)
        {
            used.Add(map.Source);
        }

        if (!commandLineGiven && machine.CommandLine is { } cl)
        {
            used.Add(cl.Location.Source);
        }

        if (machine.Acpi is { } acpi)
        {
            if (acpi.Srat?.Table?.Table.Source is { } srat)
            {
                used.Add(srat);
            }

            if (acpi.Slit?.Table?.Table.Source is { } slit)
            {
                used.Add(slit);
            }

            if (acpi.Srat is null && acpi.LoggedSrats.Count > 0)
            {
                used.UnionWith(acpi.LoggedSrats.SelectMany(s => s.Diagnostics).Select(d => d.Location.Source));
            }
        }

        var diagnostics = analysis.Diagnostics
            .Where(d => d.Code != InputDiagnostics.Unrecognized.Id && d.Code != InputDiagnostics.NothingUsable.Id)
            .Where(d => d.Severity > Severity.Note || used.Contains(d.Location.Source))
            .ToArray();
        return new CheckSubject(analysis.Name, analysis, diagnostics, inputs);
    }
}
