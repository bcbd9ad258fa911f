using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using FirmwarePlanner.Checks;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Tests.Checks;
using FirmwarePlanner.Tests.Linux;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Pipeline;

/// <summary>
/// Every verb runs the same pipeline, so they agree on a machine: the whole capture folder and its firmware files alone
/// give the same verdicts, a log with only the kernel's SRAT lines gives the same nodes to predict, plan and check, and
/// every verb reads a bundle.
/// </summary>
public sealed class OnePipelineTests
{
    private const string Genoa = "dmesg--supermicro-as-4125gs-h13dsg-epyc-genoa-2s--1.5TB-amd-1tb-hole.txt";

    public static TheoryData<string> Captures() => new(QemuCaptureTests.CaptureNames());

    /// <summary>The rules a check fired (the readers' notes aside), with the verdict.</summary>
    private static string Verdicts(CheckReport report) =>
        CheckReport.VerdictName(report.Verdict) + ": " + string.Join(", ", report.Findings.Where(f => f.RuleId.StartsWith("FP7", StringComparison.Ordinal) && !f.IsWaived)
            .Select(f => f.RuleId + " " + f.Scope + " " + f.Severity).Distinct().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Captures))]
    public void Whole_folder_and_firmware_files_alone_give_the_same_verdicts(string capture)
    {
        var firmware = QemuCaptureTests.InputsOf(capture);
        // Before deployment the kernel to be booted is known: the firmware-only check is told it (the capture's uname -r),
        // where the whole folder learns it from the log's banner.
        var whole = CheckFixtures.Report(capture);
        var alone = Checker.Run(CheckFixtures.Subject(capture, QemuCaptureTests.FirmwareOnlyOptions(capture), firmware));
        Assert.NotNull(alone.Subject.EfiMap);
        Assert.NotNull(alone.Subject.Numa);
        Assert.Equal(Verdicts(whole), Verdicts(alone));
    }

    [Theory]
    [InlineData("g1-q35-2node-fakemem512M-61custom")]
    [InlineData("g2-q35-2node-fakemem512M-kcmirror-61custom")]
    public void Fake_mem_capture_firmware_only_finds_the_kernels_mirror_by_applying_the_command_line(string capture)
    {
        // The firmware's own map (the first print, before efi_fake_mem rewrote it) has no MORE_RELIABLE range; the
        // kernel said "efi: Memory: 512M/4355M mirrored memory". A 6.1 target has efi_fake_mem=.
        var firmwareMap = FixtureInputs.Read($"qemu/{capture}/efi-memmap-firmware.txt").EfiMaps[0];
        Assert.False(firmwareMap.HasMirror);
        Assert.True(AnalysisOptions.TryCreate("6.1", null, null, null, out var options, out var error), error);
        var subject = CheckFixtures.Subject(capture, options, "efi-memmap-firmware.txt", "SRAT.bin", "cmdline.txt");
        var report = Checker.Run(subject);
        Assert.Equal(512UL << 20, report.Layout!.TotalMirrored);
        Assert.Contains("efi: Memory: 512M/", Fixtures.Text("qemu", capture, "dmesg.txt"), StringComparison.Ordinal);
        Assert.Equal(512UL << 20, subject.Analysis.Prediction!.MirrorBytes);
    }

    [Fact]
    public void The_kernel_target_comes_from_kernel_then_profile_then_the_banner_and_build_facts_only_from_a_log_of_that_series()
    {
        // g2's log: "Linux version 6.1.192-oracle", a Zone ranges block without Device (a custom build without ZONE_DEVICE).
        const string g2 = "g2-q35-2node-fakemem512M-kcmirror-61custom";
        var fromBanner = CheckFixtures.Subject(g2).Analysis.Kernel;
        Assert.Equal("6.1.192-oracle", fromBanner.Release.Text);
        Assert.False(fromBanner.ZoneDevice);
        Assert.Equal(FirmwarePlanner.Kernel.KernelFactOrigin.Learned, fromBanner.Build.ZoneDeviceOrigin);

        Assert.True(AnalysisOptions.TryCreate("6.12", null, null, null, out var other, out _));
        var given = CheckFixtures.Subject(g2, other).Analysis.Kernel;
        Assert.Equal("--kernel", given.Origin);
        Assert.True(given.ZoneDevice); // another series: a distribution build's facts, not the log's
        Assert.Equal(FirmwarePlanner.Kernel.KernelFactOrigin.Default, given.Build.ZoneDeviceOrigin);

        var profile = FirmwarePlanner.Planning.ProfileReader.Read("{\"kernel\": \"7.2\"}"u8, "p.json").Profile;
        var fromProfile = CheckFixtures.Subject(g2, AnalysisOptions.Default with { Profile = profile }).Analysis.Kernel;
        Assert.Equal("7.2", fromProfile.Release.Series);
        Assert.False(fromProfile.HasEfiFakeMem);
    }

    [Fact]
    public void A_profiles_build_facts_win_over_the_machines_own_log()
    {
        // g2's own log has no Device zone; a profile that says the build has CONFIG_ZONE_DEVICE is the user's word.
        const string g2 = "g2-q35-2node-fakemem512M-kcmirror-61custom";
        var profile = FirmwarePlanner.Planning.ProfileReader.Read("{\"zoneDevice\": true}"u8, "p.json").Profile;
        var target = CheckFixtures.Subject(g2, AnalysisOptions.Default with { Profile = profile }).Analysis.Kernel;
        Assert.Equal("6.1.192-oracle", target.Release.Text); // the release still from the banner: the profile names none
        Assert.True(target.ZoneDevice);
        Assert.Equal(FirmwarePlanner.Kernel.KernelFactOrigin.Given, target.Build.ZoneDeviceOrigin);
    }

    [Fact]
    public void A_log_with_only_the_kernels_srat_lines_gives_the_same_nodes_to_predict_plan_and_check()
    {
        var path = Fixtures.PathOf(Genoa);
        var (pc, predicted, _) = CliRunner.Run("predict", path, "--format", "json");
        Assert.Equal(0, pc);
        using var p = JsonDocument.Parse(predicted);
        var predictNodes = p.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("nid").GetInt32()).ToArray();

        var (_, planned, planErr) = CliRunner.Run("plan", path, "--format", "json", "--policy", "linux");
        using var q = JsonDocument.Parse(planned);
        var planNodes = q.RootElement.GetProperty("policies")[0].GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("node").GetInt32()).ToArray();

        var (_, checkedJson, _) = CliRunner.Run("check", path, "--format", "json");
        using var c = JsonDocument.Parse(checkedJson);
        var checkNodes = c.RootElement.GetProperty("memory").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("node").GetInt32()).ToArray();
        var codes = c.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).ToArray();

        Assert.Equal([0, 1], predictNodes);
        Assert.Equal(predictNodes, planNodes);
        Assert.Equal(predictNodes, checkNodes);
        Assert.Contains("FP3018", codes); // the partial-SRAT note: these nodes are the kernel's conclusion
        Assert.True(planErr.Length >= 0);
    }

    [Fact]
    public void Every_verb_reads_a_tar_gz_bundle()
    {
        using var dir = new TempDir();
        var capture = "d2-q35-2node-mirror512M-kcmirror-612";
        var bundle = Path.Combine(dir.Path, capture + ".tar.gz");
        using (var fs = File.Create(bundle))
        using (var gz = new GZipStream(fs, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gz, TarEntryFormat.Pax))
        {
            foreach (var f in QemuCaptureTests.InputsOf(capture).Append("dmesg.txt"))
            {
                tar.WriteEntry(Fixtures.PathOf("qemu", capture, f), f);
            }
        }

        var folder = Path.Combine(dir.Path, capture);
        Directory.CreateDirectory(folder);
        foreach (var f in QemuCaptureTests.InputsOf(capture).Append("dmesg.txt"))
        {
            File.Copy(Fixtures.PathOf("qemu", capture, f), Path.Combine(folder, f));
        }

        foreach (var verb in new[] { "inspect", "predict", "plan", "check", "verify" })
        {
            var (fromBundle, bundleOut, bundleErr) = CliRunner.Run(verb, bundle);
            var (fromFolder, folderOut, _) = CliRunner.Run(verb, folder);
            Assert.True(fromBundle != 2, verb + ": " + bundleErr);
            Assert.Equal(fromFolder, fromBundle);
            if (verb is "predict" or "plan")
            {
                Assert.Equal(folderOut, bundleOut);
            }
            else if (verb == "verify")
            {
                // Documents are named by their place (d2…/dmesg.txt in the folder, dmesg.txt in the bundle); the verdicts agree.
                Assert.Equal(folderOut.Replace(capture + "/", string.Empty, StringComparison.Ordinal), bundleOut);
            }
        }

        var (fleet, fleetOut, fleetErr) = CliRunner.Run("fleet", bundle, "--format", "csv");
        Assert.True(fleet != 2, fleetErr);
        Assert.Single(fleetOut.Split('\n'), l => l.StartsWith(capture + ",", StringComparison.Ordinal));
    }

    [Fact]
    public void Verbose_logs_debug_lines_on_stderr_and_json_logs_one_object_per_line_with_stdout_unchanged()
    {
        var folder = CheckFixtures.Dir("d2-q35-2node-mirror512M-kcmirror-612");
        var (code, quietOut, quietErr) = CliRunner.Run("check", folder);
        var (vcode, verboseOut, verboseErr) = CliRunner.Run("-v", "check", folder);
        var (jcode, jsonOut, jsonErr) = CliRunner.Run("check", folder, "-v", "--log-format", "json");
        Assert.Equal(code, vcode);
        Assert.Equal(code, jcode);
        Assert.Equal(quietOut, verboseOut);
        Assert.Equal(quietOut, jsonOut);
        Assert.DoesNotContain("[DBG]", quietErr, StringComparison.Ordinal);
        Assert.Contains("[DBG] fwplan.check: EFI map: the firmware's is", verboseErr, StringComparison.Ordinal);
        Assert.Contains("[DBG] fwplan.check: kernel target: Linux 6.12.", verboseErr, StringComparison.Ordinal);

        var lines = jsonErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 5);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            Assert.True(doc.RootElement.TryGetProperty("@mt", out _), line);
            Assert.Equal("Debug", doc.RootElement.GetProperty("@l").GetString());
        }
    }

    [Theory]
    [InlineData("inspect")]
    [InlineData("predict")]
    [InlineData("plan")]
    [InlineData("check")]
    [InlineData("fleet")]
    [InlineData("verify")]
    public void A_typo_in_kernel_or_arch_is_exit_2_in_every_verb(string verb)
    {
        var folder = CheckFixtures.Dir("a-q35-2node-612");
        var (code, _, err) = CliRunner.Run(verb, folder, "--kernel", "6.x");
        Assert.Equal(2, code);
        Assert.Contains("--kernel '6.x' is not a kernel release", err, StringComparison.Ordinal);
        var (old, _, oldErr) = CliRunner.Run(verb, folder, "--kernel", "3.10");
        Assert.Equal(2, old);
        Assert.Contains("older than 4.18", oldErr, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run(verb, folder, "--arch", "x86").Code);
    }

    [Fact]
    public void Inspect_reads_srat_for_the_architecture_asked()
    {
        // A real arm64 SRAT (Ampere Altra: GICC and ITS entries): read as x86-64, Linux maps no CPU from GICC entries.
        var srat = Fixtures.PathOf("srat-bin--ampere-altra-ava--gicc-its-1node.bin");
        var (arm, armOut, _) = CliRunner.Run("inspect", srat, "--arch", "arm64");
        var (x86, x86Out, _) = CliRunner.Run("inspect", srat, "--arch", "x86_64");
        Assert.True(arm < 2 && x86 < 2);
        Assert.NotEqual(armOut, x86Out);
        Assert.Equal(armOut, CliRunner.Run("inspect", srat).Out); // no --arch: the table's own subtables decide (GICC: arm64)
    }

    [Theory]
    [InlineData("acpidump--supermicro-x10dai-haswell-ep--2node.txt")]
    [InlineData("acpidump--intel-x99-desktop--1node-32-disabled-mem-entries.txt")]
    public void Slit_coverage_counts_only_the_pxms_linux_maps_from_enabled_entries(string dump)
    {
        // Both dumps list disabled SRAT entries with PXM 3 beyond the SLIT's localities; Linux never maps them.
        var (code, output, _) = CliRunner.Run("check", Fixtures.PathOf(dump));
        Assert.Equal(0, code);
        Assert.DoesNotContain("FP3206", output, StringComparison.Ordinal);
    }
}
