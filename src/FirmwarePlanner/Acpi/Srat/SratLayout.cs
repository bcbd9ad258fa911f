using FirmwarePlanner.Binary;
namespace FirmwarePlanner.Acpi.Srat;

/// <summary><c>struct acpi_table_srat</c>: the 36-byte header, a u32 "table revision" (must be 1) and 8 reserved bytes.</summary>
public static class SratLayout
{
    public const string Signature = "SRAT";
    public const int TableRevision = AcpiTableHeaderLayout.Size;
    public const int Reserved = TableRevision + 4;
    public const int Size = Reserved + 8;

    public static IReadOnlyList<FieldSpec> Fields { get; } =
    [
        .. AcpiTableHeaderLayout.Fields,
        new("Table Revision", TableRevision, 4, FieldKind.Number),
        new("Reserved", Reserved, 8, FieldKind.Reserved),
    ];
}
