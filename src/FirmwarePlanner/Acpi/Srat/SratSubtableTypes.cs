using FirmwarePlanner.Binary;
namespace FirmwarePlanner.Acpi.Srat;

/// <summary>
/// SRAT subtable types (<c>enum acpi_srat_type</c>): 0–7 are defined, 8 and greater are reserved. The type is
/// kept as the raw byte everywhere; this class names the known values and gives their canonical sizes.
/// </summary>
public static class SratSubtableTypes
{
    public const byte CpuAffinity = 0;
    public const byte MemoryAffinity = 1;
    public const byte X2ApicAffinity = 2;
    public const byte GiccAffinity = 3;
    public const byte GicItsAffinity = 4;
    public const byte GenericInitiatorAffinity = 5;
    public const byte GenericPortAffinity = 6;
    public const byte RintcAffinity = 7;

    public static bool IsKnown(byte type) => type <= RintcAffinity;

    /// <summary>The subtable's size per the specification, or null for a reserved type.</summary>
    public static int? CanonicalSize(byte type) => type switch
    {
        CpuAffinity => SratCpuAffinityLayout.Size,
        MemoryAffinity => SratMemoryAffinityLayout.Size,
        X2ApicAffinity => SratX2ApicAffinityLayout.Size,
        GiccAffinity => SratGiccAffinityLayout.Size,
        GicItsAffinity => SratGicItsAffinityLayout.Size,
        GenericInitiatorAffinity or GenericPortAffinity => SratGenericAffinityLayout.Size,
        RintcAffinity => SratRintcAffinityLayout.Size,
        _ => null,
    };

    /// <summary>iasl's name for the type.</summary>
    public static string Name(byte type) => type switch
    {
        CpuAffinity => "Processor Local APIC/SAPIC Affinity",
        MemoryAffinity => "Memory Affinity",
        X2ApicAffinity => "Processor Local x2APIC Affinity",
        GiccAffinity => "GICC Affinity",
        GicItsAffinity => "GIC ITS Affinity",
        GenericInitiatorAffinity => "Generic Initiator Affinity",
        GenericPortAffinity => "Generic Port Affinity",
        RintcAffinity => "RINTC Affinity",
        _ => "Unknown Subtable Type",
    };

    /// <summary>Fields of the type's layout, or just the two header bytes for a reserved type.</summary>
    public static IReadOnlyList<FieldSpec> Fields(byte type) => type switch
    {
        CpuAffinity => SratCpuAffinityLayout.Fields,
        MemoryAffinity => SratMemoryAffinityLayout.Fields,
        X2ApicAffinity => SratX2ApicAffinityLayout.Fields,
        GiccAffinity => SratGiccAffinityLayout.Fields,
        GicItsAffinity => SratGicItsAffinityLayout.Fields,
        GenericInitiatorAffinity or GenericPortAffinity => SratGenericAffinityLayout.Fields,
        RintcAffinity => SratRintcAffinityLayout.Fields,
        _ => SratSubtableHeaderLayout.Fields,
    };
}
