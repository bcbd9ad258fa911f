using FirmwarePlanner.Numa;
using FirmwarePlanner.Acpi;
using FirmwarePlanner.Efi;

namespace FirmwarePlanner.Reports.Inspect;

/// <summary>A count and byte total (128-bit so that garbage maps cannot wrap it).</summary>
public sealed record Total(string Name, int Count, UInt128 Bytes);

/// <summary>Per-type and per-attribute totals of a map, in a fixed order (type value; Linux column order).</summary>
public static class EfiMapTotals
{
    public static IReadOnlyList<Total> ByType(EfiMemoryMap map)
    {
        ArgumentNullException.ThrowIfNull(map);

        // One pass with a total per type: a map of millions of descriptors is not copied into groups.
        var byType = new SortedDictionary<uint, (int Count, UInt128 Bytes)>();
        foreach (var d in map.Descriptors)
        {
            var (n, bytes) = byType.GetValueOrDefault((uint)d.Type);
            byType[(uint)d.Type] = (n + 1, bytes + Bytes(d));
        }

        return byType.Select(t => new Total(EfiMemoryTypes.DisplayName((EfiMemoryType)t.Key), t.Value.Count, t.Value.Bytes)).ToArray();
    }

    public static IReadOnlyList<Total> ByAttribute(EfiMemoryMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var columns = EfiAttributeColumns.All;
        var counts = new int[columns.Count + 1];
        var sums = new UInt128[columns.Count + 1];
        foreach (var d in map.Descriptors)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if ((d.Attribute & columns[c].Bit) != 0)
                {
                    counts[c]++;
                    sums[c] += Bytes(d);
                }
            }

            if (((ulong)d.Attribute & ~(ulong)EfiMemoryAttributes.LinuxKnown) != 0)
            {
                counts[^1]++;
                sums[^1] += Bytes(d);
            }
        }

        var list = new List<Total>();
        for (var c = 0; c <= columns.Count; c++)
        {
            if (counts[c] > 0)
            {
                list.Add(new Total(c < columns.Count ? columns[c].Token : "other bits", counts[c], sums[c]));
            }
        }

        return list;
    }

    private static UInt128 Bytes(EfiMemoryDescriptor d) => (UInt128)d.NumberOfPages << EfiMemoryDescriptor.PageShift;
}
