using System.Globalization;
using FirmwarePlanner.Acpi.Input;

namespace FirmwarePlanner.Inputs;

/// <summary>
/// ACPI tables in any form <see cref="AcpiInputReader"/> knows: a binary table (<c>SRAT.bin</c>, sysfs), acpidump
/// text, iasl disassembly. Only SRAT and SLIT are decoded (by <see cref="Acpi.AcpiInputsAnalyzer"/> once all
/// documents are read); other tables are listed with their headers.
/// </summary>
public sealed class AcpiTablesInputReader : IInputReader
{
    public string Name => "ACPI tables";

    public bool Recognizes(InputDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return AcpiInputReader.Detect(document.Content.Span) != AcpiInputKind.None;
    }

    public string Read(InputDocument document, InputOptions options, MachineBuilder into)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(into);
        var set = AcpiInputReader.Read(document.Content, document.Name);
        into.AcpiTableSets.Add(set);
        into.Diagnostics.AddRange(set.Diagnostics);
        var names = string.Join(' ', set.Tables.Select(t => t.Signature.TrimEnd()).Distinct(StringComparer.Ordinal).Take(12));
        return string.Create(CultureInfo.InvariantCulture, $"{set.Kind}, {set.Tables.Length} table(s): {names}{(set.Tables.Length > 12 ? " …" : string.Empty)}");
    }
}
