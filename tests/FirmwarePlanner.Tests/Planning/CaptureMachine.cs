using FirmwarePlanner.Linux;
using FirmwarePlanner.Kernel;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock;
using FirmwarePlanner.Planning;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Planning;

/// <summary>
/// Test oracle input built from one QEMU capture's own output: the memblock state where the early allocations start
/// is replayed from the kernel's memblock=debug log (the first <c>MEMBLOCK configuration:</c> dump, then every
/// <c>memblock_reserve</c> before <c>reserve_real_mode</c>), nodes from the NUMA-time memblock dump, mirrored
/// ranges from the EFI map's MR descriptors, CPUs per node from sysfs, and the kernel build facts from its log.
/// </summary>
internal static partial class CaptureMachine
{
    public static string[] DmesgLines(string folder) =>
        File.ReadAllLines(Fixtures.PathOf("qemu", folder, "dmesg.txt")).Select(StripTime).ToArray();

    public static string StripTime(string line) => TimePrefix().Replace(line, string.Empty);

    public static (PlanningMachine Machine, PlanningProfile Profile) Load(string folder)
    {
        var lines = DmesgLines(folder);
        using var summary = JsonDocument.Parse(File.ReadAllText(Fixtures.PathOf("qemu", folder, "kernel-summary.json")));
        var root = summary.RootElement;
        var cmdline = File.ReadAllText(Fixtures.PathOf("qemu", folder, "cmdline.txt")).Trim();
        var kernel = root.GetProperty("kernel").GetString()!.Split(' ')[2];
        Assert.True(KernelTarget.TryParse(kernel, out var series, out var why), why);

        var ram = root.GetProperty("memblock_memory_numa_dump").EnumerateArray()
            .Select(e => (Node: e.GetProperty("nid").GetInt32(), Range: AddressRange.FromInclusive(Hex(e.GetProperty("base")), Hex(e.GetProperty("end")))))
            .ToArray();
        var mr = root.GetProperty("efi_memmap").EnumerateArray()
            .Where(e => e.GetProperty("attrs").EnumerateArray().Any(a => a.GetString() == "MR"))
            .Select(e => AddressRange.FromInclusive(Hex(e.GetProperty("start")), Hex(e.GetProperty("end"))))
            .ToArray();
        var cpus = File.ReadAllLines(Fixtures.PathOf("qemu", folder, "numa-meminfo.txt"))
            .Select(l => CpuList().Match(l)).Where(m => m.Success)
            .ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => CountCpus(m.Groups[2].Value));
        var nodes = ram.Select(r => r.Node).Concat(cpus.Keys).Distinct().Order().Select(id =>
        {
            var nodeRam = ram.Where(r => r.Node == id).Select(r => r.Range).ToArray();
            var mirrored = nodeRam.SelectMany(r => mr.Select(m => m.Intersect(r))).OfType<AddressRange>().ToArray();
            return new PlanningNode(id, nodeRam, mirrored, cpus.GetValueOrDefault(id));
        }).ToArray();

