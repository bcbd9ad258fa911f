using FirmwarePlanner.Text;
using System.Globalization;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Planning;

/// <summary>How mirrored memory is used (docs/plan.md gives the exact semantics of each).</summary>
public enum PlanPolicy
{
    /// <summary>What Linux does: mirror-first memblock only with kernelcore=mirror, then kernel zones = mirror + below 4 GiB.</summary>
    Linux,

    /// <summary>Early allocations ignore mirror; mirror is used only once the page allocator runs.</summary>
    BuddyOnly,

    /// <summary>Early allocations mirror-first; what is left of mirror is a reserve for unmovable kernel allocations, not free memory.</summary>
    UnmovableReserve,

    /// <summary>Three priority groups fill each node's mirror in order: kernel, declared critical user memory, the rest.</summary>
    Tiered,
}

/// <summary>Names of the policies as the CLI and the outputs spell them.</summary>
public static class PlanPolicies
{
    public static IReadOnlyList<PlanPolicy> All { get; } = [PlanPolicy.Linux, PlanPolicy.BuddyOnly, PlanPolicy.UnmovableReserve, PlanPolicy.Tiered];

    public static string Name(this PlanPolicy policy) => policy switch
    {
        PlanPolicy.Linux => "linux",
        PlanPolicy.BuddyOnly => "buddy-only",
        PlanPolicy.UnmovableReserve => "unmovable-reserve",
        _ => "tiered",
    };

    public static bool TryParse(string? text, out IReadOnlyList<PlanPolicy> policies)
    {
        policies = text == "all" ? All : All.Where(p => p.Name() == text).ToArray();
        return policies.Count > 0;
    }
}

/// <summary>High-priority user memory declared for a node: <c>--critical db=64G@0</c>.</summary>
public sealed record CriticalWorkload(string Name, ulong Size, int Node)
{
    public static CriticalWorkload? Parse(string text, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var at = text.LastIndexOf('@');
        if (eq > 0 && at > eq + 1
            && KernelParse.TryMemparseWhole(text.AsSpan(eq + 1, at - eq - 1), out var size) && size > 0
            && int.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var node) && node < 1024)
        {
            return new CriticalWorkload(text[..eq], size, node);
        }

        diagnostics.Add(PlanningDiagnostics.BadCritical.At(SourceLocation.Whole("--critical"), $"\"{text}\": write NAME=SIZE@NODE, e.g. db=64G@0"));
        return null;
    }
}
