namespace FirmwarePlanner.Fleet;

/// <summary>
/// Drift against a baseline, observed one machine at a time as a fleet scan hands results over: what it keeps is
/// the baseline machines not seen yet and the changes found, never the current reports.
/// </summary>
public sealed class FleetDriftTracker
{
    private readonly Dictionary<string, BaselineMachine> unseen;
    private readonly List<string> added = [];
    private readonly List<MachineDrift> changed = [];

    public FleetDriftTracker(IReadOnlyDictionary<string, BaselineMachine> baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        unseen = new Dictionary<string, BaselineMachine>(baseline, StringComparer.Ordinal);
    }

    /// <summary>Compares one machine of this scan with its baseline record.</summary>
    public void Observe(FleetEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!unseen.Remove(entry.Name, out var before))
        {
            added.Add(entry.Name);
            return;
        }

        var keys = FleetSummary.FindingKeys(entry);
        var isNew = keys.Except(before.Findings, StringComparer.Ordinal).ToArray();
        var resolved = before.Findings.Except(keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var after = FleetSummary.VerdictOf(entry);
        if (isNew.Length > 0 || resolved.Length > 0 || before.Verdict != after)
        {
            changed.Add(new MachineDrift(entry.Name, before.Verdict, after, isNew, resolved));
        }
    }

    /// <summary>The drift so far; baseline machines not observed are removed ones. All lists in name order.</summary>
    public FleetDrift Result() => new(
        added.Order(StringComparer.Ordinal).ToArray(),
        unseen.Keys.Order(StringComparer.Ordinal).ToArray(),
        changed.OrderBy(c => c.Machine, StringComparer.Ordinal).ToArray());
}
