using FirmwarePlanner.Binary;
namespace FirmwarePlanner.Acpi.Srat;

/// <summary>Type 4, <c>struct acpi_srat_gic_its_affinity</c> (GIC ITS Affinity, ACPI 6.2), 12 bytes.</summary>
public static class SratGicItsAffinityLayout
{
    public const int ProximityDomain = SratSubtableHeaderLayout.Size;
    public const int Reserved = ProximityDomain + 4;
    public const int ItsId = Reserved + 2;
    public const int Size = ItsId + 4;

    public static IReadOnlyList<FieldSpec> Fields { get; } =
    [
        .. SratSubtableHeaderLayout.Fields,
        new("Proximity Domain", ProximityDomain, 4, FieldKind.Number),
        new("Reserved", Reserved, 2, FieldKind.Reserved),
        new("ITS ID", ItsId, 4, FieldKind.Number),
    ];
}
