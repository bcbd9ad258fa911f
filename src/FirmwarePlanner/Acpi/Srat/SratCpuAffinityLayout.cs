using FirmwarePlanner.Binary;
namespace FirmwarePlanner.Acpi.Srat;

/// <summary>Type 0, <c>struct acpi_srat_cpu_affinity</c> (Processor Local APIC/SAPIC Affinity), 16 bytes.</summary>
public static class SratCpuAffinityLayout
{
    public const int ProximityDomainLow = SratSubtableHeaderLayout.Size;
    public const int ApicId = ProximityDomainLow + 1;
    public const int Flags = ApicId + 1;
    public const int LocalSapicEid = Flags + 4;
    public const int ProximityDomainHigh = LocalSapicEid + 1;
    public const int ClockDomain = ProximityDomainHigh + 3;
    public const int Size = ClockDomain + 4;

    public static IReadOnlyList<FieldSpec> Fields { get; } =
    [
        .. SratSubtableHeaderLayout.Fields,
        new("Proximity Domain Low(8)", ProximityDomainLow, 1, FieldKind.Number),
        new("Apic ID", ApicId, 1, FieldKind.Number),
        new("Flags", Flags, 4, FieldKind.Flags),
        new("Local Sapic EID", LocalSapicEid, 1, FieldKind.Number),
        new("Proximity Domain High(24)", ProximityDomainHigh, 3, FieldKind.Number),
        new("Clock Domain", ClockDomain, 4, FieldKind.Number),
    ];
}
