using System.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Robustness;

/// <summary>
/// Files whose length says nothing about what reading them yields: <c>/dev/zero</c>, a FIFO (with an endless writer,
/// or none), a 2 GB sparse file. Given as an input to any verb or as <c>--profile</c>/<c>--config</c>/<c>--baseline</c>,
/// each ends with exit 2 in under 5 s; in a separate fwplan process the peak RSS stays under 256 MiB.
/// </summary>
public sealed class UnboundedFileTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private readonly TempDir _dir = new();
    private readonly List<string> _silent = [];

    public void Dispose()
    {
        // A reader still blocked opening a silent FIFO gets a writer now, so its thread is released.
        foreach (var path in _silent)
        {
            _ = Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0).Dispose()).Wait(TimeSpan.FromSeconds(1));
        }

        _dir.Dispose();
    }

    private static string SmallMap => Fixtures.PathOf("uefi-shell-memmap--ovmf-qemu-x86-128M.txt");

    private string Sparse()
    {
        var path = Path.Combine(_dir.Path, "sparse-2g.bin");
        using (var fs = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            fs.SetLength(2L << 30);
        }

        return path;
    }

    private string Fifo(string name)
    {
        var path = Path.Combine(_dir.Path, name);
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        Skip.If(p.ExitCode != 0 || !File.Exists(path), "mkfifo is not available");
        return path;
    }

    /// <summary>A FIFO whose writer sends zeros until the reader closes it.</summary>
    private string EndlessFifo()
    {
        var path = Fifo("endless.fifo");
        _ = Task.Factory.StartNew(() =>
        {
            try
            {
                using var w = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0);
                var zeros = new byte[1 << 16];
                while (true)
                {
                    w.Write(zeros);
                }
            }
            catch (IOException)
            {
                // the reader closed its end
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return path;
    }

    private string Target(string kind) => kind switch
    {
        "zero" => "/dev/zero",
        "sparse" => Sparse(),
        "fifo" => EndlessFifo(),
        "silent-fifo" => Silent(Fifo("silent.fifo")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private string Silent(string path)
    {
        _silent.Add(path);
        return path;
    }

    private static string[] Args(string verb, string target) => verb switch
    {
        "--profile" => ["plan", "--profile", target, SmallMap],
        "--config" => ["check", "--config", target, SmallMap],
        "--baseline" => ["fleet", "--baseline", target, Fixtures.PathOf("qemu", "a-q35-2node-612")],
        _ => [verb, target],
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var verb in new[] { "inspect", "predict", "plan", "check", "--profile", "--config", "--baseline" })
        {
            foreach (var kind in new[] { "zero", "sparse", "fifo", "silent-fifo" })
            {
                data.Add(verb, kind);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task EndsWithExit2Quickly(string verb, string kind)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "devices and FIFOs as on Linux");
        var args = Args(verb, Target(kind));
        var watch = Stopwatch.StartNew();
        var (code, _, err) = await Task.Run(() => CliRunner.Run(args)).WaitAsync(Bound + Bound);
        Assert.True(code == 2, $"exit {code}: {err}");
        Assert.True(watch.Elapsed < Bound, $"{watch.Elapsed.TotalSeconds:F1} s");
        Assert.Contains(kind == "silent-fifo" ? "did not open" : "bytes this file may have", err, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task FleetRefusesAFolderWithASparseFile()
    {
        Sparse();
        var (code, _, err) = await Task.Run(() => CliRunner.Run("fleet", _dir.Path)).WaitAsync(Bound);
        Assert.Equal(2, code);
        Assert.Contains("bytes this file may have", err, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("inspect", "zero")]
    [InlineData("--profile", "zero")]
    [InlineData("--config", "fifo")]
    [InlineData("check", "sparse")]
    public void SeparateProcessStaysUnder256MiB(string verb, string kind)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "devices and FIFOs as on Linux");
        var fwplan = Path.Combine(AppContext.BaseDirectory, "fwplan");
        Skip.IfNot(File.Exists(fwplan), "the fwplan apphost is not beside the tests");
        var psi = new ProcessStartInfo(fwplan, Args(verb, Target(kind)))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEndAsync();
        p.StandardError.ReadToEndAsync();
        long peak = 0;
        var watch = Stopwatch.StartNew();
        while (!p.WaitForExit(10))
        {
            p.Refresh();
            peak = Math.Max(peak, Hwm(p.Id));
            if (watch.Elapsed > Bound + Bound)
            {
                p.Kill();
                Assert.Fail("fwplan did not end");
            }
        }

        Assert.Equal(2, p.ExitCode);
        Assert.True(watch.Elapsed < Bound, $"{watch.Elapsed.TotalSeconds:F1} s");
        Assert.InRange(peak, 1, 256L << 20);
    }

    /// <summary>VmHWM (peak resident set) of a live process, in bytes; 0 once it has gone.</summary>
    private static long Hwm(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [SkippableFact]
    public void BoundedFileReadsAPipeWithContent()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "FIFOs as on Linux");
        var path = Fifo("content.fifo");
        var content = File.ReadAllBytes(SmallMap);
        var writer = Task.Run(() =>
        {
            using var w = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0);
            w.Write(content);
        });
        Assert.True(BoundedFile.TryRead(path, 1 << 20, out var bytes, out var error), error);
        Assert.Equal(content, bytes);
        writer.Wait(Bound);
    }

    [Theory]
    [InlineData(100, 100, true)]
    [InlineData(100, 99, false)]
    [InlineData(3 << 20, 3 << 20, true)]
    [InlineData(3 << 20, (3 << 20) - 1, false)]
    public void BoundedFileCapIsExact(int size, int cap, bool ok)
    {
        var path = Path.Combine(_dir.Path, "f.bin");
        var content = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(path, content);
        Assert.Equal(ok, BoundedFile.TryRead(path, cap, out var bytes, out var error));
        if (ok)
        {
            Assert.Equal(content, bytes);
        }
        else
        {
            Assert.Contains("more than the", error, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public void BoundedFileCapsADeviceWhileReading()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "no /dev/zero");
        Assert.False(BoundedFile.TryRead("/dev/zero", (3 << 20) + 5, out _, out var error));
        Assert.Contains("read until the cap; its reported length was 0", error, StringComparison.Ordinal);
    }
}
