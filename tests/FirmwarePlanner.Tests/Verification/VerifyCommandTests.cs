using System.Text.Json;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Tests.Linux;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Verification;

/// <summary>
/// <c>fwplan verify</c> on real boots: each capture folder holds the firmware's tables and what the same boot logged
/// and exposed; the prediction is made from the firmware part (the EFI map as the firmware handed it over — binary, or
/// the log's first boot-time print, which verify then does not count as compared —, SRAT, the command line) and the
/// kernel's release and build facts from its banner and zone list. Every expected line is the kernel's own.
/// </summary>
public class VerifyCommandTests
{
    /// <summary>The groups the issue requires to be compared (never "not comparable") on every capture.</summary>
    private static readonly string[] MustBeIdentical =
        ["e820", "mirror-summary", "srat", "numa", "zone-ranges", "movable-zone-start", "early-node-ranges", "memblock-memory"];

    /// <summary>
    /// Known differences, each a model gap the verify output names. None today: with the build facts verify learns
    /// from the boot's own log (sizeof(pg_data_t), percpu and printk sizes, CONFIG_ZONE_DEVICE; never an address), every
    /// capture's NODE_DATA lines are the kernel's — the custom 6.1 build's pg_data_t (g1, g2) and 7.2's are not the
    /// built-in profile's.
    /// </summary>
    private static readonly Dictionary<string, string[]> KnownDifferences = new(StringComparer.Ordinal);

    public static TheoryData<string> Captures() => new(QemuCaptureTests.CaptureNames());

    private static JsonElement Groups(string json) => JsonDocument.Parse(json).RootElement.GetProperty("groups");

    private static string Status(JsonElement groups, string id) =>
        groups.EnumerateArray().Single(g => g.GetProperty("group").GetString() == id).GetProperty("status").GetString()!;

    [Theory]
    [MemberData(nameof(Captures))]
    public void Every_capture_verifies_with_the_required_groups_identical(string capture)
    {
        var (code, json, err) = CliRunner.Run("verify", Fixtures.PathOf("qemu", capture), "--format", "json");
        var groups = Groups(json);
        foreach (var id in MustBeIdentical)
        {
            Assert.True(Status(groups, id) == "identical", $"{capture}: {id} is {Status(groups, id)}\n{err}");
        }

        var different = groups.EnumerateArray().Where(g => g.GetProperty("status").GetString() == "different").Select(g => g.GetProperty("group").GetString()!).ToArray();
        var known = KnownDifferences.GetValueOrDefault(capture) ?? [];
        Assert.Equal(known, different);
        Assert.Equal(known.Length == 0 ? ExitCodes.Ok : ExitCodes.Findings, code);
    }

    public static TheoryData<string> Arm64Captures() => new(Arm64QemuCaptureTests.CaptureNames());

    /// <summary>The arm64 boots (AAVMF, Debian's 6.12 arm64 kernel): the same groups, identical, exit 0.</summary>
    [Theory]
    [MemberData(nameof(Arm64Captures))]
    public void Every_arm64_capture_verifies_with_the_required_groups_identical(string capture)
    {
        var (code, json, err) = CliRunner.Run("verify", Fixtures.PathOf("qemu-arm64", capture), "--format", "json");
        var groups = Groups(json);
        foreach (var id in MustBeIdentical.Append("node-data").Append("mirror-fallback"))
        {
            Assert.True(Status(groups, id) == "identical", $"{capture}: {id} is {Status(groups, id)}\n{err}");
        }

        Assert.Equal("not-comparable", Status(groups, "memblock-after-e820"));
        Assert.Equal(ExitCodes.Ok, code);
    }

    [Fact]
    public void On_the_mirror_capture_the_kernel_lines_are_read_with_their_line_numbers()
    {
        var (code, json, _) = CliRunner.Run("verify", Fixtures.PathOf("qemu", "d2-q35-2node-mirror512M-kcmirror-612"), "--format", "json");
        Assert.Equal(ExitCodes.Ok, code);
        var movable = Groups(json).EnumerateArray().Single(g => g.GetProperty("group").GetString() == "movable-zone-start");
        var lines = movable.GetProperty("kernel").EnumerateArray().Select(l => (l.GetProperty("line").GetInt32(), l.GetProperty("text").GetString())).ToArray();
        Assert.Equal([(468, "Movable zone start for each node"), (469, "  Node 0: 0x0000000100000000"), (470, "  Node 1: 0x0000000140000000")], lines);
        var fallback = Groups(json).EnumerateArray().Single(g => g.GetProperty("group").GetString() == "mirror-fallback");
        Assert.Equal("identical", fallback.GetProperty("status").GetString());
        Assert.Equal([349, 460], fallback.GetProperty("kernel").EnumerateArray().Select(l => l.GetProperty("line").GetInt32()));
    }

