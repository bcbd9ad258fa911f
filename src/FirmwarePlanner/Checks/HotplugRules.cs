using FirmwarePlanner.Common;
using FirmwarePlanner.Efi;

namespace FirmwarePlanner.Checks;

/// <summary>Evaluators of the hot-plug and command-line interaction rules (FP7009–FP7012).</summary>
internal static class HotplugRules
{
    public static IEnumerable<Finding> KernelOnHotpluggable(RuleContext c)
    {
        var hits = c.Map.Segments
            .Where(s => s.Hotpluggable && s.Descriptor.Type is EfiMemoryType.LoaderCode or EfiMemoryType.LoaderData)
            .GroupBy(s => s.Node)
            .OrderBy(g => g.Key);
        foreach (var g in hits)
        {
            var bytes = g.Aggregate(0UL, (a, s) => a + s.Range.Size);
            var first = g.First();
            yield return RuleContext.Make(CheckRules.KernelOnHotpluggable, RuleContext.NodeScope(g.Key),
                $"{Sizes.Approx(bytes)} of loader code/data (first {RuleContext.Mem(first.Descriptor.Index)} {first.Range}) lies in hot-pluggable memory of {RuleContext.NodeScope(g.Key)}; that memory can never be removed.",
                first.Descriptor.Location);
        }
    }

    public static IEnumerable<Finding> EarlyOnHotpluggable(RuleContext c)
    {
        if (c.Cmdline.MovableNode)
        {
            yield break;
        }

        foreach (var n in c.Map.Nodes.Where(n => n.HotpluggableBytes > 0))
        {
            yield return RuleContext.Make(CheckRules.EarlyAllocationsOnHotpluggable, RuleContext.NodeScope(n.Node),
                $"node {n.Node} has {Sizes.Approx(n.HotpluggableBytes)} of hot-pluggable RAM and movable_node is not given: early allocations may pin it.");
        }
    }

    public static IEnumerable<Finding> MovableNodeOverridesMirror(RuleContext c)
    {
        if (c.Cmdline.MovableNode && c.Cmdline.KernelcoreMirror)
        {
            yield return RuleContext.Make(CheckRules.MovableNodeOverridesMirror, "cmdline",
                "movable_node and kernelcore=mirror are both given; Linux uses the hot-pluggable ranges for ZONE_MOVABLE and ignores kernelcore=mirror without a message.");
        }
    }

    public static IEnumerable<Finding> CrashkernelWithMirror(RuleContext c)
    {
        if (c.Cmdline.CrashKernel is not { } crash || !c.HasMirror)
        {
            yield break;
        }

        var size = c.Cmdline.CrashKernelBytes is { } b ? $" ({Sizes.Approx(b)})" : string.Empty;
        var fits = c.Cmdline.CrashKernelBytes is { } need && need > c.Map.TotalMirrored
            ? $" It is larger than all mirrored RAM ({Sizes.Approx(c.Map.TotalMirrored)})."
            : string.Empty;
        yield return RuleContext.Make(CheckRules.CrashkernelWithMirror, "cmdline",
            $"crashkernel={crash}{size} is reserved early and takes mirrored memory first; the kdump kernel ignores kernelcore=mirror.{fits}");
    }
}
