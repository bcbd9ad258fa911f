using FirmwarePlanner.Common;
using System.Globalization;

namespace FirmwarePlanner.Checks;

/// <summary>Evaluators of the rules about how much mirror there is and where (FP7001–FP7006).</summary>
internal static class MirrorRules
{
    public static IEnumerable<Finding> KernelcoreWithoutMirror(RuleContext c)
    {
        if (c.KernelcoreMirror && !c.HasMirror)
        {
            yield return RuleContext.Make(CheckRules.KernelcoreMirrorWithoutMirror, "machine",
                $"kernelcore=mirror is on the command line but none of the {Sizes.Approx(c.Map.TotalRam)} of RAM is mirrored (EFI_MEMORY_MORE_RELIABLE); Linux ignores the option.");
        }
    }

    public static IEnumerable<Finding> NodeWithoutMirror(RuleContext c, bool underKernelcore)
    {
        if (!c.HasMirror || c.KernelcoreMirror != underKernelcore || !c.Map.NumaUsed)
        {
            yield break;
        }

        var rule = underKernelcore ? CheckRules.NodeWithoutMirrorUnderKernelcore : CheckRules.NodeWithoutMirror;
        foreach (var n in c.Map.Nodes.Where(n => n.RamBytes > 0 && n.MirroredBytes == 0))
        {
            var memmap = n.RamBytes / 64;
            var tail = underKernelcore
                ? n.RamBelow4GBytes == 0
                    ? " Under kernelcore=mirror all of it becomes ZONE_MOVABLE: the node has no kernel zone."
                    : $" Under kernelcore=mirror its RAM above 4 GiB becomes ZONE_MOVABLE; only {Sizes.Approx(n.RamBelow4GBytes)} below 4 GiB stays in kernel zones."
                : string.Empty;
            yield return RuleContext.Make(rule, RuleContext.NodeScope(n.Node),
                $"node {n.Node} has {Sizes.Approx(n.RamBytes)} of RAM and no mirrored memory; its node-local early allocations (struct pages alone about {Sizes.Approx(memmap)}) cannot be mirrored.{tail}");
        }
    }

    public static IEnumerable<Finding> UnmirroredBelow4G(RuleContext c)
    {
        if (!c.KernelcoreMirror || !c.HasMirror)
        {
            yield break;
        }

        var low = c.Map.Segments.Where(s => s.Kind == SegmentKind.Ram && s.Range.Start < MemoryLayout.FourGiB).ToArray();
        if (low.Length == 0)
        {
            yield break;
        }

        var bytes = low.Aggregate(0UL, (a, s) => a + (Math.Min(s.Range.End, MemoryLayout.FourGiB) - s.Range.Start));
        var first = low[0];
        yield return RuleContext.Make(CheckRules.UnmirroredBelow4G, "machine",
            $"{Sizes.Approx(bytes)} of RAM below 4 GiB is not mirrored (first at {first.Range}, {RuleContext.Mem(first.Descriptor.Index)}); it stays in the kernel zones under kernelcore=mirror.",
            first.Descriptor.Location);
    }

    public static IEnumerable<Finding> NotProportional(RuleContext c)
    {
        if (!c.HasMirror || !c.Map.NumaUsed)
        {
            yield break;
        }

        var nodes = c.Map.Nodes.Where(n => n.RamBytes > 0).ToArray();
        if (nodes.Length < 2)
        {
            yield break;
        }

        var share = (double)c.Map.TotalMirrored / c.Map.TotalRam;
        var tol = c.Config.MirrorProportionTolerance;
        foreach (var n in nodes.Where(n => n.MirroredBytes > 0))
        {
            var ratio = (double)n.MirroredBytes / n.RamBytes;
            if (ratio < share * (1 - tol) || ratio > share * (1 + tol))
            {
                var expected = (ulong)(share * n.RamBytes);
                yield return RuleContext.Make(CheckRules.MirrorNotProportional, RuleContext.NodeScope(n.Node), string.Create(CultureInfo.InvariantCulture,
                    $"node {n.Node} has {Sizes.Approx(n.MirroredBytes)} mirrored of {Sizes.Approx(n.RamBytes)} ({Sizes.Percent(n.MirroredBytes, n.RamBytes)}); the machine mirrors {Sizes.Percent(c.Map.TotalMirrored, c.Map.TotalRam)}, so about {Sizes.Approx(expected)} would be proportional."));
            }
        }
    }
}
