using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Efi;
using Microsoft.Extensions.Logging;

namespace FirmwarePlanner.Inputs;

/// <summary>
/// Assembles one <see cref="Machine"/> from its documents, for every verb: each document is sniffed by content against
/// <see cref="InputReaders.Default"/> (or the readers given) and read by the first that recognizes it; a document nobody
/// recognizes is a note. Then the firmware's EFI map is chosen (a binary buffer, then a kernel log, then UEFI Shell
/// output; in a log its first boot-time print, since later prints are the kernel's own edits such as
/// <c>efi_fake_mem</c>, which the boot model applies itself from the command line), ACPI tables and logged SRAT lines
/// are read as Linux reads them, and every fact used is given its origin.
/// </summary>
public static class MachineReader
{
    public static Machine Read(IReadOnlyList<InputDocument> documents, InputOptions options) =>
        Read(documents, options, InputReaders.Default);

    public static Machine Read(IReadOnlyList<InputDocument> documents, InputOptions options, IReadOnlyList<IInputReader> readers)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(readers);
        var log = options.Logger;
        var builder = new MachineBuilder();
        var chosen = documents.Select(d => readers.FirstOrDefault(r => SafeRecognizes(r, d))).ToArray();
        var infos = new InputDocumentInfo?[documents.Count];
        foreach (var pass in chosen.Where(r => r is not null).Select(r => r!.Pass).Distinct().Order())
        {
            for (var i = 0; i < documents.Count; i++)
            {
                if (chosen[i] is { } reader && reader.Pass == pass)
                {
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    infos[i] = ReadOne(reader, documents[i], options, builder);
                    if (log.IsEnabled(LogLevel.Debug))
                    {
                        log.LogDebug("{Document}: read as {Format} in {Ms:0.0} ms: {Summary}", documents[i].Name, reader.Name,
                            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, infos[i]!.Summary);
                    }
                }
            }
        }

        var unrecognized = Enumerable.Range(0, documents.Count).Where(i => chosen[i] is null).ToArray();
        foreach (var i in unrecognized)
        {
            infos[i] = new InputDocumentInfo(documents[i].Name, documents[i].Content.Length, "unrecognized", "skipped");
            log.LogDebug("{Document}: no reader recognizes it; skipped", documents[i].Name);
        }

        // One note for all the documents nobody reads (a capture folder has many), naming them.
        if (unrecognized.Length > 0)
        {
            var names = unrecognized.Select(i => documents[i].Name).ToArray();
            builder.Diagnostics.Report(InputDiagnostics.Unrecognized, SourceLocation.Whole(names[0]), names.Length == 1
                ? "no reader recognizes this content; skipped"
                : $"no reader recognizes these {names.Length} documents; skipped: {string.Join(", ", names)}");
        }

        var facts = new List<MachineFact>();
        var (firmware, kernelMaps) = ChooseFirmwareMap(builder, facts, log);
        var acpi = builder.AcpiTableSets.Count > 0 || builder.SratLogs.Count > 0
            ? Numa.AcpiInputsAnalyzer.Analyze(builder.AcpiTableSets, builder.SratLogs, options.Numa)
            : null;
        if (acpi is not null)
        {
            builder.Diagnostics.AddRange(acpi.Diagnostics);
            AddAcpiFacts(acpi, facts, log);
        }

        if (builder.EfiMaps.Count == 0 && builder.E820Tables.Count == 0 && builder.Iomem.Count == 0 && acpi?.HasTables != true)
        {
            builder.Diagnostics.Report(InputDiagnostics.NothingUsable, SourceLocation.Whole(documents.Count == 1 ? documents[0].Name : "inputs"),
                "no EFI memory map and no e820 table in the inputs");
        }

        var banner = builder.KernelBanners.Count > 0 ? builder.KernelBanners[0] : null;
        if (banner is not null)
        {
            facts.Add(new MachineFact("kernel", FactOrigin.Kernel, banner.Location.ToString(), banner.Text));
        }

        if (builder.LoggedArchs.Count > 0)
        {
            facts.Add(new MachineFact("architecture", FactOrigin.Kernel, builder.LoggedArchs[0].Location.ToString(), builder.LoggedArchs[0].Line));
        }

