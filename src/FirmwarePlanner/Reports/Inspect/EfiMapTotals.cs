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
        return map.Descriptors.GroupBy(d => d.Type).OrderBy(g => (uint)g.Key)
            .Select(g => new Total(EfiMemoryTypes.DisplayName(g.Key), g.Count(), Sum(g))).ToArray();
    }

    public static IReadOnlyList<Total> ByAttribute(EfiMemoryMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var list = new List<Total>();
        foreach (var column in EfiAttributeColumns.All)
        {
            var with = map.Descriptors.Where(d => (d.Attribute & column.Bit) != 0).ToArray();
            if (with.Length > 0)
            {
                list.Add(new Total(column.Token, with.Length, Sum(with)));
            }
        }

        var unknown = map.Descriptors.Where(d => ((ulong)d.Attribute & ~(ulong)EfiMemoryAttributes.LinuxKnown) != 0).ToArray();
        if (unknown.Length > 0)
        {
            list.Add(new Total("other bits", unknown.Length, Sum(unknown)));
        }

        return list;
    }

    public static UInt128 Sum(IEnumerable<EfiMemoryDescriptor> descriptors) =>
        descriptors.Aggregate(UInt128.Zero, (sum, d) => sum + ((UInt128)d.NumberOfPages << EfiMemoryDescriptor.PageShift));
}
