using FirmwarePlanner.Memblock;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using FirmwarePlanner.Common;
using FirmwarePlanner.Tools.MemblockDiff;

// memblock-diff: the engine against the kernel's own mm/memblock.c (README.md in this folder).
var o = Options.Parse(args);
if (o is null)
{
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

var oracle = Oracle.Locate(o.OracleDir, AppContext.BaseDirectory);
Func<string, MemblockRevision, Outcome> engine = o.ViaCli is null
    ? (text, k) => EngineRunner.Run(text, k, o.Plant)
    : (text, k) => CliRunner.Run(o.ViaCli, text, k, o.Plant);

return o.Command switch
{
    "minimize" => MinimizeOne(o.Files[0]),
    "corpus" => WriteCorpus(),
    _ => Sweep(),
};

int Sweep()
{
    var clock = Stopwatch.StartNew();
    var dir = o.Files.Count > 0 ? o.Files[0] : Path.Combine(Path.GetTempPath(), $"memblock-diff-{Environment.ProcessId}");
    var generated = o.Files.Count == 0;
    if (generated)
    {
        Directory.CreateDirectory(dir);
        oracle.Generate(o.Seed, o.Count, o.Kind, noV7Ops: false, dir);
    }

    var scripts = Directory.GetFiles(dir, "*.ops").Order(StringComparer.Ordinal).ToArray();
    var results = new ConcurrentDictionary<int, List<string>>();
    var counts = new ConcurrentDictionary<string, int>();
    void Count(string key) => counts.AddOrUpdate(key, 1, (_, v) => v + 1);
    Parallel.For(0, scripts.Length, new ParallelOptions { MaxDegreeOfParallelism = o.Jobs }, i =>
    {
        var text = File.ReadAllText(scripts[i]);
        var report = new List<string>();
        foreach (var kernel in o.Kernels)
        {
            var k = kernel.ShortName();
            if (!kernel.IsV7() && UsesV7Ops(text))
            {
                Count(k + " skipped");
                continue;
            }

            var expected = oracle.Run(text, kernel);
            if (expected.ExitStatus is not (0 or 3))
            {
                Count(k + " oracle-anomaly");
                report.Add($"ORACLE {Path.GetFileName(scripts[i])} linux-{k}: exit {expected.ExitStatus}: {expected.Output.Split('\n').LastOrDefault(l => l.Length > 0)}");
                continue;
            }

            Count(k + " run");
            var diff = Outcome.Compare(expected, engine(text, kernel));
            if (diff is null)
            {
                continue;
            }

            Count(k + " differ");
            report.Add($"DIFF {Path.GetFileName(scripts[i])} linux-{k} {diff}");
            if (o.Minimize)
            {
                var small = Minimizer.Minimize(text, t => Outcome.Compare(oracle.Run(t, kernel), engine(t, kernel)) is not null);
                report.Add($"  minimized to {Minimizer.OperationCount(small)} ops:\n" + string.Concat(small.Split('\n').Where(l => l.Length > 0).Select(l => "    " + l + "\n")).TrimEnd('\n'));
            }
        }

        results[i] = report;
    });

    foreach (var i in Enumerable.Range(0, scripts.Length))
    {
        foreach (var line in results[i])
        {
            Console.WriteLine(line);
        }
    }

    var summary = string.Join("; ", o.Kernels.Select(k => k.ShortName()).Select(k =>
        $"linux-{k}: {Get(k + " run")} compared, {Get(k + " differ")} differ" +
        (Get(k + " skipped") > 0 ? $", {Get(k + " skipped")} skipped (7.x-only ops)" : string.Empty) +
        (Get(k + " oracle-anomaly") > 0 ? $", {Get(k + " oracle-anomaly")} oracle anomalies" : string.Empty)));
    var source = generated ? $"seed={o.Seed} count={o.Count} kind={o.Kind}" : $"dir={dir} ({scripts.Length} scripts)";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"memblock-diff: {source} engine={(o.ViaCli is null ? "in-process" : "fwplan simulate")}{(o.Plant == Plant.None ? "" : " plant=" + o.Plant)}: {summary}; {clock.Elapsed.TotalSeconds:F1} s"));
    if (generated && !o.Keep)
    {
        Directory.Delete(dir, recursive: true);
    }
    else if (generated)
    {
        Console.WriteLine($"memblock-diff: scripts kept in {dir}");
    }

    return o.Kernels.Any(k => Get(k.ShortName() + " differ") > 0 || Get(k.ShortName() + " oracle-anomaly") > 0) ? 1 : 0;
    int Get(string key) => counts.GetValueOrDefault(key);
}

int MinimizeOne(string file)
{
    var text = File.ReadAllText(file);
    var failing = 0;
    foreach (var kernel in o.Kernels)
    {
        if (!kernel.IsV7() && UsesV7Ops(text))
        {
            continue;
        }

        bool Differs(string t) => Outcome.Compare(oracle.Run(t, kernel), engine(t, kernel)) is not null;
        if (!Differs(text))
        {
            Console.WriteLine($"# linux-{kernel.ShortName()}: {Path.GetFileName(file)} does not differ");
            continue;
        }

        failing++;
        var small = Minimizer.Minimize(text, Differs);
        Console.WriteLine($"# linux-{kernel.ShortName()}: minimized {Minimizer.OperationCount(text)} -> {Minimizer.OperationCount(small)} ops; " +
            Outcome.Compare(oracle.Run(small, kernel), engine(small, kernel))!.ToString().Replace("\n", "\n# ", StringComparison.Ordinal));
        Console.Write(small);
    }

    return failing > 0 ? 1 : 0;
}

// corpus OUTDIR: generated scripts plus what the oracle printed for each, gzip-compressed (7.2 as NAME.expected.gz,
// 6.12 under linux-6.12/; a script with 7.x-only ops has no 6.12 output).
int WriteCorpus()
{
    var dir = o.Files[0];
    Directory.CreateDirectory(Path.Combine(dir, "linux-6.12"));
    oracle.Generate(o.Seed, o.Count, o.Kind, noV7Ops: false, dir);
    var written = 0;
    foreach (var script in Directory.GetFiles(dir, "*.ops").Order(StringComparer.Ordinal))
    {
        var text = File.ReadAllText(script);
        var name = Path.GetFileNameWithoutExtension(script);
        foreach (var kernel in o.Kernels)
        {
            if (!kernel.IsV7() && UsesV7Ops(text))
            {
                continue;
            }

            var outcome = oracle.Run(text, kernel);
            if (outcome.ExitStatus is not (0 or 3))
            {
                throw new InvalidOperationException($"{script}: oracle exit {outcome.ExitStatus}");
            }

            var target = kernel.IsV7() ? Path.Combine(dir, name + ".expected.gz") : Path.Combine(dir, "linux-6.12", name + ".expected.gz");
            WriteGzip(target, outcome.Output);
            written++;
        }
    }

    Console.WriteLine($"memblock-diff: corpus {dir}: seed={o.Seed} count={o.Count} kind={o.Kind}, {written} oracle outputs");
    return 0;
}

static bool UsesV7Ops(string text) => text.AsSpan(0, Math.Max(0, text.IndexOf('\n'))).Contains("7.x-only", StringComparison.Ordinal);

// Deterministic gzip: no timestamp or name in the header (GZipStream writes neither), fixed level.
static void WriteGzip(string path, string text)
{
    using var file = File.Create(path);
    using var gz = new GZipStream(file, CompressionLevel.SmallestSize);
    var bytes = System.Text.Encoding.UTF8.GetBytes(text);
    gz.Write(bytes);
}
