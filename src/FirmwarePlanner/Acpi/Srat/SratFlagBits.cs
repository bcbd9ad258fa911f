namespace FirmwarePlanner.Acpi.Srat;

/// <summary>Flags of the processor, GICC, RINTC and generic affinity subtables (<c>ACPI_SRAT_*_ENABLED</c>).</summary>
[Flags]
public enum SratAffinityBits : uint
{
    None = 0,

    /// <summary>Bit 0: the entry is in use; Linux ignores disabled entries.</summary>
    Enabled = 1,

    /// <summary>Bit 1 (generic initiator/port only, ACPI 6.3): architectural transactions supported.</summary>
    ArchitecturalTransactions = 2,
}

/// <summary>Memory affinity flags (<c>ACPI_SRAT_MEM_*</c>). Bits 4–31 are reserved.</summary>
[Flags]
public enum SratMemoryBits : uint
{
    None = 0,

    /// <summary>Bit 0: the range is in use; Linux skips disabled entries silently.</summary>
    Enabled = 1,

    /// <summary>Bit 1: hot-pluggable; Linux marks the range MEMBLOCK_HOTPLUG (with CONFIG_MEMORY_HOTPLUG).</summary>
    HotPluggable = 2,

    /// <summary>Bit 2: non-volatile memory; Linux still adds it to the node and prints <c> non-volatile</c>.</summary>
    NonVolatile = 4,

    /// <summary>Bit 3: reserved in the ACPI specification, <c>ACPI_SRAT_MEM_SPEC_PURPOSE</c> in ACPICA; Linux ignores it, fwts does not check it.</summary>
    SpecificPurpose = 8,
}