        var machine = new Machine(infos.Select(i => i!).ToArray(), builder.EfiMaps.ToArray(), firmware, builder.E820Tables.ToArray(),
            builder.CommandLines.ToArray(), builder.LoggedMirrorSummaries.ToArray(), builder.Iomem.AsReadOnly(), builder.Diagnostics.ToList())
        {
            Acpi = acpi,
            KernelEfiMaps = kernelMaps,
            KernelBanner = banner,
            LoggedArch = builder.LoggedArchs.Count > 0 ? builder.LoggedArchs[0] : null,
            LoggedZoneNames = builder.LoggedZoneNames.Count > 0 ? builder.LoggedZoneNames[0] : null,
            DirectGbPages = builder.DirectGbPages.Count > 0 ? builder.DirectGbPages[0].Value : null,
            LoggedAcpiTables = builder.LoggedAcpiTables.Count > 0 ? builder.LoggedAcpiTables[0].Signatures : null,
        };
        if (builder.LoggedAcpiTables.Count > 0)
        {
            var (signatures, source) = builder.LoggedAcpiTables[0];
            facts.Add(new MachineFact("ACPI table list", FactOrigin.Kernel, source, string.Join(' ', signatures)));
        }
        facts.AddRange(builder.DirectGbPages.Take(1).Select(g => g.Fact));
        if (machine.CommandLine is { } cl)
        {
            facts.Add(new MachineFact("command line", cl.Origin == CommandLineOrigin.File ? FactOrigin.User : FactOrigin.Kernel, cl.Location.ToString(),
                cl.Origin == CommandLineOrigin.File ? "command-line file" : "the kernel log's Command line:"));
        }

        if (machine.FirmwareE820 is { } e820)
        {
            facts.Add(new MachineFact("e820", FactOrigin.Firmware, e820.Source, $"{e820.Who} table of {e820.Entries.Count} entries"));
        }

