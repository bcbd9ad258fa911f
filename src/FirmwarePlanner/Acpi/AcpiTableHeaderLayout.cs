using FirmwarePlanner.Binary;
namespace FirmwarePlanner.Acpi;

/// <summary>
/// <c>struct acpi_table_header</c> (ACPI §5.2.6, <c>include/acpi/actbl.h</c>): the 36 bytes every system
/// description table starts with.
/// </summary>
public static class AcpiTableHeaderLayout
{
    public const int Signature = 0;
    public const int Length = Signature + 4;
    public const int Revision = Length + 4;
    public const int Checksum = Revision + 1;
    public const int OemId = Checksum + 1;
    public const int OemTableId = OemId + 6;
    public const int OemRevision = OemTableId + 8;
    public const int AslCompilerId = OemRevision + 4;
    public const int AslCompilerRevision = AslCompilerId + 4;
    public const int Size = AslCompilerRevision + 4;

    public static IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("Signature", Signature, 4, FieldKind.Ascii),
        new("Table Length", Length, 4, FieldKind.Number),
        new("Revision", Revision, 1, FieldKind.Number),
        new("Checksum", Checksum, 1, FieldKind.Number),
        new("Oem ID", OemId, 6, FieldKind.Ascii),
        new("Oem Table ID", OemTableId, 8, FieldKind.Ascii),
        new("Oem Revision", OemRevision, 4, FieldKind.Number),
        new("Asl Compiler ID", AslCompilerId, 4, FieldKind.Ascii),
        new("Asl Compiler Revision", AslCompilerRevision, 4, FieldKind.Number),
    ];
}
