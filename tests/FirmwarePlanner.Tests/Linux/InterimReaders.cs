using System.Buffers.Binary;
using FirmwarePlanner.Common;
using FirmwarePlanner.Numa;

namespace FirmwarePlanner.Tests.Linux;

/// <summary>
/// Test-only stand-in for the SRAT reader (acpi branch) until it lands: builds the shared model record from a
/// capture's <c>SRAT.bin</c>.
/// </summary>
internal static class InterimReaders
{
    /// <summary>SRAT as Linux reads it: CPU entries (types 0, 2) first, then memory entries; nodes by first appearance.</summary>
    public static NumaFirmwareInfo Srat(byte[] bytes)
    {
        var rev = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(36));
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        var map = new Dictionary<uint, int>();
        int NodeOf(uint pxm) => map.TryGetValue(pxm, out var n) ? n : map[pxm] = map.Count;
        var cpus = new List<NumaCpu>();
        var mems = new List<NumaMemoryBlock>();
        foreach (var pass in new[] { 0, 1 })
        {
            for (var off = 48; off + 2 <= length;)
            {
                var type = bytes[off];
                var len = bytes[off + 1];
                if (len == 0)
                {
                    break;
                }

                var s = bytes.AsSpan(off, len);
                if (pass == 0 && type == 0 && (BinaryPrimitives.ReadUInt32LittleEndian(s[4..]) & 1) != 0)
                {
                    var pxm = (uint)s[2];
                    if (rev >= 2)
                    {
                        pxm |= (uint)(s[9] | (s[10] << 8) | (s[11] << 16)) << 8;
                    }

                    cpus.Add(new NumaCpu(NodeOf(pxm), pxm, s[3], "LAPIC"));
                }
                else if (pass == 0 && type == 2 && (BinaryPrimitives.ReadUInt32LittleEndian(s[12..]) & 1) != 0)
                {
                    var pxm = BinaryPrimitives.ReadUInt32LittleEndian(s[4..]);
                    cpus.Add(new NumaCpu(NodeOf(pxm), pxm, BinaryPrimitives.ReadUInt32LittleEndian(s[8..]), "x2APIC"));
                }
                else if (pass == 0 && type == 3 && (BinaryPrimitives.ReadUInt32LittleEndian(s[10..]) & 1) != 0)
                {
                    var pxm = BinaryPrimitives.ReadUInt32LittleEndian(s[2..]);
                    cpus.Add(new NumaCpu(NodeOf(pxm), pxm, BinaryPrimitives.ReadUInt32LittleEndian(s[6..]), "GICC"));
                }
                else if (pass == 1 && type == 1)
                {
                    var flags = BinaryPrimitives.ReadUInt32LittleEndian(s[28..]);
                    if ((flags & 1) != 0)
                    {
                        var pxm = BinaryPrimitives.ReadUInt32LittleEndian(s[2..]);
                        if (rev <= 1)
                        {
                            pxm &= 0xff;
                        }

                        var b = BinaryPrimitives.ReadUInt64LittleEndian(s[8..]);
                        var l = BinaryPrimitives.ReadUInt64LittleEndian(s[16..]);
                        mems.Add(new NumaMemoryBlock(NodeOf(pxm), pxm, AddressRange.FromStartSize(b, l), (flags & 2) != 0, (flags & 4) != 0));
                    }
                }

                off += len;
            }
        }

        return new NumaFirmwareInfo(mems, cpus, true, map, null);
    }
}
