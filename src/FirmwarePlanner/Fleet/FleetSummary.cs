using FirmwarePlanner.Checks;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Fleet;

/// <summary>How many machines have findings of one rule, and how many findings in all (waived ones not counted).</summary>
public sealed record RuleCount(string RuleId, int Machines, int Findings);

/// <summary>
/// A node whose mirrored RAM is below its proportional share (the machine's mirrored fraction times the node's
/// RAM): <see cref="ShortfallBytes"/> is the difference. Nodes with no mirror at all on machines with mirror are
/// the largest shortfalls.
/// </summary>
public sealed record NodeShortfall(string Machine, int Node, ulong RamBytes, ulong MirroredBytes, ulong ShortfallBytes);

/// <summary>What a fleet scan adds up to: verdicts, rule counts, and per-node mirror shortfalls, in stable order.</summary>
public sealed record FleetSummary(
    IReadOnlyList<FleetEntry> Entries,
    int Pass,
    int Fail,
    int Unusable,
    IReadOnlyList<RuleCount> Rules,
    IReadOnlyList<NodeShortfall> Shortfalls)
{
    public const int SchemaVersion = 1;

    public static FleetSummary Build(IReadOnlyList<FleetEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var findings = entries.Where(e => e.Report is not null)
            .SelectMany(e => e.Report!.Findings.Where(f => !f.IsWaived).Select(f => (e.Name, f.RuleId)))
            .ToArray();
        var rules = findings.GroupBy(f => f.RuleId, StringComparer.Ordinal)
            .Select(g => new RuleCount(g.Key, g.Select(x => x.Name).Distinct().Count(), g.Count()))
            .OrderByDescending(r => r.Machines).ThenBy(r => r.RuleId, StringComparer.Ordinal)
            .ToArray();
        var shortfalls = entries.Where(e => e.Report?.Layout is { TotalMirrored: > 0 })
            .SelectMany(e => NodeShortfalls(e.Name, e.Report!.Layout!))
            .OrderByDescending(s => s.ShortfallBytes).ThenBy(s => s.Machine, StringComparer.Ordinal).ThenBy(s => s.Node)
            .ToArray();
        return new FleetSummary(entries,
            entries.Count(e => e.Verdict == Verdict.Pass), entries.Count(e => e.Verdict == Verdict.Fail),
            entries.Count(e => e.Verdict == Verdict.Unusable), rules, shortfalls);
    }

    private static IEnumerable<NodeShortfall> NodeShortfalls(string machine, MemoryLayout layout)
    {
        var share = (double)layout.TotalMirrored / Math.Max(1, layout.TotalRam);
        foreach (var n in layout.Nodes.Where(n => n.RamBytes > 0))
        {
            var want = (ulong)(share * n.RamBytes);
            if (want > n.MirroredBytes)
            {
                yield return new NodeShortfall(machine, n.Node, n.RamBytes, n.MirroredBytes, want - n.MirroredBytes);
            }
        }
    }

    /// <summary>The non-waived findings of a machine as stable keys (<c>FP7003 node 1</c>) for drift.</summary>
    public static IReadOnlyList<string> FindingKeys(FleetEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Report is null ? [] : entry.Report.Findings.Where(f => !f.IsWaived)
            .Select(f => f.RuleId + " " + f.Scope).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    public static string VerdictOf(FleetEntry entry) => CheckReport.VerdictName(entry.Verdict);

    public static int Count(FleetEntry entry, Severity severity) => entry.Report?.Count(severity) ?? 0;
}
