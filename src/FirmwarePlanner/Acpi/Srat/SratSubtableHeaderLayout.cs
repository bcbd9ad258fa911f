using FirmwarePlanner.Binary;
namespace FirmwarePlanner.Acpi.Srat;

/// <summary><c>struct acpi_subtable_header</c>: every SRAT subtable starts with a type and a length byte.</summary>
public static class SratSubtableHeaderLayout
{
    public const int Type = 0;
    public const int Length = Type + 1;
    public const int Size = Length + 1;

    public static IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new("Subtable Type", Type, 1, FieldKind.Number),
        new("Length", Length, 1, FieldKind.Number),
    ];
}
