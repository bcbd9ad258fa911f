using FirmwarePlanner.Acpi;
using FirmwarePlanner.Acpi.Input;
using FirmwarePlanner.Acpi.Slit;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Numa;

namespace FirmwarePlanner.Checks;

/// <summary>
/// The ACPI side of a machine: every ACPI document read (binary tables, acpidump text, iasl output), the first
/// SRAT and SLIT found (documents in name order), and the SRAT as Linux reads it. <see cref="Used"/> names the
/// documents the SRAT and SLIT came from (their notes are kept).
/// </summary>
internal sealed record AcpiTables(IReadOnlyList<CheckInputFile> Inputs, NumaFirmwareInfo? Numa, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> Used)
{
    public static AcpiTables Read(IReadOnlyList<InputDocument> documents)
    {
        var inputs = new List<CheckInputFile>();
        var diagnostics = new List<Diagnostic>();
        var used = new List<string>();
        AcpiTable? srat = null, slit = null;
        foreach (var d in documents)
        {
            var set = AcpiInputReader.Read(d.Content, d.Name);
            diagnostics.AddRange(set.Diagnostics);
            var signatures = set.Tables.Select(t => t.Signature.Trim()).ToArray();
            inputs.Add(new CheckInputFile(d.Name, "ACPI " + KindName(set.Kind), string.Join(' ', signatures)));
            srat ??= set.WithSignature("SRAT").FirstOrDefault();
            slit ??= set.WithSignature("SLIT").FirstOrDefault();
        }

        SlitTable? slitTable = null;
        if (slit is not null)
        {
            var parsed = SlitParser.Parse(slit);
            diagnostics.AddRange(parsed.Diagnostics);
            slitTable = parsed.Table;
            used.Add(slit.Source);
        }

        NumaFirmwareInfo? numa = null;
        if (srat is not null)
        {
            var parsed = SratParser.Parse(srat);
            diagnostics.AddRange(parsed.Diagnostics);
            used.Add(srat.Source);
            if (parsed.Table is { } table)
            {
                numa = LinuxSratReader.Read(table, slitTable).Info;
            }
        }

        return new AcpiTables(inputs, numa, diagnostics, used);
    }

    private static string KindName(AcpiInputKind kind) => kind switch
    {
        AcpiInputKind.BinaryTable => "binary table",
        AcpiInputKind.AcpiDumpText => "acpidump text",
        AcpiInputKind.IaslDisassembly => "iasl disassembly",
        _ => "input",
    };
}
