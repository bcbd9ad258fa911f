using FirmwarePlanner.Memblock;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock.Scripting;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Memblock;

/// <summary>
/// The differential corpus (<c>fixtures/memblock/generated</c>, made by <c>tools/memblock-diff corpus</c>): random
/// scripts of the oracle's gen.py with what the kernel's own mm/memblock.c printed for each, 7.2.13 and (scripts
/// without 7.x-only operations) 6.12.117. Every one must come out byte-identical. Run in-process and in parallel,
/// inside a time box so that CI stays within its budget.
/// </summary>
public class MemblockGeneratedCorpusTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    private static string Dir => Fixtures.PathOf("memblock", "generated");

    [Fact]
    public void Corpus_HasAtLeast1000ScriptsWithBothKernelsOutputs()
    {
        var both = Directory.GetFiles(Dir, "*.ops")
            .Select(Path.GetFileNameWithoutExtension)
            .Count(n => File.Exists(Path.Combine(Dir, n + ".expected.gz")) && File.Exists(Path.Combine(Dir, "linux-6.12", n + ".expected.gz")));
        Assert.True(both >= 1000, $"only {both} scripts have both kernels' outputs");
    }

    [Fact]
    public void EveryGeneratedScript_IsByteIdenticalToTheKernel_BothKernels()
    {
        var cases = Directory.GetFiles(Dir, "*.ops").Order(StringComparer.Ordinal)
            .SelectMany(ops => new[]
            {
                (Ops: ops, Kernel: MemblockRevision.Linux7_2, Expected: Path.ChangeExtension(ops, ".expected.gz")),
                (Ops: ops, Kernel: MemblockRevision.Linux6_12, Expected: Path.Combine(Dir, "linux-6.12", Path.GetFileNameWithoutExtension(ops) + ".expected.gz")),
            })
            .Where(c => File.Exists(c.Expected))
            .ToArray();
        var failures = new ConcurrentBag<string>();
        var done = 0;
        var clock = Stopwatch.StartNew();
        using var timeBox = new CancellationTokenSource(Budget);
        try
        {
            Parallel.ForEach(cases, new ParallelOptions { CancellationToken = timeBox.Token }, c =>
            {
                var name = Path.GetFileName(c.Ops);
                var (script, diagnostics) = ScriptParser.Parse(File.ReadAllText(c.Ops), name, c.Kernel);
                var actual = diagnostics.IsEmpty ? ScriptRunner.Run(script, c.Kernel).Output : $"parse error: {diagnostics[0].Message}\n";
                var expected = ReadGzip(c.Expected);
                if (actual != expected)
                {
                    failures.Add($"{name} linux-{c.Kernel.ShortName()}: {FirstDifference(expected, actual)}");
                }

                Interlocked.Increment(ref done);
            });
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the corpus check exceeded its {Budget.TotalSeconds} s budget after {done} of {cases.Length} runs");
        }

        Assert.True(cases.Length >= 2000, $"only {cases.Length} (script, kernel) pairs");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Length} differ ({clock.Elapsed.TotalSeconds:F1} s):\n" +
            string.Join('\n', failures.Order(StringComparer.Ordinal).Take(20)));
    }

    private static string ReadGzip(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return reader.ReadToEnd();
    }

    private static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return $"line {i + 1}: kernel '{(i < a.Length ? a[i] : "(end)")}' engine '{(i < b.Length ? b[i] : "(end)")}'";
    }
}
