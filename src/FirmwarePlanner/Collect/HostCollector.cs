using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FirmwarePlanner.Collect;

/// <summary>What <see cref="HostCollector"/> gathered: the bundle's files (with <c>MISSING.txt</c>) and what was missing.</summary>
public sealed record CollectedBundle(IReadOnlyList<BundleEntry> Entries, IReadOnlyList<string> Missing);

/// <summary>
/// Gathers what <c>fwplan check</c> needs from a live Linux host (or a copy of its <c>/sys</c>, <c>/proc</c> and
/// <c>/dev/kmsg</c> under another root): every ACPI table, the kernel log, the command line, the firmware memory
/// map, <c>/proc/iomem</c>, debugfs memblock and per-node meminfo. What is absent is listed in <c>MISSING.txt</c>.
/// Never blocks: the kernel log comes from <c>dmesg</c> with a time limit on the live root, or from a regular
/// <c>dev/kmsg</c> file under another root.
/// </summary>
public static class HostCollector
{
    public const long MaxFileBytes = 64L << 20;
    public static readonly TimeSpan DmesgTimeout = TimeSpan.FromSeconds(10);

    public static CollectedBundle Collect(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var entries = new List<BundleEntry>();
        var missing = new List<string>();
        CollectAcpi(root, entries, missing);
        CollectKernelLog(root, entries, missing);
        CopyFile(root, "proc/cmdline", "cmdline.txt", entries, missing, "kernel command line");
        CollectFirmwareMemmap(root, entries, missing);
        CopyFile(root, "proc/iomem", "iomem.txt", entries, missing, "physical address map (run as root for real addresses)");
        CopyFile(root, "sys/kernel/debug/memblock/memory", "memblock-memory.txt", entries, missing, "debugfs memblock (needs debugfs and ARCH_KEEP_MEMBLOCK)");
        CopyFile(root, "sys/kernel/debug/memblock/reserved", "memblock-reserved.txt", entries, missing, "debugfs memblock reserved");
        CollectNodeMeminfo(root, entries, missing);
        CopyFile(root, "proc/zoneinfo", "zoneinfo.txt", entries, missing, "zone spans for fwplan verify");
        CopyFile(root, "proc/meminfo", "meminfo.txt", entries, missing, "whether RAM is mapped with 1 GiB pages (DirectMap1G), for the early page tables");
        CollectNodeStates(root, entries, missing);
        missing.AddRange(VerifyGaps(entries));
        var text = missing.Count == 0 ? "nothing missing\n" : string.Concat(missing.Select(m => m + "\n"));
        entries.Add(new BundleEntry("MISSING.txt", Encoding.UTF8.GetBytes(text)));
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new CollectedBundle(entries, missing);
    }

