using FirmwarePlanner.Binary;
namespace FirmwarePlanner.Acpi.Srat;

/// <summary>Type 2, <c>struct acpi_srat_x2apic_cpu_affinity</c> (Processor Local x2APIC Affinity), 24 bytes.</summary>
public static class SratX2ApicAffinityLayout
{
    public const int Reserved1 = SratSubtableHeaderLayout.Size;
    public const int ProximityDomain = Reserved1 + 2;
    public const int ApicId = ProximityDomain + 4;
    public const int Flags = ApicId + 4;
    public const int ClockDomain = Flags + 4;
    public const int Reserved2 = ClockDomain + 4;
    public const int Size = Reserved2 + 4;

    public static IReadOnlyList<FieldSpec> Fields { get; } =
    [
        .. SratSubtableHeaderLayout.Fields,
        new("Reserved1", Reserved1, 2, FieldKind.Reserved),
        new("Proximity Domain", ProximityDomain, 4, FieldKind.Number),
        new("Apic ID", ApicId, 4, FieldKind.Number),
        new("Flags", Flags, 4, FieldKind.Flags),
        new("Clock Domain", ClockDomain, 4, FieldKind.Number),
        new("Reserved2", Reserved2, 4, FieldKind.Reserved),
    ];
}
