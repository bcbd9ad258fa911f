using System.Collections.Immutable;
using FirmwarePlanner.Binary;
using L0 = FirmwarePlanner.Acpi.Srat.SratCpuAffinityLayout;
using L1 = FirmwarePlanner.Acpi.Srat.SratMemoryAffinityLayout;
using L2 = FirmwarePlanner.Acpi.Srat.SratX2ApicAffinityLayout;
using L3 = FirmwarePlanner.Acpi.Srat.SratGiccAffinityLayout;
using L4 = FirmwarePlanner.Acpi.Srat.SratGicItsAffinityLayout;
using L5 = FirmwarePlanner.Acpi.Srat.SratGenericAffinityLayout;
using L7 = FirmwarePlanner.Acpi.Srat.SratRintcAffinityLayout;

namespace FirmwarePlanner.Acpi.Srat;

/// <summary>
/// Decodes one subtable's fields through its layout. Like Linux, fields are read from the table bytes at the
/// subtable's offset regardless of its declared length (a short entry's fields come from the bytes after
/// it); when the type's size does not fit before the table end the subtable is kept raw.
/// </summary>
internal static class SratSubtableDecoder
{
    public static SratSubtable Decode(ReadOnlySpan<byte> table, int index, int offset, byte type, byte length)
    {
        var size = SratSubtableTypes.CanonicalSize(type);
        var r = new ByteReader(table);
        if (size is not { } s || !r.Has(offset, s))
        {
            var available = Math.Max(0, Math.Min(Math.Max((int)length, SratSubtableHeaderLayout.Size), table.Length - offset));
            return new SratRawSubtable(index, offset, type, length, [.. table.Slice(offset, available)], size is not null);
        }

        var o = offset;
        return type switch
        {
            SratSubtableTypes.CpuAffinity => new SratCpuAffinity(index, o, length,
                r.U8(o + L0.ProximityDomainLow), r.U8(o + L0.ApicId), (SratAffinityBits)r.U32(o + L0.Flags),
                r.U8(o + L0.LocalSapicEid), U24(r, o + L0.ProximityDomainHigh), r.U32(o + L0.ClockDomain)),
            SratSubtableTypes.MemoryAffinity => new SratMemoryAffinity(index, o, length,
                r.U32(o + L1.ProximityDomain), r.U16(o + L1.Reserved1), r.U64(o + L1.BaseAddress), r.U64(o + L1.Length),
                r.U32(o + L1.Reserved2), (SratMemoryBits)r.U32(o + L1.Flags), r.U64(o + L1.Reserved3)),
            SratSubtableTypes.X2ApicAffinity => new SratX2ApicAffinity(index, o, length,
                r.U16(o + L2.Reserved1), r.U32(o + L2.ProximityDomain), r.U32(o + L2.ApicId), (SratAffinityBits)r.U32(o + L2.Flags),
                r.U32(o + L2.ClockDomain), r.U32(o + L2.Reserved2)),
            SratSubtableTypes.GiccAffinity => new SratGiccAffinity(index, o, length,
                r.U32(o + L3.ProximityDomain), r.U32(o + L3.AcpiProcessorUid), (SratAffinityBits)r.U32(o + L3.Flags), r.U32(o + L3.ClockDomain)),
            SratSubtableTypes.GicItsAffinity => new SratGicItsAffinity(index, o, length,
                r.U32(o + L4.ProximityDomain), r.U16(o + L4.Reserved), r.U32(o + L4.ItsId)),
            SratSubtableTypes.GenericInitiatorAffinity or SratSubtableTypes.GenericPortAffinity => new SratGenericAffinity(index, o, type, length,
                r.U8(o + L5.Reserved1), r.U8(o + L5.DeviceHandleType), r.U32(o + L5.ProximityDomain),
                [.. table.Slice(o + L5.DeviceHandle, 16)], (SratAffinityBits)r.U32(o + L5.Flags), r.U32(o + L5.Reserved2)),
            _ => new SratRintcAffinity(index, o, length,
                r.U16(o + L7.Reserved), r.U32(o + L7.ProximityDomain), r.U32(o + L7.AcpiProcessorUid), (SratAffinityBits)r.U32(o + L7.Flags),
                r.U32(o + L7.ClockDomain)),
        };
    }

    private static uint U24(ByteReader r, int offset) => r.U8(offset) | ((uint)r.U8(offset + 1) << 8) | ((uint)r.U8(offset + 2) << 16);
}
