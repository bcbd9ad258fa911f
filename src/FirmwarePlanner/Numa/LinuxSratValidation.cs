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

    public static SratParseResult Parse(AcpiTable table, LinuxNumaOptions? options = null)
    {
        var parsed = SratParser.Parse(table, options);
        return parsed.Table is { } srat
            ? parsed with { Diagnostics = parsed.Diagnostics.AddRange(LinuxSratReader.Read(srat, null, options ?? LinuxNumaOptions.Default).Diagnostics) }
            : parsed;
    }
}
