using FirmwarePlanner.Binary;
namespace FirmwarePlanner.Acpi.Srat;

/// <summary>Type 1, <c>struct acpi_srat_mem_affinity</c> (Memory Affinity), 40 bytes.</summary>
public static class SratMemoryAffinityLayout
{
    public const int ProximityDomain = SratSubtableHeaderLayout.Size;
    public const int Reserved1 = ProximityDomain + 4;
    public const int BaseAddress = Reserved1 + 2;
    public const int Length = BaseAddress + 8;
    public const int Reserved2 = Length + 8;
    public const int Flags = Reserved2 + 4;
    public const int Reserved3 = Flags + 4;
    public const int Size = Reserved3 + 8;

    public static IReadOnlyList<FieldSpec> Fields { get; } =
    [
        .. SratSubtableHeaderLayout.Fields,
        new("Proximity Domain", ProximityDomain, 4, FieldKind.Number),
        new("Reserved1", Reserved1, 2, FieldKind.Reserved),
        new("Base Address", BaseAddress, 8, FieldKind.Number),
        new("Address Length", Length, 8, FieldKind.Number),
        new("Reserved2", Reserved2, 4, FieldKind.Reserved),
        new("Flags", Flags, 4, FieldKind.Flags),
        new("Reserved3", Reserved3, 8, FieldKind.Reserved),
    ];
}