    [Fact]
    public void An_edited_movable_zone_start_line_is_a_difference_whose_diff_names_that_line()
    {
        using var temp = new TempDir();
        var source = Fixtures.PathOf("qemu", "d2-q35-2node-mirror512M-kcmirror-612");
        foreach (var f in Directory.GetFiles(source))
        {
            File.Copy(f, Path.Combine(temp.Path, Path.GetFileName(f)));
        }

        var dmesg = Path.Combine(temp.Path, "dmesg.txt");
        var lines = File.ReadAllLines(dmesg);
        Assert.Equal("[    0.000000]   Node 1: 0x0000000140000000", lines[469]);
        lines[469] = "[    0.000000]   Node 1: 0x0000000150000000";
        File.WriteAllLines(dmesg, lines);

        var (code, text, _) = CliRunner.Run("verify", temp.Path);
        Assert.Equal(ExitCodes.Findings, code);
        Assert.Contains("  movable-zone-start   DIFFERENT", text, StringComparison.Ordinal);
        Assert.Contains("- 470 |   Node 1: 0x0000000150000000\n", text, StringComparison.Ordinal);
        Assert.Contains("+     |   Node 1: 0x0000000140000000\n", text, StringComparison.Ordinal);
        Assert.Contains("  469 |   Node 0: 0x0000000100000000\n", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// What a host's journal gives (<c>journalctl -k</c> with a persistent journal, <c>/var/log/kern.log</c>): syslog
    /// prefixes and an earlier boot before the one the tables belong to. The last boot is the machine's: d2's log wrapped
    /// that way after h6's whole boot verifies exactly as d2's plain dmesg does.
    /// </summary>
    [Fact]
    public void A_syslog_journal_of_two_boots_is_verified_as_its_last_boot()
    {
        using var temp = new TempDir();
        var d2 = Fixtures.PathOf("qemu", "d2-q35-2node-mirror512M-kcmirror-612");
        foreach (var f in Directory.GetFiles(d2))
        {
            File.Copy(f, Path.Combine(temp.Path, Path.GetFileName(f)));
        }

        static IEnumerable<string> Syslog(string dmesg) => File.ReadAllLines(dmesg).Select(l => "Dec  1 10:00:00 host kernel: " + l);
        File.WriteAllLines(Path.Combine(temp.Path, "dmesg.txt"),
            [.. Syslog(Fixtures.PathOf("qemu", "h6-q35-2node-nomirror-kcmirror-direct-612", "dmesg.txt")), .. Syslog(Path.Combine(d2, "dmesg.txt"))]);
        File.Delete(Path.Combine(temp.Path, "serial.log"));

        static string[] Statuses(string json) =>
            JsonDocument.Parse(json).RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString() + "=" + g.GetProperty("status").GetString()).ToArray();
        var (plainCode, plain, _) = CliRunner.Run("verify", d2, "--format", "json");
        var (code, journal, err) = CliRunner.Run("verify", temp.Path, "--format", "json");
        Assert.Equal(Statuses(plain), Statuses(journal));
        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (plainCode, code));
        var (_, inspect, _) = CliRunner.Run("inspect", Path.Combine(temp.Path, "dmesg.txt"));
        Assert.Contains("FP9007", inspect + err, StringComparison.Ordinal);
    }

