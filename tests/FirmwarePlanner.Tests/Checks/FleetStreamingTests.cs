using FirmwarePlanner.Pipeline;
using System.Text.Json;
using FirmwarePlanner.Checks;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Fleet;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Checks;

public class FleetStreamingTests
{
    private static readonly FleetScanOptions Scan = new(3, AnalysisOptions.Default, CheckConfig.Default, Severity.Warning);

    [Fact]
    public void Rows_are_handed_over_in_name_order_and_never_more_than_a_window_ahead()
    {
        const int count = 500;
        var started = 0;
        var aheadAtHandOver = new List<int>();
        // Names given in reverse order; each "machine" is an unreadable bundle (the cheapest result there is).
        var machines = Enumerable.Range(0, count).Reverse()
            .Select(i => new FleetMachine($"m{i:D4}", () =>
            {
                Interlocked.Increment(ref started);
                return ([], $"m{i:D4}: refused: test");
            }))
            .ToList();
        var seen = new List<string>();

        FleetScan.Run(machines, Scan.Jobs, Scan.Machine, Scan.Config, Scan.FailOn, e =>
        {
            aheadAtHandOver.Add(Volatile.Read(ref started) - seen.Count);
            seen.Add(e.Name);
        });

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"m{i:D4}"), seen);
        Assert.Equal(count, started);
        // While machine k is handed over, machines up to k + window may already be loading (k itself is done).
        Assert.All(aheadAtHandOver, a => Assert.InRange(a, 1, FleetScan.Window(Scan.Jobs) + 1));
    }

    [Fact]
    public void A_worker_exception_reaches_the_caller()
    {
        var machines = Enumerable.Range(0, 50)
            .Select(i => new FleetMachine($"m{i:D2}", () => i == 17 ? throw new InvalidOperationException("boom 17") : ([], "x")))
            .ToList();
        var ex = Assert.Throws<InvalidOperationException>(() => FleetScan.Run(machines, 2, Scan.Machine, Scan.Config, Scan.FailOn, _ => { }));
        Assert.Equal("boom 17", ex.Message);
    }

    [Fact]
    public void The_streamed_json_of_the_real_captures_carries_every_machine_and_the_summary_after_the_rows()
    {
        var qemu = Fixtures.PathOf("qemu");
        var dirs = Directory.GetDirectories(qemu).Order(StringComparer.Ordinal).ToArray();
        var machines = dirs.Select(d => new FleetMachine(Path.GetFileName(d), () => Load(d))).ToList();
        using var sw = new StringWriter { NewLine = "\n" };

        var summary = FleetReport.Write(sw, FleetFormat.Json, machines, Scan);

        var json = sw.ToString();
        using var doc = JsonDocument.Parse(json);
        var names = doc.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("machine").GetString()).ToArray();
        Assert.Equal(dirs.Select(Path.GetFileName), names);
        Assert.True(json.IndexOf("\"results\"", StringComparison.Ordinal) < json.IndexOf("\"verdicts\"", StringComparison.Ordinal));
        Assert.Equal(dirs.Length, summary.Machines);
        Assert.Equal(ExitCodes.Findings, summary.ExitCode);
        Assert.Equal(summary.Fail, doc.RootElement.GetProperty("verdicts").GetProperty("fail").GetInt32());
        Assert.Contains(summary.Shortfalls, s => s.Machine == CheckFixtures.D2 && s.Node == 1);
    }

    [Fact]
    public void Exit_policy_fail_beats_unusable_beats_ok()
    {
        var pass = CheckFixtures.Report(CheckFixtures.A);
        var fail = CheckFixtures.Report(CheckFixtures.D2);
        Assert.Equal(ExitCodes.Ok, FleetSummary.Of([FleetEntry.Checked("a", pass)]).ExitCode);
        Assert.Equal(ExitCodes.Unusable, FleetSummary.Of([FleetEntry.Checked("a", pass), new FleetEntry("b", null, "refused")]).ExitCode);
        Assert.Equal(ExitCodes.Findings, FleetSummary.Of([new FleetEntry("b", null, "refused"), FleetEntry.Checked("d", fail)]).ExitCode);
    }

    private static (IReadOnlyList<InputDocument>, string?) Load(string dir) =>
        FirmwarePlanner.Inputs.DocumentLoader.TryLoadFiles([dir], out var docs, out var error) ? (docs, null) : ([], error);
}
