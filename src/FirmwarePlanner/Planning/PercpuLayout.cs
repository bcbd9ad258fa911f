using FirmwarePlanner.Common;

namespace FirmwarePlanner.Planning;

/// <summary>
/// <c>pcpu_build_alloc_info()</c> for the embedded first chunk with the profile's atom (2 MiB on x86-64, a page on arm64): the unit size and units per
/// allocation (upa) chosen so that at most a third of the units are wasted, and each node group's block size.
/// </summary>
public sealed record PercpuLayout(ulong SizeSum, ulong StaticSize, ulong ReservedSize, ulong DynamicSize, ulong UnitSize, int UnitsPerAlloc)
{
    private const ulong MinUnitSize = 32 * Sizes.KiB;
    private const ulong EarlyDynamic = 20 * Sizes.KiB;

    public static PercpuLayout Compute(PlanningProfile profile, IReadOnlyList<int> cpusPerGroup)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(cpusPerGroup);
        var sizeSum = AlignUp(profile.PercpuStaticSize + profile.PercpuReservedSize + Math.Max(profile.PercpuDynamicSize, EarlyDynamic), Sizes.PageSize);
        var dyn = sizeSum - profile.PercpuStaticSize - profile.PercpuReservedSize;
        var minUnit = Math.Max(sizeSum, MinUnitSize);
        var allocSize = AlignUp(minUnit, profile.PercpuAtomSize);
        var upa = (int)(allocSize / minUnit);
        while (allocSize % (ulong)upa != 0 || (allocSize / (ulong)upa) % Sizes.PageSize != 0)
        {
            upa--;
        }

        var possible = cpusPerGroup.Sum();
        var lastAllocs = int.MaxValue;
        var best = 1;
        for (var u = upa; u >= 1; u--)
        {
            if (allocSize % (ulong)u != 0 || (allocSize / (ulong)u) % Sizes.PageSize != 0)
            {
                continue;
            }

            int allocs = 0, wasted = 0;
            foreach (var cnt in cpusPerGroup)
            {
                var these = (cnt + u - 1) / u;
                allocs += these;
                wasted += (these * u) - cnt;
            }

            if (wasted > possible / 3)
            {
                continue;
            }

            if (allocs > lastAllocs)
            {
                break;
            }

            lastAllocs = allocs;
            best = u;
        }

        return new PercpuLayout(sizeSum, profile.PercpuStaticSize, profile.PercpuReservedSize, dyn, allocSize / (ulong)best, best);
    }

    /// <summary>Units of a group: its CPUs rounded up to whole allocations.</summary>
    public int UnitsFor(int cpus) => (cpus + UnitsPerAlloc - 1) / UnitsPerAlloc * UnitsPerAlloc;

    /// <summary><c>percpu: Embedded %zu pages/cpu s%zu r%zu d%zu u%zu</c>.</summary>
    public string EmbeddedLine => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"percpu: Embedded {SizeSum >> Sizes.PageShift} pages/cpu s{StaticSize} r{ReservedSize} d{DynamicSize} u{UnitSize}");

    private static ulong AlignUp(ulong x, ulong a) => (x + a - 1) / a * a;
}
