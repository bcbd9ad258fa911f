namespace FirmwarePlanner.Checks;

/// <summary>Evaluators of the SRAT rules that make Linux drop NUMA (FP7020–FP7022).</summary>
internal static class NumaRules
{
    public static IEnumerable<Finding> Overlap(RuleContext c)
    {
        var blocks = c.Subject.Numa!.MemoryBlocks.OrderBy(b => b.Range).ToArray();
        for (var i = 0; i < blocks.Length; i++)
        {
            for (var j = i + 1; j < blocks.Length && blocks[j].Range.Start < blocks[i].Range.End; j++)
            {
                if (blocks[i].Node != blocks[j].Node && blocks[i].Range.Overlaps(blocks[j].Range))
                {
                    yield return RuleContext.Make(CheckRules.SratOverlap, "SRAT",
                        $"node {blocks[i].Node} {blocks[i].Range} overlaps with node {blocks[j].Node} {blocks[j].Range}; Linux drops NUMA and fakes one node.");
                }
            }
        }
    }

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
                $"{ByteText.Approx(bytes)} of {ByteText.Approx(c.Map.TotalRam + bytes)} RAM is in no SRAT memory range (first {first.Range}, {RuleContext.Mem(first.Descriptor.Index)}); Linux rejects the NUMA configuration.",
                first.Descriptor.Location);
        }
    }

    public static IEnumerable<Finding> NotUsed(RuleContext c)
    {
        var numa = c.Subject.Numa!;
        if (!numa.Usable)
        {
            yield return RuleContext.Make(CheckRules.SratNotUsed, "SRAT", "Linux will not use this SRAT (see the SRAT diagnostics); the machine boots with one fake node.");
        }
        else if (numa.MemoryBlocks.Count == 0)
        {
            yield return RuleContext.Make(CheckRules.SratNotUsed, "SRAT", "the SRAT has no enabled memory range; Linux finds no NUMA configuration and fakes one node.");
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
