using System.Text.Json;
using FirmwarePlanner.Linux;
using FirmwarePlanner.Planning;
using FirmwarePlanner.Tests.Linux;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Planning;

/// <summary>
/// <c>fwplan profile</c> on real boot logs: g1's custom 6.1 build (no CONFIG_ZONE_DEVICE, a small pg_data_t, no
/// 5-level paging) against Debian's stock 6.1 (the -61 capture, same machine and map as d2). Expected values are the
/// numbers the kernels printed, read off the logs' lines quoted beside them.
/// </summary>
public sealed class ProfileLearnerTests
{
    private const string Custom = "g1-q35-2node-fakemem512M-61custom";
    private const string Stock = "d2-q35-2node-mirror512M-kcmirror-61";
    private const string Stock72 = "d2-q35-2node-mirror512M-kcmirror-72";

    private static ProfileLearning Learn(string capture) =>
        ProfileLearner.Learn([FixtureInputs.Document($"qemu/{capture}/dmesg.txt")]);

    private static Dictionary<string, string> Facts(string capture) => Learn(capture).Learned.ToDictionary(f => f.Key, f => f.Value);

    [Fact]
    public void Custom_and_stock_61_profiles_differ_in_exactly_the_facts_the_builds_differ_in()
    {
        var custom = Facts(Custom);
        var stock = Facts(Stock);
        Assert.Equal(custom.Keys.Order(StringComparer.Ordinal), stock.Keys.Order(StringComparer.Ordinal));
        var differ = custom.Keys.Where(k => custom[k] != stock[k]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["kernel", "memSectionRootsSize", "nodeDataSize", "percpuDynamicSize", "percpuReservedSize", "percpuStaticSize", "zoneDevice"], differ);

        // g1: "Linux version 6.1.192-oracle", Zone ranges without Device, "NODE_DATA(0) allocated [mem 0x13fffc000-0x13fffffff]",
        // "percpu: Embedded 41 pages/cpu s137944 r0 d29992", "memblock_alloc_try_nid: 16384 bytes ... sparse_init+".
        Assert.Equal(("6.1.192-oracle", "false", "0x4000", "137944", "0", "29992", "16384"),
            (custom["kernel"], custom["zoneDevice"], custom["nodeDataSize"], custom["percpuStaticSize"], custom["percpuReservedSize"], custom["percpuDynamicSize"], custom["memSectionRootsSize"]));
        // Stock: "Linux version 6.1.0-57-amd64", "  Device   empty", "NODE_DATA(0) allocated [mem 0x5b7d5000-0x5b7fffff]",
        // "percpu: Embedded 62 pages/cpu s217088 r8192 d28672", "memblock_alloc_try_nid: 32768 bytes ... sparse_init+".
        Assert.Equal(("6.1.0-57-amd64", "true", "0x2b000", "217088", "8192", "28672", "32768"),
            (stock["kernel"], stock["zoneDevice"], stock["nodeDataSize"], stock["percpuStaticSize"], stock["percpuReservedSize"], stock["percpuDynamicSize"], stock["memSectionRootsSize"]));
        // The same in both: "memblock_alloc_try_nid: 12582912 / 46137344 bytes ... setup_log_buf+" for log_buf_len=16M,
        // "memblock_phys_alloc_range: 28672 bytes ... reserve_real_mode+", "software IO TLB: mapped [...] (64MB)".
        Assert.Equal(("24", "88", "0x7000", "0x4000000"), (stock["logBufDescSize"], stock["logBufInfoSize"], stock["realModeSize"], stock["swiotlbSize"]));
    }

