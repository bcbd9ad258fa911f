using FirmwarePlanner.Memblock;
using System.Diagnostics;
using FirmwarePlanner.Common;

namespace FirmwarePlanner.Tools.MemblockDiff;

/// <summary>
/// The kernel's own mm/memblock.c as built by <c>../shared/tools/memblock-oracle/build.sh</c>: one binary per
/// kernel in the oracle's cache; built on first use. Scripts go in on stdin.
/// </summary>
public sealed class Oracle
{
    private readonly Dictionary<MemblockRevision, string> _binaries = [];

    private Oracle(string directory) => Directory = directory;

    /// <summary>The memblock-oracle folder (build.sh, gen.py).</summary>
    public string Directory { get; }

    /// <summary>
    /// The oracle folder: <paramref name="explicitDir"/>, else <c>$MEMBLOCK_ORACLE_DIR</c>, else
    /// <c>../shared/tools/memblock-oracle</c> beside the repository root above <paramref name="start"/>.
    /// </summary>
    public static Oracle Locate(string? explicitDir, string start)
    {
        var dir = explicitDir ?? Environment.GetEnvironmentVariable("MEMBLOCK_ORACLE_DIR");
        for (var d = new DirectoryInfo(start); dir is null && d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "FirmwarePlanner.sln")))
            {
                dir = Path.GetFullPath(Path.Combine(d.FullName, "..", "shared", "tools", "memblock-oracle"));
            }
        }

        if (dir is null || !File.Exists(Path.Combine(dir, "build.sh")))
        {
            throw new InvalidOperationException($"memblock-oracle not found (looked at '{dir}'); pass --oracle DIR");
        }

        return new Oracle(dir);
    }

    /// <summary>The oracle's cache folder, as build.sh computes it.</summary>
    public static string CacheDir =>
        Environment.GetEnvironmentVariable("MEMBLOCK_ORACLE_CACHE") is { Length: > 0 } c ? c
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x ? x
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "memblock-oracle");

    /// <summary>The binary for <paramref name="kernel"/>, if it is already built (no build attempted).</summary>
    public static string? ExistingBinary(MemblockRevision kernel)
    {
        var path = Path.Combine(CacheDir, "bin", "memblock-oracle-" + kernel.ShortName());
        return File.Exists(path) ? path : null;
    }

    /// <summary>The binary for <paramref name="kernel"/>; runs build.sh when it is missing.</summary>
    public string Binary(MemblockRevision kernel)
    {
        lock (_binaries)
        {
            if (_binaries.TryGetValue(kernel, out var known))
            {
                return known;
            }

            var path = ExistingBinary(kernel);
            if (path is null)
            {
                var (rc, _, err) = Exec(Path.Combine(Directory, "build.sh"), [kernel.ShortName()], null);
                path = ExistingBinary(kernel);
                if (rc != 0 || path is null)
                {
                    throw new InvalidOperationException($"memblock-oracle build.sh {kernel.ShortName()} failed (exit {rc}): {err}");
                }
            }

            _binaries[kernel] = path;
            return path;
        }
    }

    /// <summary>Runs <paramref name="scriptText"/> through the kernel's memblock.</summary>
    public Outcome Run(string scriptText, MemblockRevision kernel)
    {
        var (rc, output, _) = Exec(Binary(kernel), ["-"], scriptText);
        return new Outcome(output, rc);
    }

    /// <summary>Runs gen.py: <paramref name="count"/> scripts of base seed <paramref name="seed"/> into <paramref name="outDir"/>.</summary>
    public void Generate(long seed, int count, string kind, bool noV7Ops, string outDir)
    {
        List<string> args = [Path.Combine(Directory, "gen.py"), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--kind", kind];
        if (noV7Ops)
        {
            args.Add("--no-v7-ops");
        }

        args.Add(outDir);
        var (rc, _, err) = Exec("python3", args, null);
        if (rc != 0)
        {
            throw new InvalidOperationException($"gen.py failed (exit {rc}): {err}");
        }
    }

    /// <summary>Runs a program; stdin is fed on its own task so that large outputs cannot deadlock the pipes.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Exec(string file, IEnumerable<string> args, string? stdin)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var feed = stdin is null ? Task.CompletedTask : Task.Run(() =>
        {
            try
            {
                p.StandardInput.Write(stdin);
                p.StandardInput.Close();
            }
            catch (IOException)
            {
                // The program stopped reading (a PANIC ends the oracle's run); the rest of the script is moot.
            }
        });
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        feed.Wait();
        return (p.ExitCode, output, err.Result);
    }
}
