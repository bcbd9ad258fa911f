using FirmwarePlanner.Memblock;
using System.Diagnostics;
using System.Globalization;
using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock.Scripting;

namespace FirmwarePlanner.Benchmarks;

/// <summary>
/// The engine against the kernel's own C (the memblock oracle: unmodified mm/memblock.c 7.2.13) on the same
/// scripts, in one run. Four timings per script, each the median of repeated runs:
/// <list type="bullet">
/// <item>kernel C, whole process: wall time of <c>memblock-oracle-7.2 SCRIPT</c> (exec to exit, stdout read);</item>
/// <item>engine, whole process: wall time of <c>fwplan simulate SCRIPT --kernel 7.2</c>, the same way;</item>
/// <item>kernel C, in-process: the driver's own main() from entry to end of output (oracle-timing/timed-main.c,
/// the same driver and flags with a clock), so without exec, loader and process start-up;</item>
/// <item>engine, in-process: ScriptParser.Parse + ScriptRunner.Run of the script text in this (warm) process,
/// i.e. what <c>simulate</c> does after start-up, output rendered to a string.</item>
/// </list>
/// Ratios are engine / kernel (below 1: the engine is faster). Every output is compared with the kernel's.
/// </summary>
public static class OracleComparison
{
    public static int Run(string[] args)
    {
        var root = RepoRoot();
        var sizes = args.Where(a => a.All(char.IsAsciiDigit)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        sizes = sizes.Length > 0 ? sizes : [1_000, 10_000, 100_000];
        var fwplan = Option(args, "--fwplan") ?? Path.Combine(root, "src", "FirmwarePlanner.Cli", "bin", "Release", "net10.0", "fwplan");
        var timingScript = Path.Combine(root, "tools", "FirmwarePlanner.Benchmarks", "oracle-timing", "build.sh");
        var timed = Exec(timingScript, ["7.2"]).Stdout.Trim();
        var cache = Environment.GetEnvironmentVariable("MEMBLOCK_ORACLE_CACHE") is { Length: > 0 } c ? c
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "memblock-oracle");
        var oracle = Path.Combine(cache, "bin", "memblock-oracle-7.2");
        foreach (var need in new[] { fwplan, timed, oracle })
        {
            if (!File.Exists(need))
            {
                Console.Error.WriteLine($"oracle comparison: {need} missing (build the CLI in Release; ../shared/tools/memblock-oracle/build.sh 7.2)");
                return 2;
            }
        }

        List<(string Name, string Script)> workloads =
        [
            ("boot (scenario 42)", File.ReadAllText(Path.Combine(root, "fixtures", "memblock", "42_x86_uefi_boot_mirror.ops"))),
            ("boot + sparse_init", ScriptWorkloads.Boot()),
        ];
        foreach (var n in sizes)
        {
            workloads.Add(($"fragmented-map {n}", ScriptWorkloads.FragmentedMap(n)));
            workloads.Add(($"many-reservations {n}", ScriptWorkloads.ManyReservations(n)));
        }

        var dir = Directory.CreateTempSubdirectory("fwplan-bench-");
        Console.WriteLine($"# engine vs kernel C (memblock-oracle linux 7.2.13), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {LoadAverage()}");
        Console.WriteLine("| workload | regions (mem+rsv) | ops | C whole | engine whole | ratio | C in-proc | engine in-proc | ratio | output |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var identical = true;
        foreach (var (name, script) in workloads)
        {
            var file = Path.Combine(dir.FullName, "w.ops");
            File.WriteAllText(file, script);
            var expected = Exec(oracle, [file]).Stdout;

            var cWhole = Median(Repeat(() => Exec(oracle, [file]).Ms, maxRuns: 21));
            var eWhole = Median(Repeat(() =>
            {
                var r = Exec(fwplan, ["simulate", file, "--kernel", "7.2"]);
                identical &= r.Stdout == expected;
                return r.Ms;
            }, maxRuns: 11));
            var cIn = Median(Repeat(() =>
            {
                var r = Exec(timed, [file]);
                identical &= r.Stdout == expected;
                return double.Parse(r.Stderr.Split(' ')[^1], CultureInfo.InvariantCulture) / 1e6;
            }, maxRuns: 101));
            string? output = null;
            Repeat(() => InProcess(script, out output), maxRuns: 2000, budgetMs: 3000);  // warm-up: JIT up to tier 1
            var eIn = Median(Repeat(() => InProcess(script, out output), maxRuns: 101));
            var same = output == expected;
            identical &= same;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Regions(expected)} | {OperationCount(script)} | {Ms(cWhole)} | {Ms(eWhole)} | {eWhole / cWhole:F2} | {Ms(cIn)} | {Ms(eIn)} | {eIn / cIn:F2} | {(same ? "identical" : "DIFFERENT")} |"));
        }

        dir.Delete(recursive: true);
        Console.WriteLine($"# load at the end {LoadAverage()}; ratio = engine / kernel C (below 1: the engine is faster)");
        Console.WriteLine(identical ? "# every engine output (in-process and fwplan simulate) identical to the kernel's"
            : "# OUTPUT DIFFERS from the kernel's");
        return identical ? 0 : 1;
    }

    private static double InProcess(string script, out string output)
    {
        var sw = Stopwatch.StartNew();
        var (parsed, _) = ScriptParser.Parse(script, "w.ops", MemblockRevision.Linux7_2);
        output = ScriptRunner.Run(parsed, MemblockRevision.Linux7_2).Output;
        return sw.Elapsed.TotalMilliseconds;
    }

    // Runs until maxRuns or about budgetMs of measured time, at least once.
    private static List<double> Repeat(Func<double> run, int maxRuns, double budgetMs = 3000)
    {
        var times = new List<double>();
        var total = 0.0;
        while (times.Count < maxRuns && (times.Count == 0 || total < budgetMs))
        {
            var t = run();
            times.Add(t);
            total += t;
        }

        return times;
    }

    private static double Median(List<double> xs)
    {
        xs.Sort();
        return xs.Count % 2 == 1 ? xs[xs.Count / 2] : (xs[(xs.Count / 2) - 1] + xs[xs.Count / 2]) / 2;
    }

    private static string Ms(double ms) => ms >= 100 ? ms.ToString("F0", CultureInfo.InvariantCulture) + " ms"
        : ms >= 1 ? ms.ToString("F2", CultureInfo.InvariantCulture) + " ms"
        : (ms * 1000).ToString("F0", CultureInfo.InvariantCulture) + " µs";

    private static int OperationCount(string script) => script.Split('\n').Count(l => l.Length > 0 && l[0] != '#');

    // memory.cnt + reserved.cnt of the final state block.
    private static string Regions(string output)
    {
        var counts = output.Split('\n').Where(l => l.StartsWith("memory.cnt=", StringComparison.Ordinal) || l.StartsWith("reserved.cnt=", StringComparison.Ordinal))
            .TakeLast(2).Select(l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..l.IndexOf(' ', StringComparison.Ordinal)]).ToArray();
        return string.Join('+', counts);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "FirmwarePlanner.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("FirmwarePlanner.sln not found above the benchmark binary");
    }

    private static (string Stdout, string Stderr, double Ms) Exec(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var ms = sw.Elapsed.TotalMilliseconds;
        return (output, err.Result, ms);
    }
}
