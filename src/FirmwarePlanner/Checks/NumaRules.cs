using FirmwarePlanner.Common;
namespace FirmwarePlanner.Checks;

/// <summary>Evaluators of the SRAT rules that make Linux drop NUMA (FP7021).</summary>
internal static class NumaRules
{
    public static IEnumerable<Finding> Coverage(RuleContext c)
    {
        if (!c.Map.NumaUsed)
        {
            yield break;
        }

        var uncovered = c.Map.Segments.Where(s => s.Node < 0 && MemoryLayout.IsRam(s.Kind)).ToArray();
        var bytes = uncovered.Aggregate(0UL, (a, s) => a + PageBytes(s.Range.Start, s.Range.End));
        if (bytes > c.Config.UncoveredRamThresholdBytes)
        {
            var first = uncovered[0];
            yield return RuleContext.Make(CheckRules.SratCoverage, "SRAT",
                $"{Sizes.Approx(bytes)} of {Sizes.Approx(c.Map.TotalRam + bytes)} RAM is in no SRAT memory range (first {first.Range}, {RuleContext.Mem(first.Descriptor.Index)}); Linux rejects the NUMA configuration.",
                first.Descriptor.Location);
        }
    }

    /// <summary>Whole pages inside [start, end), as the kernel counts pfn ranges.</summary>
    private static ulong PageBytes(ulong start, ulong end)
    {
        var s = (start + 0xfff) & ~0xfffUL;
        var e = end & ~0xfffUL;
        return e > s ? e - s : 0;
    }
}
