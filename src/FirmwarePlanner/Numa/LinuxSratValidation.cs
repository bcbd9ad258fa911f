using FirmwarePlanner.Acpi;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Kernel;

namespace FirmwarePlanner.Numa;

/// <summary>
/// An SRAT checked as a table (<see cref="SratParser"/>: framing, walk, field validation) and as Linux reads it
/// (<see cref="LinuxSratReader"/>: every entry Linux rejects or ignores), in that order: what every verb reports.
/// </summary>
public static class LinuxSratValidation
{
    public static SratParseResult Parse(ReadOnlyMemory<byte> bytes, string source, LinuxNumaOptions? options = null) =>
        Parse(AcpiTable.FromBytes(SratLayout.Signature, bytes, AcpiTableFormat.Binary, source), options);

    public static SratParseResult Parse(AcpiTable table, LinuxNumaOptions? options = null) => ParseAndRead(table, options).Parsed;

    /// <summary>
    /// <see cref="Parse(AcpiTable, LinuxNumaOptions?)"/> and the reading it came from (of the SRAT alone, null when the
    /// table could not be walked), so a caller that needs Linux's reading too does not read the SRAT a second time.
    /// </summary>
    public static (SratParseResult Parsed, LinuxSratReading? Reading) ParseAndRead(AcpiTable table, LinuxNumaOptions? options = null)
    {
        var parsed = SratParser.Parse(table, options);
        if (parsed.Table is not { } srat)
        {
            return (parsed, null);
        }

        var reading = LinuxSratReader.ReadSratOnly(srat, options ?? LinuxNumaOptions.Default);
        return (parsed with { Diagnostics = parsed.Diagnostics.AddRange(reading.Diagnostics) }, reading);
    }
}
