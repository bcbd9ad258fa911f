using FirmwarePlanner.Binary;
namespace FirmwarePlanner.Acpi.Srat;

/// <summary>Type 7, <c>struct acpi_srat_rintc_affinity</c> (RISC-V RINTC Affinity, ACPI 6.6), 20 bytes.</summary>
public static class SratRintcAffinityLayout
{
    public const int Reserved = SratSubtableHeaderLayout.Size;
    public const int ProximityDomain = Reserved + 2;
    public const int AcpiProcessorUid = ProximityDomain + 4;
    public const int Flags = AcpiProcessorUid + 4;
    public const int ClockDomain = Flags + 4;
    public const int Size = ClockDomain + 4;

    public static IReadOnlyList<FieldSpec> Fields { get; } =
    [
        .. SratSubtableHeaderLayout.Fields,
        new("Reserved", Reserved, 2, FieldKind.Reserved),
        new("Proximity Domain", ProximityDomain, 4, FieldKind.Number),
        new("Acpi Processor UID", AcpiProcessorUid, 4, FieldKind.Number),
        new("Flags", Flags, 4, FieldKind.Flags),
        new("Clock Domain", ClockDomain, 4, FieldKind.Number),
    ];
}
