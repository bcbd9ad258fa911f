using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Checks;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Fleet;

/// <summary>One machine of a fleet: its name and how to get its documents (called on a worker thread).</summary>
public sealed record FleetMachine(string Name, Func<(IReadOnlyList<InputDocument> Documents, string? Error)> Load);

/// <summary>The result for one machine: what the fleet keeps of its check, or why its bundle could not be read.</summary>
public sealed record FleetEntry(string Name, FleetOutcome? Outcome, string? Error)
{
    public Verdict Verdict => Outcome?.Verdict ?? Verdict.Unusable;

    /// <summary>The entry of a machine checked into <paramref name="report"/>.</summary>
    public static FleetEntry Checked(string name, CheckReport report) => new(name, FleetOutcome.Of(report), null);

    /// <summary>The entry of a machine whose bundle could not be read.</summary>
    public static FleetEntry Refused(string name, string error) => new(name, null, error);
}

/// <summary>
/// Checks many machines in parallel and hands each result to the caller in the order of the machine names
/// (ordinal) as soon as it and every machine before it are done, whatever the degree of parallelism, so output never
/// depends on <c>--jobs</c>. Nothing is kept once handed over: at most <see cref="Window"/> results wait for a slower
/// machine before them, so memory does not grow with the size of the fleet.
/// </summary>
public static class FleetScan
{
    /// <summary>Results (finished or running) that may be ahead of the next one to hand over, per worker.</summary>
    public const int WindowPerJob = 8;

    /// <summary>How many machines may be in flight or waiting ahead of the next one to hand over.</summary>
    public static int Window(int jobs) => Math.Max(1, jobs) * WindowPerJob;

    /// <summary>
    /// Runs the check of every machine on <paramref name="jobs"/> worker threads; <paramref name="completed"/> is called
    /// on the calling thread, once per machine, in name order. An exception of a worker is rethrown here.
    /// </summary>
    public static void Run(
        IReadOnlyList<FleetMachine> machines,
        int jobs,
        AnalysisOptions options,
        CheckConfig config,
        Severity failOn,
        Action<FleetEntry> completed)
    {
        ArgumentNullException.ThrowIfNull(machines);
        ArgumentNullException.ThrowIfNull(completed);
        // Name order, as indexes: a compact machine list makes each machine when it is asked for, and the scan holds
        // only the ones in flight.
        var ordered = new FleetOrder(machines);
        var window = Window(jobs);
        var ring = new FleetEntry?[window];
        var gate = new object();
        var nextToStart = 0;
        var handedOver = 0;
        Exception? failure = null;

        void Work()
        {
            while (true)
            {
                int i;
                lock (gate)
                {
                    while (failure is null && nextToStart < ordered.Length && nextToStart >= handedOver + window)
                    {
                        Monitor.Wait(gate);
                    }

                    if (failure is not null || nextToStart >= ordered.Length)
                    {
                        return;
                    }

                    i = nextToStart++;
                }

                FleetEntry entry;
                try
                {
                    entry = Check(ordered[i], options, config, failOn);
                }
                catch (Exception ex)
                {
                    lock (gate)
                    {
                        failure ??= ex;
                        Monitor.PulseAll(gate);
                    }

                    return;
                }

                lock (gate)
                {
                    ring[i % window] = entry;
                    Monitor.PulseAll(gate);
                }
            }
        }

        var workers = Enumerable.Range(0, Math.Clamp(jobs, 1, Math.Max(1, ordered.Length)))
            .Select(_ => new Thread(Work) { IsBackground = true, Name = "fwplan fleet worker" })
            .ToArray();
        foreach (var w in workers)
        {
            w.Start();
        }

        try
        {
            for (var next = 0; next < ordered.Length; next++)
            {
                FleetEntry entry;
                lock (gate)
                {
                    while (failure is null && ring[next % window] is null)
                    {
                        Monitor.Wait(gate);
                    }

                    if (failure is not null)
                    {
                        break;
                    }

                    entry = ring[next % window]!;
                    ring[next % window] = null;
                    handedOver = next + 1;
                    Monitor.PulseAll(gate);
                }

                completed(entry);
            }
        }
        catch (Exception ex)
        {
            lock (gate)
            {
                failure ??= ex;
                Monitor.PulseAll(gate);
            }
        }
        finally
        {
            foreach (var w in workers)
            {
                w.Join();
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    private static FleetEntry Check(FleetMachine m, AnalysisOptions options, CheckConfig config, Severity failOn)
    {
        var (docs, error) = m.Load();
        return error is not null
            ? FleetEntry.Refused(m.Name, error)
            : FleetEntry.Checked(m.Name, Checker.Check(m.Name, docs, options, config, failOn));
    }
}
