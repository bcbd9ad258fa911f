using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Verification;

namespace FirmwarePlanner.Fleet;

/// <summary>One group across the fleet: how many machines had it identical, different, not comparable, and which differed.</summary>
public sealed record FleetGroupSummary(VerifyGroup Group, int Identical, int Different, int NotComparable, IReadOnlyList<string> DifferentOn);

/// <summary>
/// <c>fwplan fleet --verify</c>: every machine's boot held against its prediction (in name order, whatever the
/// number of jobs), and per group the machines where the model was wrong, so a fleet owner knows which few bundles to
/// send. A machine that cannot be loaded or verified is unusable.
/// </summary>
public sealed record FleetVerification(IReadOnlyList<BootVerification> Machines, IReadOnlyList<FleetGroupSummary> Groups)
{
    public int Different => Machines.Count(m => m.ExitCode == ExitCodes.Findings);

    public int Unusable => Machines.Count(m => m.ExitCode == ExitCodes.Unusable);

    public int Identical => Machines.Count - Different - Unusable;

    /// <summary>1 when a machine differs, else 2 when one is unusable, else 0 (as <c>fleet</c> check).</summary>
    public int ExitCode => Different > 0 ? ExitCodes.Findings : Unusable > 0 ? ExitCodes.Unusable : ExitCodes.Ok;

    public static FleetVerification Run(IReadOnlyList<FleetMachine> machines, int jobs, AnalysisOptions options, Action<BootVerification>? completed = null)
    {
        ArgumentNullException.ThrowIfNull(machines);
        ArgumentNullException.ThrowIfNull(options);
        // Name order, as indexes: a compact machine list makes each machine when it is asked for, and the scan holds
        // only the ones in flight.
        var ordered = new FleetOrder(machines);
        var results = new BootVerification[ordered.Length];
        Parallel.For(0, ordered.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) }, i =>
        {
            var (documents, error) = ordered[i].Load();
            results[i] = error is not null
                ? new BootVerification(ordered[i].Name, "unknown", [], [], [], error)
                : BootVerifier.Verify(ordered[i].Name, documents, options);
        });

        foreach (var r in results)
        {
            completed?.Invoke(r);
        }

        var groups = VerifyGroups.All.Select(g =>
        {
            var verdicts = results.SelectMany(m => m.Groups.Where(v => v.Group == g).Select(v => (m.Machine, v.Status))).ToArray();
            return new FleetGroupSummary(g, verdicts.Count(v => v.Status == VerifyStatus.Identical), verdicts.Count(v => v.Status == VerifyStatus.Different),
                verdicts.Count(v => v.Status == VerifyStatus.NotComparable), verdicts.Where(v => v.Status == VerifyStatus.Different).Select(v => v.Machine).ToArray());
        }).ToArray();
        return new FleetVerification(results, groups);
    }
}
