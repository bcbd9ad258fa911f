using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Efi;

namespace FirmwarePlanner.Inputs;

/// <summary>
/// Reads one machine's documents: each is sniffed by content against <see cref="InputReaders.Default"/> (or the
/// readers given) and read by the first that recognizes it; a document nobody recognizes is a note. Then the
/// primary EFI map is chosen: per document its last boot-time map (a log prints the map again after edits such as
/// efi_fake_mem; the last print is what Linux used), preferring a binary buffer over a log over shell output,
/// then the first document in the given order.
/// </summary>
public static class InputSetReader
{
    public static MachineInputs Read(IReadOnlyList<InputDocument> documents, InputOptions options) =>
        Read(documents, options, InputReaders.Default);

    public static MachineInputs Read(IReadOnlyList<InputDocument> documents, InputOptions options, IReadOnlyList<IInputReader> readers)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(readers);
        var builder = new MachineInputsBuilder();
        var chosen = documents.Select(d => readers.FirstOrDefault(r => SafeRecognizes(r, d))).ToArray();
        var infos = new InputDocumentInfo?[documents.Count];
        foreach (var pass in chosen.Where(r => r is not null).Select(r => r!.Pass).Distinct().Order())
        {
            for (var i = 0; i < documents.Count; i++)
            {
                if (chosen[i] is { } reader && reader.Pass == pass)
                {
                    infos[i] = ReadOne(reader, documents[i], options, builder);
                }
            }
        }

        for (var i = 0; i < documents.Count; i++)
        {
            if (chosen[i] is null)
            {
                builder.Diagnostics.Report(InputDiagnostics.Unrecognized, SourceLocation.Whole(documents[i].Name),
                    "no reader recognizes this content; skipped");
                infos[i] = new InputDocumentInfo(documents[i].Name, documents[i].Content.Length, "unrecognized", "skipped");
            }
        }

        var primary = ChoosePrimary(builder);
        var acpi = builder.AcpiTableSets.Count > 0 || builder.SratLogs.Count > 0
            ? Acpi.AcpiInputsAnalyzer.Analyze(builder.AcpiTableSets, builder.SratLogs, options.Numa)
            : null;
        if (acpi is not null)
        {
            builder.Diagnostics.AddRange(acpi.Diagnostics);
        }

        if (builder.EfiMaps.Count == 0 && builder.E820Tables.Count == 0 && builder.Iomem.Count == 0 && acpi?.HasTables != true)
        {
            builder.Diagnostics.Report(InputDiagnostics.NothingUsable, SourceLocation.Whole(documents.Count == 1 ? documents[0].Name : "inputs"),
                "no EFI memory map and no e820 table in the inputs");
        }

        return new MachineInputs(infos.Select(i => i!).ToArray(), builder.EfiMaps.ToArray(), primary, builder.E820Tables.ToArray(),
            builder.CommandLines.ToArray(), builder.LoggedMirrorSummaries.ToArray(), builder.Iomem.ToArray(), builder.Diagnostics.ToList())
        {
            Acpi = acpi,
        };
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

    private static InputDocumentInfo ReadOne(IInputReader reader, InputDocument document, InputOptions options, MachineInputsBuilder builder)
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

    private static EfiMemoryMap? ChoosePrimary(MachineInputsBuilder builder)
    {
        var lastPerSource = builder.EfiMaps.Where(m => m.Role == EfiMapRole.Boot && m.Descriptors.Count > 0)
            .GroupBy(m => m.Source, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        if (lastPerSource.Count == 0)
        {
            return null;
        }

        var primary = lastPerSource.OrderBy(m => Rank(m.Form)).First();
        if (lastPerSource.Count > 1)
        {
            builder.Diagnostics.Report(InputDiagnostics.SeveralMaps, SourceLocation.Whole(primary.Source),
                $"{lastPerSource.Count} documents give a boot-time EFI map; using {primary.Source} ({Describe(primary.Form)})");
        }

        return primary;
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
