namespace FirmwarePlanner.Acpi;

/// <summary>Where a table's bytes came from.</summary>
public enum AcpiTableFormat
{
    /// <summary>A binary table file (<c>/sys/firmware/acpi/tables/SRAT</c>, <c>acpidump -b</c>, acpixtract).</summary>
    Binary,

    /// <summary>An <c>acpidump</c> text block (<c>SIG @ 0xADDR</c> + hex rows).</summary>
    AcpiDump,

    /// <summary>The <c>Raw Table Data</c> hex of an iasl disassembly.</summary>
    IaslRawData,

    /// <summary>Rebuilt from iasl's decoded <c>[off len] Name : Value</c> lines (no raw hex available).</summary>
    IaslFields,
}
