using FirmwarePlanner.Kernel;
using FirmwarePlanner.Acpi.Input;
using FirmwarePlanner.Acpi.Slit;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Acpi;

namespace FirmwarePlanner.Numa;

/// <summary>
/// The ACPI side of one machine's inputs: every table read (by document), the SRAT Linux would use (the first one
/// found) with its validation, any other SRATs, the SLIT, and Linux's reading — from the table, or, when only a
/// boot log is at hand, the partial one rebuilt from its SRAT lines.
/// </summary>
public sealed record AcpiInputs(
    IReadOnlyList<AcpiTableSet> TableSets,
    SratParseResult? Srat,
    IReadOnlyList<SratParseResult> OtherSrats,
    SlitParseResult? Slit,
    LinuxSratReading? Linux,
    IReadOnlyList<LinuxSratReading> LoggedSrats,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>What the boot model consumes: SRAT (and SLIT) as Linux reads them; null when there is no SRAT at all.</summary>
    public NumaFirmwareInfo? Numa => Linux?.Info;

    /// <summary>True when some input had ACPI tables (so "no SRAT" is a finding, not a gap in the inputs).</summary>
    public bool HasTables => TableSets.Any(s => s.Tables.Length > 0);
}
