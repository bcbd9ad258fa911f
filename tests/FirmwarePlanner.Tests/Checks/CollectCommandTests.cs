using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Tests.Support;
using static FirmwarePlanner.Tests.Checks.CheckFixtures;

namespace FirmwarePlanner.Tests.Checks;

public class CollectCommandTests
{
    /// <summary>A fake root with the d2 capture's files where a live host keeps them.</summary>
    private static string FakeRoot(string under)
    {
        var src = Dir(D2);
        var root = Path.Combine(under, "root");
        var tables = Directory.CreateDirectory(Path.Combine(root, "sys/firmware/acpi/tables")).FullName;
        File.Copy(Path.Combine(src, "SRAT.bin"), Path.Combine(tables, "SRAT"));
        foreach (var t in Directory.GetFiles(Path.Combine(src, "acpi"), "*.bin"))
        {
            File.Copy(t, Path.Combine(tables, Path.GetFileNameWithoutExtension(t)));
        }

        Directory.CreateDirectory(Path.Combine(root, "proc"));
        File.Copy(Path.Combine(src, "cmdline.txt"), Path.Combine(root, "proc/cmdline"));
        File.Copy(Path.Combine(src, "iomem.txt"), Path.Combine(root, "proc/iomem"));
        Directory.CreateDirectory(Path.Combine(root, "dev"));
        File.Copy(Path.Combine(src, "dmesg.txt"), Path.Combine(root, "dev/kmsg"));
        foreach (var line in File.ReadAllLines(Path.Combine(src, "firmware-memmap.txt")))
        {
            // "0 start=0x0 end=0x9ffff type=System RAM"
            var parts = line.Split(' ', 4);
            var d = Directory.CreateDirectory(Path.Combine(root, "sys/firmware/memmap", parts[0])).FullName;
            File.WriteAllText(Path.Combine(d, "start"), parts[1]["start=".Length..] + "\n");
            File.WriteAllText(Path.Combine(d, "end"), parts[2]["end=".Length..] + "\n");
            File.WriteAllText(Path.Combine(d, "type"), parts[3]["type=".Length..] + "\n");
        }

        var node0 = Directory.CreateDirectory(Path.Combine(root, "sys/devices/system/node/node0")).FullName;
        File.WriteAllText(Path.Combine(node0, "meminfo"), "Node 0 MemTotal:        2866528 kB\n");
        return root;
    }

    /// <summary>The fake root plus what verify reads: zoneinfo, meminfo and the node masks, from the same boot.</summary>
    private static string FakeRootForVerify(string under)
    {
        var src = Dir(D2);
        var root = FakeRoot(under);
        File.Copy(Path.Combine(src, "zoneinfo.txt"), Path.Combine(root, "proc/zoneinfo"));
        File.Copy(Path.Combine(src, "meminfo.txt"), Path.Combine(root, "proc/meminfo"));
        foreach (var line in File.ReadAllLines(Path.Combine(src, "node-state.txt")))
        {
            // "has_memory: 0-1"
            var (name, value) = (line[..line.IndexOf(':', StringComparison.Ordinal)], line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            File.WriteAllText(Path.Combine(root, "sys/devices/system/node", name), value + "\n");
        }

        return root;
    }

    [Fact]
    public void Collect_from_a_fake_sysfs_tree_writes_a_deterministic_bundle_that_check_and_fleet_read()
    {
        using var temp = new TempDir();
        var root = FakeRoot(temp.Path);
        var out1 = Path.Combine(temp.Path, "out", "host.tar.gz");
        var out2 = Path.Combine(temp.Path, "again.tar.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(out1)!);

        var (code, stdout, stderr) = CliRunner.Run("collect", "--root", root, "-o", out1);
        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Contains("missing", stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("collect", "--root", root, "-o", out2).Code);
        Assert.Equal(File.ReadAllBytes(out1), File.ReadAllBytes(out2));

        var entries = ReadTar(out1);
        Assert.Equal(entries.Keys.Order(StringComparer.Ordinal), entries.Keys);
        Assert.Contains("acpi/SRAT", entries.Keys);
        Assert.Contains("acpi/DSDT", entries.Keys);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Dir(D2), "SRAT.bin")), entries["acpi/SRAT"]);
        Assert.Equal(File.ReadAllText(Path.Combine(Dir(D2), "firmware-memmap.txt")), Encoding.UTF8.GetString(entries["firmware-memmap.txt"]));
        var missing = Encoding.UTF8.GetString(entries["MISSING.txt"]);
        Assert.Contains("sys/kernel/debug/memblock/memory", missing, StringComparison.Ordinal);
        Assert.Contains("sys/firmware/acpi/tables/SLIT: not present", missing, StringComparison.Ordinal);
        Assert.DoesNotContain("EFI memory map", missing, StringComparison.Ordinal);

