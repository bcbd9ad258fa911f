using FirmwarePlanner.Binary;
namespace FirmwarePlanner.Acpi.Slit;

/// <summary><c>struct acpi_table_slit</c>: header, u64 locality count, then a count × count byte matrix.</summary>
public static class SlitLayout
{
    public const string Signature = "SLIT";
    public const int LocalityCount = AcpiTableHeaderLayout.Size;
    public const int Entry = LocalityCount + 8;

    /// <summary>The fixed part before the matrix.</summary>
    public const int Size = Entry;

    /// <summary>LOCAL_DISTANCE: a locality's distance to itself.</summary>
    public const byte LocalDistance = 10;

    /// <summary>0xFF: the localities cannot reach each other.</summary>
    public const byte Unreachable = 0xFF;

    public static IReadOnlyList<FieldSpec> Fields { get; } =
    [
        .. AcpiTableHeaderLayout.Fields,
        new("Localities", LocalityCount, 8, FieldKind.Number),
    ];
}