        return machine with { Facts = facts };
    }

    private static bool SafeRecognizes(IInputReader reader, InputDocument document)
    {
        try
        {
            return reader.Recognizes(document);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static InputDocumentInfo ReadOne(IInputReader reader, InputDocument document, InputOptions options, MachineBuilder builder)
    {
        try
        {
            var summary = reader.Read(document, options, builder);
            return new InputDocumentInfo(document.Name, document.Content.Length, reader.Name, summary);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A reader bug must not take the other documents down; it is reported as an error with the document.
            builder.Diagnostics.Report(InputDiagnostics.ReaderFailed, SourceLocation.Whole(document.Name), $"{reader.Name}: {ex.GetType().Name}: {ex.Message}");
            return new InputDocumentInfo(document.Name, document.Content.Length, reader.Name, "reader failed");
        }
    }

    /// <summary>
    /// The firmware's map: per document its first boot-time print (a binary buffer or a shell print has only one),
    /// preferring a binary buffer over a log over shell output, then the first document in the given order. The
    /// boot-time prints after it in the same document are the kernel's own edits.
    /// </summary>
    private static (EfiMemoryMap? Firmware, IReadOnlyList<EfiMemoryMap> Kernel) ChooseFirmwareMap(MachineBuilder builder, List<MachineFact> facts, ILogger log)
    {
        var perSource = builder.EfiMaps.Where(m => m.Role == EfiMapRole.Boot && m.Descriptors.Count > 0)
            .GroupBy(m => m.Source, StringComparer.Ordinal).ToList();
        if (perSource.Count == 0)
        {
            return (null, []);
        }

        var firstPerSource = perSource.Select(g => g.First()).ToList();
        var firmware = firstPerSource.OrderBy(m => Rank(m.Form)).First();
        var kernel = perSource.First(g => g.Key == firmware.Source).Skip(1).ToArray();
        var disagreeing = firstPerSource.Where(m => !SameDescriptors(m, firmware)).ToArray();
        if (disagreeing.Length > 0)
        {
            builder.Diagnostics.Report(InputDiagnostics.SeveralMaps, SourceLocation.Whole(firmware.Source),
                $"{firstPerSource.Count} documents give a boot-time EFI map and {disagreeing.Length} differ from the one used, {firmware.Source} ({Describe(firmware.Form)}): {string.Join(", ", disagreeing.Select(m => m.Source))}");
        }

        facts.Add(new MachineFact("EFI memory map", FactOrigin.Firmware, firmware.Start?.ToString() ?? firmware.Source,
            $"{Describe(firmware.Form)}{(firmware.Form == EfiMapForm.KernelLog ? ", first boot-time print" : string.Empty)}, {firmware.Descriptors.Count} descriptors"));
        if (log.IsEnabled(LogLevel.Debug))
        {
            log.LogDebug("EFI map: the firmware's is {Source} ({Form}, {Count} descriptors)", firmware.Start?.ToString() ?? firmware.Source, Describe(firmware.Form), firmware.Descriptors.Count);
        }

        if (kernel.Length > 0)
        {
            var where = kernel[0].Start?.ToString() ?? kernel[0].Source;
            builder.Diagnostics.Report(InputDiagnostics.KernelEditedMap, kernel[0].Start ?? SourceLocation.Whole(kernel[0].Source),
                $"the kernel printed the map {kernel.Length} more time(s) after the firmware's (its own edits, such as efi_fake_mem=); " +
                "the firmware's first print is used and the boot model applies the command line itself");
            facts.Add(new MachineFact("EFI memory map (edited)", FactOrigin.Kernel, where, $"{kernel.Length} later boot-time print(s), not used as firmware input"));
            if (log.IsEnabled(LogLevel.Debug))
            {
                log.LogDebug("EFI map: {Count} later print(s) from {Where} are the kernel's own edits, not firmware input", kernel.Length, where);
            }
        }

        return (firmware, kernel);
    }

    /// <summary>Same descriptors (type, start, pages, attributes) in the same order: two copies of one map agree.</summary>
    private static bool SameDescriptors(EfiMemoryMap a, EfiMemoryMap b) =>
        a.Descriptors.Count == b.Descriptors.Count && a.Descriptors.Zip(b.Descriptors).All(p =>
            p.First.Type == p.Second.Type && p.First.PhysicalStart == p.Second.PhysicalStart &&
            p.First.NumberOfPages == p.Second.NumberOfPages && p.First.Attribute == p.Second.Attribute);

    private static void AddAcpiFacts(Numa.AcpiInputs acpi, List<MachineFact> facts, ILogger log)
    {
        if (acpi.Srat is { } srat)
        {
            facts.Add(new MachineFact("SRAT", FactOrigin.Firmware, srat.Table?.Table.Source ?? "SRAT", "ACPI table"));
            if (log.IsEnabled(LogLevel.Debug))
            {
                log.LogDebug("SRAT: the ACPI table from {Source}", srat.Table?.Table.Source);
            }
        }
        else if (acpi.LoggedSrats.Count > 0)
        {
            facts.Add(new MachineFact("SRAT", FactOrigin.Kernel, "kernel log", "the kernel's SRAT lines (partial: only what the kernel printed)"));
            log.LogDebug("SRAT: no table; the kernel log's SRAT lines are used (a partial SRAT, the kernel's conclusion)");
        }

        if (acpi.Slit?.Table is { } slit)
        {
            facts.Add(new MachineFact("SLIT", FactOrigin.Firmware, slit.Table.Source, "ACPI table"));
        }
    }

    private static int Rank(EfiMapForm form) => form switch
    {
        EfiMapForm.Binary => 0,
        EfiMapForm.KernelLog => 1,
        EfiMapForm.UefiShell => 2,
        _ => 3,
    };

    public static string Describe(EfiMapForm form) => form switch
    {
        EfiMapForm.Binary => "binary GetMemoryMap buffer",
        EfiMapForm.KernelLog => "kernel log",
        EfiMapForm.UefiShell => "UEFI Shell memmap",
        EfiMapForm.SysfsRuntimeMap => "sysfs runtime-map",
        _ => form.ToString(),
    };
}
