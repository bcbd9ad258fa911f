using System.Diagnostics;
using FirmwarePlanner.Tests.Support;
using FirmwarePlanner.Tools.Fuzz;
using Xunit.Abstractions;

namespace FirmwarePlanner.Tests.Robustness;

/// <summary>
/// Replays the saved fuzz corpus (<c>tools/fuzz/corpus/HARNESS/</c>, what AFL++ kept as new coverage) and the fuzz
/// reproducers of <c>fixtures/hostile/</c> through the same harnesses in process: no reader may throw and no verb may
/// end with exit 3. Time-boxed per harness (files in name order until the box is spent), each input bounded too.
/// </summary>
public class FuzzCorpusReplayTests(ITestOutputHelper output)
{
    // Per harness; FWPLAN_FUZZ_REPLAY_SECONDS sets it (0: no box, the whole corpus: tools/fuzz/replay.sh).
    private static readonly TimeSpan Box = Environment.GetEnvironmentVariable("FWPLAN_FUZZ_REPLAY_SECONDS") is { } set
        && int.TryParse(set, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? (seconds == 0 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds))
            : TimeSpan.FromSeconds(10);
    // A hang is what the campaigns call one: AFL's exec timeout (campaign.sh -t 10000). The JIT build under a loaded
    // test run can take several seconds on the slowest saved input (fuzz-plan-5258571b: 1.5 s on a quiet machine).
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(10);

    private static string CorpusDir(string harness) => Path.Combine(Fixtures.RepoRoot, "tools", "fuzz", "corpus", harness);

    public static TheoryData<string> Names() => new(Harnesses.All.Select(h => h.Name));

    private static IEnumerable<string> Inputs(string harness)
    {
        var saved = Directory.Exists(CorpusDir(harness)) ? Directory.GetFiles(CorpusDir(harness)) : [];
        var found = Directory.GetFiles(Fixtures.PathOf("hostile"), $"fuzz-{harness}-*");
        return found.Order(StringComparer.Ordinal).Concat(saved.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task SavedCorpusHoldsTheContract(string name)
    {
        var harness = Harnesses.Find(name)!;
        var inputs = Inputs(name).ToArray();
        Assert.NotEmpty(inputs);
        var box = Stopwatch.StartNew();
        var failures = new List<string>();
        var replayed = 0;
        foreach (var file in inputs)
        {
            if (box.Elapsed > Box && replayed > 0)
            {
                break;
            }

            var bytes = File.ReadAllBytes(file);
            try
            {
                await Task.Run(() => harness.Run(bytes)).WaitAsync(PerInput);
            }
            catch (TimeoutException)
            {
                failures.Add($"{Path.GetFileName(file)}: still running after {PerInput.TotalSeconds} s");
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures.Add($"{Path.GetFileName(file)}: {ex}");
            }

            replayed++;
        }

        output.WriteLine($"{name}: replayed {replayed} of {inputs.Length} inputs in {box.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(3)));
        Assert.True(replayed > 0);
    }
}
