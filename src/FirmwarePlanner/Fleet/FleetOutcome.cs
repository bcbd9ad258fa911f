using FirmwarePlanner.Checks;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Fleet;

/// <summary>The non-waived findings of one rule on one machine.</summary>
public readonly record struct RuleFindings(string RuleId, int Findings);

/// <summary>
/// What a fleet keeps of one machine's check until its row is written and it is folded into the summary: the verdict,
/// the finding counts and keys, the findings per rule and the memory of each node. Not the <see cref="CheckReport"/>,
/// which holds the machine's whole analysis (45 KiB a machine on the compare fleet): a scan holds up to a window of
/// these at a time, and what they hold lives long enough to reach the GC's older generations.
/// </summary>
public sealed record FleetOutcome(
    Verdict Verdict,
    bool Usable,
    int Errors,
    int Warnings,
    int Notes,
    int Waived,
    IReadOnlyList<string> FindingKeys,
    IReadOnlyList<RuleFindings> Rules,
    IReadOnlyList<NodeMemory>? Nodes,
    ulong? TotalRam,
    ulong? TotalMirrored)
{
    /// <summary>The outcome of <paramref name="report"/>.</summary>
    public static FleetOutcome Of(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var kept = report.Findings.Where(f => !f.IsWaived).ToArray();
        return new FleetOutcome(
            report.Verdict,
            report.Usable,
            report.Count(Severity.Error),
            report.Count(Severity.Warning),
            report.Count(Severity.Note),
            report.Waived,
            kept.Select(f => f.RuleId + " " + f.Scope).Distinct().Order(StringComparer.Ordinal).ToArray(),
            kept.GroupBy(f => f.RuleId, StringComparer.Ordinal).Select(g => new RuleFindings(g.Key, g.Count())).ToArray(),
            report.Layout?.Nodes,
            report.Layout?.TotalRam,
            report.Layout?.TotalMirrored);
    }

    /// <summary>The non-waived findings of <paramref name="severity"/>.</summary>
    public int Count(Severity severity) => severity switch
    {
        Severity.Error => Errors,
        Severity.Warning => Warnings,
        Severity.Note => Notes,
        _ => 0,
    };
}