    [Fact]
    public void The_72_build_shows_its_printk_info_size_and_section_roots_allocation()
    {
        // "memblock_alloc_try_nid: 58720256 bytes ... setup_log_buf+" for 524288 records (CONFIG_PRINTK_EXECUTION_CTX) and
        // "printk: log buffer data + meta data: 16777216 + 71303168"; "memblock_alloc_try_nid: 32768 bytes ...
        // __memblock_alloc_or_panic+" right before the first sparse_index_alloc.
        var facts = Facts(Stock72);
        Assert.Equal(("112", "32768", "0x2b080"), (facts["logBufInfoSize"], facts["memSectionRootsSize"], facts["nodeDataSize"]));
        var lines = KernelLogGroups.Lines(Fixtures.Text("qemu", Stock72, "dmesg.txt")).Where(l => !l.Contains("setup_log_buf", StringComparison.Ordinal)).ToArray();
        var fromMetaLine = ProfileLearner.Learn([new ProfileLog("no-memblock-debug", lines)]).Learned.Single(f => f.Key == "logBufInfoSize");
        Assert.Equal("112", fromMetaLine.Value);
        Assert.StartsWith("printk: log buffer data + meta data:", fromMetaLine.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Custom, "efi-memmap-firmware.txt")]
    [InlineData(Stock, "efi-memmap.txt")]
    public void Each_learned_profile_predicts_its_own_kernels_zone_list(string capture, string efi)
    {
        // From the firmware alone with --kernel 6.1: only the profile tells a build with ZONE_DEVICE from one without.
        var documents = new[] { efi, "SRAT.bin", "cmdline.txt" }.Select(f => FixtureInputs.Document($"qemu/{capture}/{f}")).ToArray();
        var log = KernelLogGroups.Lines(Fixtures.Text("qemu", capture, "dmesg.txt"));
        foreach (var (profileOf, same) in new[] { (capture, true), (capture == Custom ? Stock : Custom, false) })
        {
            var options = QemuCaptureTests.FirmwareOnlyOptions(capture) with { Profile = Learn(profileOf).Profile };
            var prediction = FirmwarePlanner.Pipeline.MachineAnalyzer.Analyze(capture, documents, options).Prediction!;
            var predicted = string.Join('\n', prediction.Log.Group(BootLineGroup.ZoneRanges));
            Assert.Equal(same, string.Join('\n', KernelLogGroups.Extract(log, BootLineGroup.ZoneRanges)) == predicted);
        }
    }

    [Theory]
    [InlineData("g2-q35-2node-fakemem512M-kcmirror-61custom")]
    [InlineData(Stock)]
    [InlineData(Stock72)]
    [InlineData("h2-q35-4node-mirrornode-memless-kcmirror-72")]
    [InlineData("h4-q35-hotplug-mirror-movablenode-kcmirror-72")]
    public void Plan_from_firmware_and_the_profile_written_by_fwplan_profile_prints_the_kernels_lines(string capture)
    {
        using var dir = new TempDir();
        var profile = Path.Combine(dir.Path, "build.json");
        var (code, summary, err) = CliRunner.Run("profile", Fixtures.PathOf("qemu", capture, "dmesg.txt"), "-o", profile);
        Assert.True(code == 0, err);
        Assert.Contains("learned (file:line of the message that shows it):", summary, StringComparison.Ordinal);
        Assert.Contains("stayed default (built-in profile):", summary, StringComparison.Ordinal);

        string[] inputs = [.. QemuCaptureTests.InputsOf(capture).Select(f => Fixtures.PathOf("qemu", capture, f))];
        var (pc, output, planErr) = CliRunner.Run([
            "plan", .. inputs, "--kernel", QemuCaptureTests.ReleaseOf(capture), "--profile", profile, "--policy", "linux", "--format", "json"]);
        Assert.True(pc < 2, planErr);
        using var doc = JsonDocument.Parse(output);
        static bool Wanted(string l) => l.StartsWith("Could not allocate", StringComparison.Ordinal) || l.Contains("NODE_DATA(", StringComparison.Ordinal)
            || l.StartsWith("This configuration results", StringComparison.Ordinal);
        var lines = doc.RootElement.GetProperty("policies")[0].GetProperty("kernelLines").EnumerateArray().Select(l => l.GetString()!).Where(Wanted);
        Assert.Equal(CaptureMachine.DmesgLines(capture).Where(Wanted), lines);
    }

    [Fact]
    public void The_written_profile_reads_back_to_the_learned_facts()
    {
        var learning = Learn(Custom);
        var read = ProfileReader.Read(System.Text.Encoding.UTF8.GetBytes(ProfileWriter.Write(learning)), "g1.json");
        Assert.False(read.HasErrors);
        Assert.Equal(("6.1.192-oracle", false, 0x4000UL, 137944UL, 0UL, 29992UL, 16384UL),
            (read.Profile.Kernel.Release.Text, read.Profile.Kernel.ZoneDevice, read.Profile.NodeDataSize, read.Profile.PercpuStaticSize,
             read.Profile.PercpuReservedSize, read.Profile.PercpuDynamicSize, read.Profile.MemSectionRootsSize));
        Assert.Equal(ProfileWriter.Write(learning), ProfileWriter.Write(Learn(Custom)));
    }

