using FirmwarePlanner.Checks;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Pipeline;

namespace FirmwarePlanner.Fleet;

/// <summary>One machine of a fleet: its name and how to get its documents (called on a worker thread).</summary>
public sealed record FleetMachine(string Name, Func<(IReadOnlyList<InputDocument> Documents, string? Error)> Load);

/// <summary>The result for one machine: its report, or why its bundle could not be read.</summary>
public sealed record FleetEntry(string Name, CheckReport? Report, string? Error)
{
    public Verdict Verdict => Report?.Verdict ?? Verdict.Unusable;
}

/// <summary>
/// Checks many machines in parallel. Results come back in the order of the machine names (ordinal), whatever
/// the degree of parallelism, so output never depends on <c>--jobs</c>.
/// </summary>
public static class FleetScan
{
    public static IReadOnlyList<FleetEntry> Run(
        IReadOnlyList<FleetMachine> machines,
        int jobs,
        AnalysisOptions options,
        CheckConfig config,
        Severity failOn,
        Action<FleetEntry>? completed = null)
    {
        ArgumentNullException.ThrowIfNull(machines);
        var ordered = machines.OrderBy(m => m.Name, StringComparer.Ordinal).ToArray();
        var results = new FleetEntry[ordered.Length];
        Parallel.For(0, ordered.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) }, i =>
        {
            var m = ordered[i];
            var (docs, error) = m.Load();
            results[i] = error is not null
                ? new FleetEntry(m.Name, null, error)
                : new FleetEntry(m.Name, Checker.Check(m.Name, docs, options, config, failOn), null);
            completed?.Invoke(results[i]);
        });
        return results;
    }
}
