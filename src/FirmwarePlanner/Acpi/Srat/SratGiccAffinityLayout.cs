using FirmwarePlanner.Binary;
namespace FirmwarePlanner.Acpi.Srat;

/// <summary>Type 3, <c>struct acpi_srat_gicc_affinity</c> (GICC Affinity, ACPI 5.1), 18 bytes.</summary>
public static class SratGiccAffinityLayout
{
    public const int ProximityDomain = SratSubtableHeaderLayout.Size;
    public const int AcpiProcessorUid = ProximityDomain + 4;
    public const int Flags = AcpiProcessorUid + 4;
    public const int ClockDomain = Flags + 4;
    public const int Size = ClockDomain + 4;

    public static IReadOnlyList<FieldSpec> Fields { get; } =
    [
        .. SratSubtableHeaderLayout.Fields,
        new("Proximity Domain", ProximityDomain, 4, FieldKind.Number),
        new("Acpi Processor UID", AcpiProcessorUid, 4, FieldKind.Number),
        new("Flags", Flags, 4, FieldKind.Flags),
        new("Clock Domain", ClockDomain, 4, FieldKind.Number),
    ];
}
