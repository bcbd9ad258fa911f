using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Numa;

namespace FirmwarePlanner.Tests.Linux;

/// <summary>
/// Test-only stand-ins for the EFI and SRAT readers (efi and acpi branches) until they land: they build the shared
/// model records from a capture's <c>efi-memmap.txt</c> and <c>SRAT.bin</c>.
/// </summary>
internal static partial class InterimReaders
{
    private static readonly string[] TypeNames =
    [
        "Reserved", "Loader Code", "Loader Data", "Boot Code", "Boot Data", "Runtime Code", "Runtime Data",
        "Conventional", "Unusable", "ACPI Reclaim", "ACPI Mem NVS", "MMIO", "MMIO Port", "PAL Code", "Persistent", "Unaccepted",
    ];

    private static readonly (string Name, EfiMemoryAttribute Bit)[] Columns =
    [
        ("RUN", EfiMemoryAttribute.Runtime), ("HP", EfiMemoryAttribute.HotPluggable), ("MR", EfiMemoryAttribute.MoreReliable),
        ("CC", EfiMemoryAttribute.CpuCrypto), ("SP", EfiMemoryAttribute.SP), ("NV", EfiMemoryAttribute.NV),
        ("XP", EfiMemoryAttribute.XP), ("RP", EfiMemoryAttribute.RP), ("WP", EfiMemoryAttribute.WP), ("RO", EfiMemoryAttribute.RO),
        ("UCE", EfiMemoryAttribute.UCE), ("WB", EfiMemoryAttribute.WB), ("WT", EfiMemoryAttribute.WT), ("WC", EfiMemoryAttribute.WC),
        ("UC", EfiMemoryAttribute.UC),
    ];

    public static EfiMemoryMap EfiText(string text, string source)
    {
        var list = new List<EfiMemoryDescriptor>();
        foreach (Match m in MemLine().Matches(text))
        {
            var parts = m.Groups["ta"].Value.Split('|');
            var typeName = parts[0].Trim();
            var type = typeName.StartsWith("type=", StringComparison.Ordinal)
                ? (EfiMemoryType)uint.Parse(typeName[5..], CultureInfo.InvariantCulture)
                : (EfiMemoryType)Array.IndexOf(TypeNames, typeName);
            EfiMemoryAttribute attr = 0;
            if (parts.Length == 2 && parts[1].StartsWith("attr=0x", StringComparison.Ordinal))
            {
                attr = (EfiMemoryAttribute)ulong.Parse(parts[1][7..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
            else
            {
                foreach (var p in parts.Skip(1).Select(p => p.Trim()).Where(p => p.Length > 0))
                {
                    attr |= Columns.First(c => c.Name == p).Bit;
                }
            }

            var start = ulong.Parse(m.Groups["s"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var end = ulong.Parse(m.Groups["e"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            list.Add(new EfiMemoryDescriptor(list.Count, type, start, 0, (end + 1 - start) >> 12, attr, SourceLocation.Whole(source)));
        }

        return new EfiMemoryMap(source, EfiMapForm.KernelLog, list, 0, 0, null, []);
    }

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

    [GeneratedRegex(@"efi: mem\d+: \[(?<ta>[^\]]*)\] range=\[0x(?<s>[0-9a-f]+)-0x(?<e>[0-9a-f]+)\]")]
    private static partial Regex MemLine();
}