    [Fact]
    public void Groups_the_inputs_cannot_settle_are_not_comparable_with_their_reason()
    {
        // d2's EFI map input is the log's own first print: predicting it back is no evidence.
        var (_, d2, _) = CliRunner.Run("verify", Fixtures.PathOf("qemu", "d2-q35-2node-mirror512M-kcmirror-612"));
        Assert.Contains("efi-memmap           not comparable: the EFI map input is this log's own first print", d2, StringComparison.Ordinal);

        // The -bin capture has the raw GetMemoryMap buffer, so the map print is compared; it has no zoneinfo and no
        // meminfo, and its NODE_DATA depends on whether RAM is mapped with 1 GiB pages, which nothing there says.
        var (code, bin, _) = CliRunner.Run("verify", Fixtures.PathOf("qemu", "e-pc-2node-612-bin"));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("  efi-memmap           identical (", bin, StringComparison.Ordinal);
        Assert.Contains("  zoneinfo             not comparable: no /proc/zoneinfo among the inputs", bin, StringComparison.Ordinal);
        Assert.Contains("  node-data            not comparable: depends on whether the kernel maps RAM with 1 GiB pages", bin, StringComparison.Ordinal);

        // The same machine's folder has /proc/meminfo (no DirectMap1G): with it NODE_DATA is the kernel's.
        var (pcCode, pc, _) = CliRunner.Run("verify", Fixtures.PathOf("qemu", "e-pc-2node-612"));
        Assert.Equal(ExitCodes.Ok, pcCode);
        Assert.Contains("  node-data            identical (2 lines, e-pc-2node-612/dmesg.txt:388-390)", pc, StringComparison.Ordinal);

        // c onlined a hot-added DIMM after boot (zonelists rebuilt at dmesg.txt:920): zoneinfo is no longer the boot's.
        var (_, c, _) = CliRunner.Run("verify", Fixtures.PathOf("qemu", "c-q35-hotplug-movable-612"));
        Assert.Contains("  zoneinfo             not comparable: memory was onlined after boot (the zonelists were rebuilt at c-q35-hotplug-movable-612/dmesg.txt:920", c, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_kernel_log_or_a_memory_map_verify_is_unusable()
    {
        var bin = Fixtures.PathOf("qemu", "d1-q35-2node-mirror512M-612-bin");
        var (code, _, err) = CliRunner.Run("verify", Path.Combine(bin, "efi-memmap.bin"), Path.Combine(bin, "efi-memmap-bin.json"), Path.Combine(bin, "SRAT.bin"));
        Assert.Equal(ExitCodes.Unusable, code);
        Assert.Contains("no kernel log among the inputs", err, StringComparison.Ordinal);

        // A log excerpt without its Linux version banner (the efi=debug lines cut out of a log) cannot be held against
        // anything: every group is not comparable, which is unusable, not a pass.
        var d2 = Fixtures.PathOf("qemu", "d2-q35-2node-mirror512M-kcmirror-612");
        var (excerpt, _, why) = CliRunner.Run("verify", Path.Combine(d2, "efi-memmap.txt"), Path.Combine(d2, "SRAT.bin"));
        Assert.Equal(ExitCodes.Unusable, excerpt);
        Assert.Contains("no group could be compared: the kernel log does not start at boot", why, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Unusable, CliRunner.Run("verify", Path.Combine(d2, "nonexistent")).Code);
        Assert.Equal(ExitCodes.Unusable, CliRunner.Run("verify", d2, "--format", "xml").Code);
    }

    /// <summary>
    /// The bundle <c>fwplan collect</c> made on the development host (a Firecracker VM: BIOS boot, no EFI, no SRAT,
    /// kernel 6.18): e820 (predicted from /sys/firmware/memmap), NUMA, zones, node ranges, zoneinfo, node states and
    /// NODE_DATA are the kernel's; NODE_DATA only with that custom build's pg_data_t learned from the log (0x2ab00 bytes
    /// where the built-in profile has 0x2a980), which the output names.
    /// </summary>
    [Fact]
    public void The_host_bundle_from_collect_verifies_e820_zones_and_node_ranges()
    {
        var (code, json, _) = CliRunner.Run("verify", Fixtures.PathOf("host", "firecracker-amd-6.18-nosrat-noefi.tar.gz"), "--format", "json");
        var groups = Groups(json);
        foreach (var id in new[] { "e820", "numa", "node-data", "zone-ranges", "movable-zone-start", "early-node-ranges", "initmem-setup", "zoneinfo", "node-states" })
        {
            Assert.Equal((id, "identical"), (id, Status(groups, id)));
        }

        Assert.Equal("not comparable", Status(groups, "efi-memmap").Replace('-', ' '));
        Assert.Contains(JsonDocument.Parse(json).RootElement.GetProperty("predictedFrom").EnumerateArray(),
            b => b.GetString()!.StartsWith("build fact nodeDataSize = 0x2ab00: learned from dmesg.txt:40 ", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Ok, code);

        // Without the learned size (a --profile given), the built-in pg_data_t puts NODE_DATA 0x180 bytes higher.
        using var temp = new TempDir();
        var profile = Path.Combine(temp.Path, "builtin.json");
        File.WriteAllText(profile, "{}");
        var (builtinCode, builtin, _) = CliRunner.Run("verify", Fixtures.PathOf("host", "firecracker-amd-6.18-nosrat-noefi.tar.gz"), "--profile", profile);
        Assert.Equal(ExitCodes.Findings, builtinCode);
        Assert.Contains("- 40 | NODE_DATA(0) allocated [mem 0x63ffd5500-0x63fffffff]\n+    | NODE_DATA(0) allocated [mem 0x63ffd5680-0x63fffffff]\n", builtin, StringComparison.Ordinal);
    }

    [Fact]
    public void Fleet_verify_summarizes_which_groups_differ_where_and_its_junit_validates()
    {
        var folder = Fixtures.PathOf("qemu");
        var (code, json, _) = CliRunner.Run("fleet", "--verify", folder, "--format", "json", "-j", "2");
        Assert.Equal(ExitCodes.Ok, code);
        using var doc = JsonDocument.Parse(json);
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(QemuCaptureTests.CaptureNames().Length, summary.GetProperty("machines").GetInt32());
        var nodeData = doc.RootElement.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "node-data");
        Assert.Equal(KnownDifferences.Keys.Order(StringComparer.Ordinal), nodeData.GetProperty("differentOn").EnumerateArray().Select(m => m.GetString()!));
        var e820 = doc.RootElement.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "e820");
        Assert.Equal(0, e820.GetProperty("different").GetInt32());

        var (_, xml, _) = CliRunner.Run("fleet", "--verify", folder, "--format", "junit");
        var (_, again, _) = CliRunner.Run("fleet", "--verify", folder, "--format", "junit", "-j", "1");
        Assert.Equal(xml, again);
        Assert.Empty(JunitSchema.Errors(xml));
        Assert.Contains("<skipped message=\"the EFI map input is this log's own first print", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<failure", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_group_has_one_id_and_title()
    {
        var all = Enum.GetValues<FirmwarePlanner.Verification.VerifyGroup>();
        Assert.Equal(all, FirmwarePlanner.Verification.VerifyGroups.All);
        Assert.Equal(all.Length, all.Select(g => FirmwarePlanner.Verification.VerifyGroups.Id(g)).Distinct().Count());
    }

    [Fact]
    public void A_prediction_for_another_kernel_than_the_one_that_booted_is_unusable()
    {
        var d2 = Fixtures.PathOf("qemu", "d2-q35-2node-mirror512M-kcmirror-612");
        var (code, _, err) = CliRunner.Run("verify", d2, "--kernel", "6.1");
        Assert.Equal(ExitCodes.Unusable, code);
        Assert.Contains("the prediction is for Linux 6.1 but d2-q35-2node-mirror512M-kcmirror-612/dmesg.txt:1 booted 6.12.117+deb12-amd64", err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("verify", d2, "--kernel", "6.12").Code);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("verify", d2, "--kernel", "6.12.117").Code);
        Assert.Equal(ExitCodes.Unusable, CliRunner.Run("verify", d2, "--kernel", "6.12.1").Code);
    }

    /// <summary>
    /// The real field logs in fixtures/, each verified: what it compares identical (kernel lines present), what
    /// differs (each a named model gap), or why it is unusable. Firmware inputs are what the log itself carries (its
    /// BIOS-e820 or first EFI print, its SRAT lines when there is no table), so those groups are echoes, not evidence.
    /// </summary>
    [Theory]
    // An EFI boot logged without efi=debug: the EFI lines and NODE_DATA (which the map's reservations move) are not
    // comparable; NUMA, zones and node ranges are the kernel's.
    [InlineData("dmesg--supermicro-as-4125gs-h13dsg-epyc-genoa-2s--1.5TB-amd-1tb-hole.txt", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    [InlineData("linuxhw-pairs/hp-dl165-g7-4node", 0, "", "srat,numa,numa-distance-table,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    [InlineData("linuxhw-pairs/supermicro-h8qg6-8node", 0, "", "srat,numa,numa-distance-table,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    [InlineData("linuxhw-pairs/x1-hp-dl380e-gen8", 2, "", "", "cannot be modelled: Linux 3.17 is older than 4.18")]
    [InlineData("linuxhw-pairs/x2-supermicro-x8dtn-plus-f", 2, "", "", "cannot be modelled: Linux 3.10 is older than 4.18")]
    [InlineData("dmesg-excerpt--aic-sb202-ur-xeon-2s--rhel7-efi-memmap-type-attr-e820-srat-2node.txt", 2, "", "", "cannot be modelled: Linux 3.10 is older than 4.18")]
    [InlineData("dmesg-excerpt--fujitsu-x86-2node--efi-fake-mem-mirror-before-after.txt", 2, "", "", "no group could be compared: the kernel log does not start at boot")]
    [InlineData("dmesg--arm-morello-fvp--no-srat-fake-node.txt", 2, "", "", "no EFI memory map and no e820 table among the firmware inputs")]
    public void Field_logs_verify_as_recorded(string path, int exitCode, string different, string identicalWithLines, string? unusable)
    {
        VerifyRecord.AssertAsRecorded(Fixtures.PathOf(path.Split('/')), exitCode, different, identicalWithLines, unusable);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("junit")]
    [InlineData("markdown")]
    public void Output_is_byte_identical_across_runs(string format)
    {
        var folder = Fixtures.PathOf("qemu", "h2-q35-4node-mirrornode-memless-kcmirror-612");
        Assert.Equal(CliRunner.Run("verify", folder, "--format", format).Out, CliRunner.Run("verify", folder, "--format", format).Out);
    }
}