    [Fact]
    public void Logs_of_two_builds_a_file_that_is_no_log_and_an_unwritable_output_are_exit_2_with_a_reason()
    {
        var (two, _, twoErr) = CliRunner.Run("profile", Fixtures.PathOf("qemu", Custom, "dmesg.txt"), Fixtures.PathOf("qemu", Stock, "dmesg.txt"));
        Assert.Equal(2, two);
        Assert.Contains("error FP6031", twoErr, StringComparison.Ordinal);

        var (none, _, noneErr) = CliRunner.Run("profile", Fixtures.PathOf("qemu", Stock, "README.md"));
        Assert.Equal(2, none);
        Assert.Contains("error FP6030", noneErr, StringComparison.Ordinal);

        var (folder, json, folderErr) = CliRunner.Run("profile", Fixtures.PathOf("qemu", Stock));
        Assert.Equal(0, folder);
        Assert.Contains("\"zoneDevice\": true", json, StringComparison.Ordinal);
        Assert.Contains("note FP6030", folderErr, StringComparison.Ordinal); // the README, tables and notes of the folder are skipped

        var (unwritable, _, unwritableErr) = CliRunner.Run("profile", Fixtures.PathOf("qemu", Stock, "dmesg.txt"), "-o", "/proc/no/such/dir/p.json");
        Assert.Equal(2, unwritable);
        Assert.Contains("cannot write", unwritableErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Crafted_damaged_lines_are_not_learned_and_never_throw()
    {
        // Crafted, not a real log: an inverted NODE_DATA range, a percpu size past 2^64, a zero dynamic size, binary noise.
        string[] lines =
        [
            "Linux version 6.1.0-57-amd64 (crafted)",
            "NODE_DATA(0) allocated [mem 0x2000-0x1000]",
            "percpu: Embedded 1 pages/cpu s99999999999999999999 r0 d0 u0",
            "software IO TLB: mapped [mem 0x0000000000001000-0x0000000000001000] (0MB)",
            "\u0000\u0001\uFFFD",
        ];
        var learning = ProfileLearner.Learn([new ProfileLog("crafted.txt", lines)]);
        Assert.Equal(["kernel", "percpuReservedSize"], learning.Learned.Select(f => f.Key));
        Assert.Equal(2, learning.Diagnostics.Count(d => d.Code == "FP6033")); // s past 2^64 and d0 are refused by the reader
        Assert.Equal(PlanningProfile.BuiltIn.NodeDataSize, learning.Profile.NodeDataSize);
        var (code, _, err) = CliRunner.Run("profile", Fixtures.PathOf("hostile"));
        Assert.True(code is 0 or 2, err);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }
}

/// <summary>
/// A distribution kernel that carries a later change back: RHEL 9.6's 5.14.0-570 prints
/// <c>efi: Not removing mem288: MMIO range=[0xb4180000-0xb4180fff] (4KB) from e820 map</c> (line 110 of the Genoa log),
/// the upstream 6.2 behaviour the release predicate alone would deny it.
/// </summary>
public sealed class BackportedBuildFactTests
{
    private const string Genoa = "dmesg--supermicro-as-4125gs-h13dsg-epyc-genoa-2s--1.5TB-amd-1tb-hole.txt";

    [Fact]
    public void The_log_of_a_build_that_removes_efi_mmio_teaches_it_whatever_the_release()
    {
        var learning = ProfileLearner.Learn([FixtureInputs.Document(Genoa)]);
        var fact = Assert.Single(learning.Learned, f => f.Key == "efiMmioRemoval");
        Assert.Equal(("true", 110), (fact.Value, fact.Line));
        Assert.Equal("5.14.0-570.23.1.el9_6.x86_64", learning.Profile.Kernel.Release.Text);
        Assert.False(new FirmwarePlanner.Kernel.KernelTarget(learning.Profile.Kernel.Release, FirmwarePlanner.Kernel.KernelBuild.Distribution, "test").RemovesLargeEfiMmioFromE820);
        Assert.True(learning.Profile.Kernel.RemovesLargeEfiMmioFromE820);
    }

    [Fact]
    public void A_log_without_such_lines_teaches_nothing_about_it()
    {
        var learning = ProfileLearner.Learn([FixtureInputs.Document("qemu/d2-q35-2node-mirror512M-kcmirror-61/dmesg.txt")]);
        Assert.DoesNotContain(learning.Learned, f => f.Key == "efiMmioRemoval");
        Assert.False(learning.Profile.Kernel.RemovesLargeEfiMmioFromE820);
    }
}