        var cmd = PlanCommandLine.Parse(cmdline, nodes.Aggregate(0UL, (a, n) => a + n.RamBytes));
        var seed = SeedOps(lines);
        var kernelCode = IomemStart(folder, "Kernel code");
        var image = seed.Reserved.First(r => r.Contains(kernelCode));
        var initrd = lines.Select(l => Ramdisk().Match(l)).First(m => m.Success);
        var machine = new PlanningMachine(folder, nodes, cmd, mirrorFirst => Replay(seed, mr, series!, mirrorFirst, cmd.MovableNode),
            HasSlit: File.Exists(Fixtures.PathOf("qemu", folder, "SLIT.bin")),
            KernelImage: image,
            Initrd: AddressRange.FromInclusive(HexText(initrd.Groups[1].Value), HexText(initrd.Groups[2].Value)));
        return (machine, ProfileFromLog(folder, lines, series!));
    }

    /// <summary>
    /// The kernel build facts the plan needs, learned from the capture's own log by <see cref="ProfileLearner"/> (sizes
    /// and configuration only; every address is still predicted). QEMU TCG's default CPU has no pdpe1gb (a CPU fact no
    /// log line states).
    /// </summary>
    private static PlanningProfile ProfileFromLog(string folder, string[] lines, KernelTarget series)
    {
        var learned = ProfileLearner.Learn([new ProfileLog(folder + "/dmesg.txt", lines)]);
        Assert.False(learned.HasErrors, string.Join('\n', learned.Diagnostics));
        return learned.Profile with { Kernel = series with { Build = learned.Profile.Kernel.Build }, GbPages = false };
    }

    private sealed record Seed(List<AddressRange> Memory, List<AddressRange> Reserved, List<AddressRange> LaterReserves);

    private static Seed SeedOps(string[] lines)
    {
        var seed = new Seed([], [], []);
        var i = Array.FindIndex(lines, l => l.StartsWith("MEMBLOCK configuration:", StringComparison.Ordinal));
        for (i++; i < lines.Length && lines[i].StartsWith(' '); i++)
        {
            var m = DumpLine().Match(lines[i]);
            if (m.Success)
            {
                var range = AddressRange.FromInclusive(HexText(m.Groups[2].Value), HexText(m.Groups[3].Value));
                (m.Groups[1].Value == "memory" ? seed.Memory : seed.Reserved).Add(range);
            }
        }

        for (; i < lines.Length; i++)
        {
            if (lines[i].Contains("reserve_real_mode", StringComparison.Ordinal))
            {
                break;
            }

            var m = ReserveLine().Match(lines[i]);
            if (m.Success)
            {
                seed.LaterReserves.Add(AddressRange.FromInclusive(HexText(m.Groups[1].Value), HexText(m.Groups[2].Value)));
            }
        }

        return seed;
    }

    private static MemblockEngine Replay(Seed seed, AddressRange[] mirror, KernelTarget series, bool kernelcoreMirror, bool movableNode)
    {
        var m = MemblockEngine.Create(series.MemblockVersion());
        m.MovableNode = movableNode;
        m.BottomUp = movableNode;
        m.CurrentLimit = Sizes.MiB;
        m.MirroredKernelcore = kernelcoreMirror;
        foreach (var r in seed.Reserved)
        {
            m.Reserve(r.Start, r.Size);
        }

        m.AllowResize();
        foreach (var r in seed.Memory)
        {
            m.Add(r.Start, r.Size);
        }

        foreach (var r in mirror)
        {
            m.MarkMirror(r.Start, r.Size);
        }

        foreach (var r in seed.LaterReserves)
        {
            m.Reserve(r.Start, r.Size);
        }

        return m;
    }

    private static ulong IomemStart(string folder, string what)
    {
        var line = File.ReadAllLines(Fixtures.PathOf("qemu", folder, "iomem.txt")).First(l => l.EndsWith(": " + what, StringComparison.Ordinal));
        return HexText(line.Trim().Split('-')[0]);
    }

    private static int CountCpus(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries).Sum(p => p.Contains('-', StringComparison.Ordinal)
            ? int.Parse(p.Split('-')[1], CultureInfo.InvariantCulture) - int.Parse(p.Split('-')[0], CultureInfo.InvariantCulture) + 1
            : 1);

    private static ulong Hex(JsonElement e) => HexText(e.GetString()!);

    public static ulong HexText(string s) => ulong.Parse(s.StartsWith("0x", StringComparison.Ordinal) ? s[2..] : s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\[\s*\d+\.\d+\] ")]
    private static partial Regex TimePrefix();

    [GeneratedRegex(@"^## node(\d+) cpulist=(\S*)")]
    private static partial Regex CpuList();

    [GeneratedRegex(@"RAMDISK: \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\]")]
    private static partial Regex Ramdisk();



    [GeneratedRegex(@"^ (memory|reserved)\[0x[0-9a-f]+\]\s+\[0x([0-9a-f]+)-0x([0-9a-f]+)\]")]
    private static partial Regex DumpLine();


    // 6.x "memblock_reserve: [a-b] caller"; 7.x "__memblock_reserve: [a-b] nid=N flags=F caller".
    [GeneratedRegex(@"^(?:__)?memblock_reserve: \[0x([0-9a-f]+)-0x([0-9a-f]+)\]")]
    private static partial Regex ReserveLine();
}
