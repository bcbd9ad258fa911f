using System.Diagnostics;
using System.Globalization;
using FirmwarePlanner.Tests.Robustness;

namespace FirmwarePlanner.Tools.FuzzSweep;

/// <summary>
/// The full robustness sweep of every input reader (see <see cref="MutationHarness"/>): every fixture some reader
/// accepts is cut at every byte (files up to 64 KiB) or at every line start plus 4,000 seeded cut points (larger
/// texts), and every binary gets 10,000 seeded bit-flip variants. Usage: <c>dotnet run --project tools/FuzzSweep --
/// [fixtures-dir] [--flips N] [--only SUBSTRING]</c>. Exit 0 when every case holds the contract, 1 otherwise.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var dir = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "fixtures";
        var flips = Option(args, "--flips", 10_000);
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        var limit = TimeSpan.FromSeconds(10);
        var failures = 0;
        long cases = 0;
        var total = Stopwatch.StartNew();
        foreach (var subject in MutationHarness.Corpus(dir))
        {
            if (only is not null && !subject.Document.Name.Contains(only, StringComparison.Ordinal))
            {
                continue;
            }

            var watch = Stopwatch.StartNew();
            var content = subject.Document.Content;
            var cuts = MutationHarness.CutPoints(content, everyByteLimit: 65536, boundaries: int.MaxValue, random: 4000, seed: 1);
            var variants = cuts.Select(c => (content[..c], $"cut at {c}"));
            if (subject.Binary)
            {
                variants = variants.Concat(MutationHarness.BitFlips(content, flips, seed: 7).Select((b, i) => ((ReadOnlyMemory<byte>)b, $"flip variant {i}")));
            }

            var n = 0;
            foreach (var (bytes, what) in variants)
            {
                n++;
                if (MutationHarness.Check(subject, bytes, what, limit) is { } failure)
                {
                    failures++;
                    Console.WriteLine("FAIL " + failure);
                }
            }

            cases += n;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{subject.Document.Name}: {n} cases, {watch.Elapsed.TotalSeconds:F1} s"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases} cases, {failures} failures, {total.Elapsed.TotalSeconds:F0} s"));
        return failures == 0 ? 0 : 1;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