        var (checkCode, report, _) = CliRunner.Run("check", out1);
        Assert.Equal(ExitCodes.Findings, checkCode);
        Assert.Contains("FP7002 node 1", report, StringComparison.Ordinal);
        var (fleetCode, fleet, _) = CliRunner.Run("fleet", Path.GetDirectoryName(out1)!, "--format", "csv");
        Assert.Equal(ExitCodes.Findings, fleetCode);
        Assert.StartsWith("machine,verdict", fleet, StringComparison.Ordinal);
        Assert.Contains("\nhost,fail,", fleet, StringComparison.Ordinal);
    }

    [Fact]
    public void A_collected_bundle_has_what_verify_needs_and_verifies_like_the_capture()
    {
        using var temp = new TempDir();
        var bundle = Path.Combine(temp.Path, "host.tar.gz");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("collect", "--root", FakeRootForVerify(temp.Path), "-o", bundle).Code);
        var entries = ReadTar(bundle);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Dir(D2), "zoneinfo.txt")), entries["zoneinfo.txt"]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Dir(D2), "meminfo.txt")), entries["meminfo.txt"]);
        Assert.Contains("has_normal_memory: 0\n", Encoding.UTF8.GetString(entries["node-state.txt"]), StringComparison.Ordinal);
        var missing = Encoding.UTF8.GetString(entries["MISSING.txt"]);
        Assert.DoesNotContain("verify: efi-memmap", missing, StringComparison.Ordinal); // d2 booted with efi=debug memblock=debug
        Assert.DoesNotContain("zoneinfo", missing, StringComparison.Ordinal);

        var (code, text, err) = CliRunner.Run("verify", bundle);
        Assert.True(code == ExitCodes.Ok, text + err);
        Assert.Contains("  zoneinfo             identical (10 lines, zoneinfo.txt:1-329)", text, StringComparison.Ordinal);
        Assert.Contains("  node-states          identical (2 lines, node-state.txt:3-4)", text, StringComparison.Ordinal);
        Assert.Contains("  movable-zone-start   identical (3 lines, dmesg.txt:468-470)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_lists_everything_missing_from_an_empty_root()
    {
        using var temp = new TempDir();
        var bundle = Path.Combine(temp.Path, "empty.tar.gz");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("collect", "--root", temp.Path, "-o", bundle).Code);
        var missing = Encoding.UTF8.GetString(ReadTar(bundle)["MISSING.txt"]);
        foreach (var what in new[] { "sys/firmware/acpi/tables", "dev/kmsg", "proc/cmdline", "sys/firmware/memmap", "proc/iomem", "sys/devices/system/node", "proc/zoneinfo", "proc/meminfo", "verify: no kernel log" })
        {
            Assert.Contains(what, missing, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, byte[]> ReadTar(string path)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var fs = File.OpenRead(path);
        using var gz = new GZipStream(fs, CompressionMode.Decompress);
        using var tar = new TarReader(gz);
        while (tar.GetNextEntry() is { } e)
        {
            Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), e.ModificationTime);
            using var ms = new MemoryStream();
            e.DataStream?.CopyTo(ms);
            result[e.Name] = ms.ToArray();
        }

        return result;
    }
}
