using System.Collections.Immutable;
using FirmwarePlanner.Common;

namespace FirmwarePlanner.Acpi.Srat;

/// <summary>
/// One SRAT subtable as found by walking the table by declared length (as Linux does): its 0-based
/// <see cref="Index"/> in the walk, its absolute <see cref="Offset"/> in the table, its raw type and declared
/// length. The derived records hold the decoded fields; values are kept as given, even when invalid.
/// </summary>
public abstract record SratSubtable(int Index, int Offset, byte Type, byte Length)
{
    public string TypeName => SratSubtableTypes.Name(Type);

    /// <summary>The proximity domain as the table states it (full width; see the derived types for Linux's view).</summary>
    public abstract uint? RawProximityDomain { get; }
}

/// <summary>Type 0: Processor Local APIC/SAPIC Affinity.</summary>
public sealed record SratCpuAffinity(
    int Index, int Offset, byte Length,
    byte ProximityDomainLow, byte ApicId, SratAffinityBits Flags, byte LocalSapicEid, uint ProximityDomainHigh, uint ClockDomain)
    : SratSubtable(Index, Offset, SratSubtableTypes.CpuAffinity, Length)
{
    public bool Enabled => (Flags & SratAffinityBits.Enabled) != 0;

    public override uint? RawProximityDomain => ProximityDomainLow | (ProximityDomainHigh << 8);

    /// <summary>The PXM Linux uses: the high 24 bits count only when the SRAT header revision is 2 or more.</summary>
    public uint ProximityDomain(byte tableRevision) => LinuxProximityDomain(ProximityDomainLow, ProximityDomainHigh, tableRevision);

    /// <summary>The PXM Linux uses for a LAPIC entry's low byte and high 24 bits in a table of <paramref name="tableRevision"/>.</summary>
    public static uint LinuxProximityDomain(byte low, uint high, byte tableRevision) => tableRevision >= 2 ? low | (high << 8) : low;
}

/// <summary>Type 1: Memory Affinity.</summary>
public sealed record SratMemoryAffinity(
    int Index, int Offset, byte Length,
    uint ProximityDomain, ushort Reserved1, ulong BaseAddress, ulong AddressLength, uint Reserved2, SratMemoryBits Flags, ulong Reserved3)
    : SratSubtable(Index, Offset, SratSubtableTypes.MemoryAffinity, Length)
{
    public bool Enabled => (Flags & SratMemoryBits.Enabled) != 0;

    public bool HotPluggable => (Flags & SratMemoryBits.HotPluggable) != 0;

    public bool NonVolatile => (Flags & SratMemoryBits.NonVolatile) != 0;

    public override uint? RawProximityDomain => ProximityDomain;

    /// <summary>The PXM Linux uses: only the low 8 bits when the SRAT header revision is 1 or less.</summary>
    public uint LinuxProximityDomain(byte tableRevision) => LinuxProximityDomain(ProximityDomain, tableRevision);

    /// <summary>The PXM Linux uses for a memory entry's <paramref name="proximityDomain"/>: 8 bits for header revision 1 or less.</summary>
    public static uint LinuxProximityDomain(uint proximityDomain, byte tableRevision) =>
        tableRevision <= 1 ? proximityDomain & 0xff : proximityDomain;

    /// <summary>True when <c>BaseAddress + AddressLength</c> passes 2^64.</summary>
    public bool Wraps => AddressLength > ulong.MaxValue - BaseAddress;

    /// <summary>The half-open range, or null when it is empty or wraps past 2^64.</summary>
    public AddressRange? Range => AddressLength == 0 || Wraps ? null : AddressRange.FromStartSize(BaseAddress, AddressLength);
}

/// <summary>Type 2: Processor Local x2APIC Affinity.</summary>
public sealed record SratX2ApicAffinity(
    int Index, int Offset, byte Length,
    ushort Reserved1, uint ProximityDomain, uint X2ApicId, SratAffinityBits Flags, uint ClockDomain, uint Reserved2)
    : SratSubtable(Index, Offset, SratSubtableTypes.X2ApicAffinity, Length)
{
    public bool Enabled => (Flags & SratAffinityBits.Enabled) != 0;

    public override uint? RawProximityDomain => ProximityDomain;
}

/// <summary>Type 3: GICC Affinity (arm64).</summary>
public sealed record SratGiccAffinity(
    int Index, int Offset, byte Length,
    uint ProximityDomain, uint AcpiProcessorUid, SratAffinityBits Flags, uint ClockDomain)
    : SratSubtable(Index, Offset, SratSubtableTypes.GiccAffinity, Length)
{
    public bool Enabled => (Flags & SratAffinityBits.Enabled) != 0;

    public override uint? RawProximityDomain => ProximityDomain;
}

/// <summary>Type 4: GIC ITS Affinity (arm64, ACPI 6.2).</summary>
public sealed record SratGicItsAffinity(int Index, int Offset, byte Length, uint ProximityDomain, ushort Reserved, uint ItsId)
    : SratSubtable(Index, Offset, SratSubtableTypes.GicItsAffinity, Length)
{
    public override uint? RawProximityDomain => ProximityDomain;
}

/// <summary>Types 5 and 6: Generic Initiator (ACPI 6.3) and Generic Port (ACPI 6.4) Affinity.</summary>
public sealed record SratGenericAffinity(
    int Index, int Offset, byte Type, byte Length,
    byte Reserved1, byte DeviceHandleType, uint ProximityDomain, ImmutableArray<byte> DeviceHandle, SratAffinityBits Flags, uint Reserved2)
    : SratSubtable(Index, Offset, Type, Length)
{
    public bool Enabled => (Flags & SratAffinityBits.Enabled) != 0;

    public bool IsPort => Type == SratSubtableTypes.GenericPortAffinity;

    public override uint? RawProximityDomain => ProximityDomain;
}

/// <summary>Type 7: RISC-V RINTC Affinity (ACPI 6.6).</summary>
public sealed record SratRintcAffinity(
    int Index, int Offset, byte Length,
    ushort Reserved, uint ProximityDomain, uint AcpiProcessorUid, SratAffinityBits Flags, uint ClockDomain)
    : SratSubtable(Index, Offset, SratSubtableTypes.RintcAffinity, Length)
{
    public bool Enabled => (Flags & SratAffinityBits.Enabled) != 0;

    public override uint? RawProximityDomain => ProximityDomain;
}

/// <summary>
/// A subtable kept as raw bytes: a reserved type (8 and up, skipped by Linux by its length), or a known type
/// whose fields run past the bytes available.
/// </summary>
public sealed record SratRawSubtable(int Index, int Offset, byte Type, byte Length, ImmutableArray<byte> Bytes, bool Truncated)
    : SratSubtable(Index, Offset, Type, Length)
{
    public override uint? RawProximityDomain => null;
}
