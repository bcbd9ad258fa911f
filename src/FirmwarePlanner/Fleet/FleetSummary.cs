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

/// <summary>
/// What a fleet scan adds up to, folded one machine at a time (<see cref="Add"/>) so that no report is kept: verdicts,
/// rule counts, and the <see cref="MaxShortfalls"/> largest per-node mirror shortfalls, in stable order. Its size
/// depends on the number of distinct rules and on that cap, never on the number of machines.
/// </summary>
public sealed class FleetSummary
{
    public const int SchemaVersion = 1;

    /// <summary>The largest shortfalls kept (ties broken by machine name, then node); <see cref="ShortfallNodes"/> counts them all.</summary>
    public const int MaxShortfalls = 1000;

    private readonly Dictionary<string, (int Machines, int Findings)> rules = new(StringComparer.Ordinal);
    private readonly SortedSet<NodeShortfall> shortfalls = new(Comparer<NodeShortfall>.Create(CompareShortfalls));

    public int Machines { get; private set; }

    public int Pass { get; private set; }

    public int Fail { get; private set; }

    public int Unusable { get; private set; }

    /// <summary>Every node below its proportional share, including those beyond <see cref="MaxShortfalls"/>.</summary>
    public int ShortfallNodes { get; private set; }

    /// <summary>Rules by the number of machines with findings (descending), then rule ID.</summary>
    public IReadOnlyList<RuleCount> Rules => rules.Select(r => new RuleCount(r.Key, r.Value.Machines, r.Value.Findings))
        .OrderByDescending(r => r.Machines).ThenBy(r => r.RuleId, StringComparer.Ordinal).ToArray();

    /// <summary>The largest shortfalls, largest first.</summary>
    public IReadOnlyList<NodeShortfall> Shortfalls => shortfalls.ToArray();

    /// <summary>
    /// The fleet's exit code: <see cref="ExitCodes.Findings"/> when any machine fails, else
    /// <see cref="ExitCodes.Unusable"/> when any machine could not be checked, else <see cref="ExitCodes.Ok"/>.
    /// </summary>
    public int ExitCode => Fail > 0 ? ExitCodes.Findings : Unusable > 0 ? ExitCodes.Unusable : ExitCodes.Ok;

    public static FleetSummary Of(IEnumerable<FleetEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var s = new FleetSummary();
        foreach (var e in entries)
        {
            s.Add(e);
        }

        return s;
    }

    /// <summary>Folds one machine's result in; the entry can be dropped afterwards.</summary>
    public void Add(FleetEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Machines++;
        switch (entry.Verdict)
        {
            case Verdict.Pass: Pass++; break;
            case Verdict.Fail: Fail++; break;
            default: Unusable++; break;
        }

        if (entry.Outcome is not { } outcome)
        {
            return;
        }

        foreach (var r in outcome.Rules)
        {
            var (machines, findings) = rules.GetValueOrDefault(r.RuleId);
            rules[r.RuleId] = (machines + 1, findings + r.Findings);
        }

        if (outcome is { Nodes: { } nodes, TotalRam: { } ram, TotalMirrored: { } mirrored } && mirrored > 0)
        {
            foreach (var s in NodeShortfalls(entry.Name, nodes, ram, mirrored))
            {
                ShortfallNodes++;
                shortfalls.Add(s);
                if (shortfalls.Count > MaxShortfalls)
                {
                    shortfalls.Remove(shortfalls.Max!);
                }
            }
        }
    }

    private static int CompareShortfalls(NodeShortfall? a, NodeShortfall? b)
    {
        var c = b!.ShortfallBytes.CompareTo(a!.ShortfallBytes);
        c = c != 0 ? c : string.CompareOrdinal(a.Machine, b.Machine);
        return c != 0 ? c : a.Node.CompareTo(b.Node);
    }

    private static IEnumerable<NodeShortfall> NodeShortfalls(string machine, IReadOnlyList<NodeMemory> nodes, ulong ram, ulong mirrored)
    {
        var share = (double)mirrored / Math.Max(1, ram);
        foreach (var n in nodes.Where(n => n.RamBytes > 0))
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
        return entry.Outcome?.FindingKeys ?? [];
    }

    public static string VerdictOf(FleetEntry entry) => CheckReport.VerdictName(entry.Verdict);

    public static int Count(FleetEntry entry, Severity severity) => entry.Outcome?.Count(severity) ?? 0;
}