    private static void CollectAcpi(string root, List<BundleEntry> entries, List<string> missing)
    {
        var dir = Path.Combine(root, "sys/firmware/acpi/tables");
        if (!Directory.Exists(dir))
        {
            missing.Add("sys/firmware/acpi/tables: no ACPI tables (not an ACPI system, or sysfs not mounted)");
            return;
        }

        var names = Directory.EnumerateFiles(dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        foreach (var name in names)
        {
            if (TryRead(Path.Combine(dir, name), out var bytes, out var why))
            {
                entries.Add(new BundleEntry("acpi/" + name, bytes));
            }
            else
            {
                missing.Add($"sys/firmware/acpi/tables/{name}: {why}");
            }
        }

        foreach (var (table, meaning) in new[] { ("SRAT", "no NUMA memory affinity: the check cannot place memory on nodes"), ("SLIT", "no NUMA distances") })
        {
            if (!names.Contains(table, StringComparer.Ordinal))
            {
                missing.Add($"sys/firmware/acpi/tables/{table}: not present ({meaning})");
            }
        }
    }

    private static void CollectKernelLog(string root, List<BundleEntry> entries, List<string> missing)
    {
        string? log = null;
        var kmsg = Path.Combine(root, "dev/kmsg");
        if (Path.GetFullPath(root) == "/")
        {
            log = RunDmesg(out var why);
            if (log is null)
            {
                missing.Add("kernel log: " + why);
            }
        }
        else if (File.Exists(kmsg) && TryRead(kmsg, out var bytes, out var why))
        {
            log = Encoding.UTF8.GetString(bytes);
        }
        else
        {
            missing.Add("dev/kmsg: no kernel log under this root");
        }

        if (log is null)
        {
            return;
        }

        entries.Add(new BundleEntry("dmesg.txt", Encoding.UTF8.GetBytes(log)));
        if (!log.Contains("efi: mem", StringComparison.Ordinal))
        {
            missing.Add("EFI memory map: the kernel log has no 'efi: memNN' lines (boot once with efi=debug to record the map)");
        }
    }

    /// <summary>Runs <c>dmesg</c> (which reads /dev/kmsg without blocking) with a time limit; null with a reason on failure.</summary>
    private static string? RunDmesg(out string why)
    {
        why = string.Empty;
        try
        {
            using var p = new Process
            {
                StartInfo = new ProcessStartInfo("dmesg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false },
            };
            p.Start();
            var output = p.StandardOutput.ReadToEndAsync();
            if (!p.WaitForExit(DmesgTimeout))
            {
                p.Kill(entireProcessTree: true);
                why = "dmesg did not finish in time";
                return null;
            }

            if (p.ExitCode != 0)
            {
                why = $"dmesg failed ({p.StandardError.ReadToEnd().Trim()})";
                return null;
            }

            return output.Result;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            why = "dmesg could not run: " + ex.Message;
            return null;
        }
    }

    private static void CollectFirmwareMemmap(string root, List<BundleEntry> entries, List<string> missing)
    {
        var dir = Path.Combine(root, "sys/firmware/memmap");
        if (!Directory.Exists(dir))
        {
            missing.Add("sys/firmware/memmap: no firmware memory map (needs CONFIG_FIRMWARE_MEMMAP)");
            return;
        }

        var sb = new StringBuilder();
        var indices = Directory.EnumerateDirectories(dir).Select(Path.GetFileName)
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1)
            .Where(i => i >= 0).Order();
        foreach (var i in indices)
        {
            var d = Path.Combine(dir, i.ToString(CultureInfo.InvariantCulture));
            string Field(string f) => TryRead(Path.Combine(d, f), out var b, out _) ? Encoding.UTF8.GetString(b).Trim() : "?";
            sb.Append(CultureInfo.InvariantCulture, $"{i} start={Field("start")} end={Field("end")} type={Field("type")}\n");
        }

        entries.Add(new BundleEntry("firmware-memmap.txt", Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static void CollectNodeMeminfo(string root, List<BundleEntry> entries, List<string> missing)
    {
        var dir = Path.Combine(root, "sys/devices/system/node");
        var nodes = Directory.Exists(dir)
            ? Directory.EnumerateDirectories(dir, "node*").Select(Path.GetFileName).OfType<string>()
                .Select(n => int.TryParse(n.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).Where(i => i >= 0).Order().ToArray()
            : [];
        if (nodes.Length == 0)
        {
            missing.Add("sys/devices/system/node: no per-node meminfo");
            return;
        }

        var sb = new StringBuilder();
        foreach (var n in nodes)
        {
            if (TryRead(Path.Combine(dir, $"node{n}", "meminfo"), out var b, out _))
            {
                sb.Append(CultureInfo.InvariantCulture, $"## node{n}\n").Append(Encoding.UTF8.GetString(b));
            }
        }

        entries.Add(new BundleEntry("numa-meminfo.txt", Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>The node masks of <c>/sys/devices/system/node</c> as <c>name: list</c> lines (<c>node-state.txt</c>).</summary>
    private static void CollectNodeStates(string root, List<BundleEntry> entries, List<string> missing)
    {
        var dir = Path.Combine(root, "sys/devices/system/node");
        string[] states = ["possible", "online", "has_memory", "has_normal_memory", "has_cpu"];
        var sb = new StringBuilder();
        foreach (var state in states)
        {
            if (TryRead(Path.Combine(dir, state), out var b, out _))
            {
                sb.Append(state).Append(": ").Append(Encoding.UTF8.GetString(b).Trim()).Append('\n');
            }
        }

        if (sb.Length == 0)
        {
            missing.Add("sys/devices/system/node: no node states (verify's node-states group will be missing)");
            return;
        }

        entries.Add(new BundleEntry("node-state.txt", Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>
    /// Which <c>fwplan verify</c> groups the bundle cannot give, and why: a kernel log that lost its start (ring buffer
    /// wrapped), a boot without <c>efi=debug</c> or <c>memblock=debug</c>, no debugfs memblock.
    /// </summary>
    private static IEnumerable<string> VerifyGaps(List<BundleEntry> entries)
    {
        var log = entries.FirstOrDefault(e => e.Name == "dmesg.txt");
        var cmdline = entries.FirstOrDefault(e => e.Name == "cmdline.txt") is { } c ? Encoding.UTF8.GetString(c.Content) : string.Empty;
        if (log is null)
        {
            yield return "verify: no kernel log, so no group can be verified";
            yield break;
        }

        var text = Encoding.UTF8.GetString(log.Content);
        var first = text.Split('\n', 2)[0];
        if (!Text.KernelLogLine.Message(first).StartsWith("Linux version ", StringComparison.Ordinal))
        {
            yield return "verify: the kernel log does not start at boot (the ring buffer wrapped): every boot-log group will be not comparable (boot with a larger log_buf_len, collect soon after boot)";
        }

        // The kernel's own reading of the options (efi=debug may share its value list with others: efi=debug,nosoftreserve).
        var options = Linux.BootOptions.From(Linux.BootCommandLine.Parse(cmdline));
        if (!options.EfiDebug)
        {
            yield return "verify: efi-memmap group missing (the boot was without efi=debug)";
        }

        if (!options.MemblockDebug)
        {
            yield return "verify: memblock-after-e820 group missing, and memblock-memory unless debugfs has it (the boot was without memblock=debug)";
        }
    }

    private static void CopyFile(string root, string relative, string name, List<BundleEntry> entries, List<string> missing, string what)
    {
        if (TryRead(Path.Combine(root, relative), out var bytes, out var why))
        {
            entries.Add(new BundleEntry(name, bytes));
        }
        else
        {
            missing.Add($"{relative}: {why} ({what})");
        }
    }

    /// <summary>Reads a regular file up to <see cref="MaxFileBytes"/> (sysfs and procfs report size 0: read to the end).</summary>
    private static bool TryRead(string path, out byte[] bytes, out string why)
    {
        bytes = [];
        why = string.Empty;
        try
        {
            if (!File.Exists(path))
            {
                why = "not present";
                return false;
            }

            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            using var ms = new MemoryStream();
            var buffer = new byte[65536];
            int n;
            while ((n = fs.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (ms.Length + n > MaxFileBytes)
                {
                    why = $"larger than {MaxFileBytes} bytes";
                    return false;
                }

                ms.Write(buffer, 0, n);
            }

            bytes = ms.ToArray();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            why = "unreadable: " + ex.Message;
            return false;
        }
    }
}
