using FirmwarePlanner.Kernel;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Linux;
using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Planning;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Linux;

/// <summary>
/// Every real boot in fixtures/qemu: the boot model, given only the capture's inputs (EFI map, SRAT, command line,
/// kernel version), must print each line group exactly as the kernel did, and leave the memblock memory table the
/// kernel dumped.
/// </summary>
public class QemuCaptureTests
{
    public static string[] CaptureNames() =>
        Directory.EnumerateDirectories(Fixtures.PathOf("qemu")).Select(d => Path.GetFileName(d)!)
            .Where(d => File.Exists(Fixtures.PathOf("qemu", d, "dmesg.txt")))
            .Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Captures() => new(CaptureNames());

    [Fact]
    public void Every_capture_folder_is_enumerated()
    {
        Assert.True(CaptureNames().Length >= 10);
    }

    public static TheoryData<string, BootLineGroup> CaptureGroups()
    {
        BootLineGroup[] groups =
        [
            BootLineGroup.BiosE820, BootLineGroup.EfiMemmap, BootLineGroup.EfiMmio, BootLineGroup.EfiFakeMem, BootLineGroup.EfiMirror, BootLineGroup.Srat,
            BootLineGroup.Numa, BootLineGroup.KernelcoreMirror, BootLineGroup.ZoneRanges, BootLineGroup.MovableZoneStart,
            BootLineGroup.EarlyNodeRanges, BootLineGroup.InitmemSetup,
        ];
        return KernelLogGroups.Pairs(CaptureNames(), groups);
    }

    /// <summary>The groups of the captures of distribution kernels (Debian's banner): their build is the default one.</summary>
    public static TheoryData<string, BootLineGroup> StockCaptureGroups()
    {
        var data = new TheoryData<string, BootLineGroup>();
        foreach (var row in CaptureGroups())
        {
            var (capture, group) = ((string)row[0], (BootLineGroup)row[1]);
            if (Fixtures.Text("qemu", capture, "dmesg.txt").Contains("(debian-kernel@lists.debian.org)", StringComparison.Ordinal))
            {
                data.Add(capture, group);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StockCaptureGroups))]
    public void Predicted_group_from_firmware_and_uname_alone_equals_the_kernels_lines(string capture, BootLineGroup group) =>
        AssertGroupEqualsTheKernels(capture, group, seedWithLog: false);

    [Theory]
    [MemberData(nameof(CaptureGroups))]
    public void Predicted_group_with_a_profile_learned_from_the_log_equals_the_kernels_lines(string capture, BootLineGroup group) =>
        AssertGroupEqualsTheKernels(capture, group, seedWithLog: true);

    private static void AssertGroupEqualsTheKernels(string capture, BootLineGroup group, bool seedWithLog)
    {
        var (prediction, log) = Predict(capture, seedWithLog);
        KernelLogGroups.AssertSame(prediction, log, group);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Predicted_memblock_memory_equals_the_kernels_table(string capture)
    {
        var (prediction, log) = Predict(capture);
        var path = Fixtures.PathOf("qemu", capture, "memblock-memory.txt");
        var expected = File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Length > 0).ToArray()
            : LastDumpMemoryLines(log);
        Assert.NotEmpty(expected);
        string[] actual;
        if (expected[0].TrimStart().StartsWith("memory[", StringComparison.Ordinal))
        {
            actual = BootMemblockText.DumpLines(prediction.MemblockAfterNuma).Select(l => l.TrimStart()).ToArray();
            expected = expected.Select(l => l.TrimStart()).ToArray();
        }
        else
        {
            actual = BootMemblockText.DebugfsLines(prediction.MemblockAfterNuma, prediction.Inputs.Kernel.DebugfsShowsNodeAndFlags).ToArray();
        }

        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Predicted_e820_edits_appear_in_the_kernel_log_in_order(string capture)
    {
        var (prediction, log) = Predict(capture);
        var predicted = prediction.Log.Group(BootLineGroup.E820Edits).ToArray();
        var at = 0;
        foreach (var line in predicted)
        {
            var found = Array.IndexOf(log, line, at);
            Assert.True(found >= 0, "not in the kernel log (after line " + at + "): " + line);
            at = found + 1;
        }

        Assert.NotEmpty(predicted);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Predicted_memblock_after_e820_equals_the_kernels_first_dump(string capture)
    {
        var (prediction, log) = Predict(capture);
        var start = Array.IndexOf(log, "MEMBLOCK configuration:");
        Assert.True(start >= 0, capture + " was booted without memblock=debug");
        var expected = log.Skip(start + 1).TakeWhile(l => !l.StartsWith(" reserved.cnt", StringComparison.Ordinal))
            .Where(l => l.StartsWith(" memory[", StringComparison.Ordinal));
        Assert.Equal(string.Join('\n', expected), string.Join('\n', BootMemblockText.DumpLines(prediction.MemblockAfterE820)));
    }

    /// <summary>The memory[] lines of the last <c>MEMBLOCK configuration:</c> dump in the log.</summary>
    private static string[] LastDumpMemoryLines(string[] log)
    {
        var start = Array.LastIndexOf(log, "MEMBLOCK configuration:");
        return start < 0 ? [] : log.Skip(start + 1).TakeWhile(l => !l.StartsWith(" reserved.cnt", StringComparison.Ordinal))
            .Where(l => l.StartsWith(" memory[", StringComparison.Ordinal)).ToArray();
    }

    /// <summary>
    /// The boot model on the capture's firmware inputs alone, for the release <c>uname -r</c> printed (the kernel to be
    /// booted is known before deployment); with <paramref name="seedWithLog"/> also a profile
    /// <see cref="ProfileLearner"/> learned from the capture's log (build facts only, never an address).
    /// </summary>
    internal static (BootPrediction Prediction, string[] Log) Predict(string capture, bool seedWithLog = false)
    {
        var dmesg = File.ReadAllText(Fixtures.PathOf("qemu", capture, "dmesg.txt"));
        var log = KernelLogGroups.Lines(dmesg);
        var documents = InputsOf(capture).Select(f => new InputDocument(f, File.ReadAllBytes(Fixtures.PathOf("qemu", capture, f)))).ToArray();
        var options = FirmwareOnlyOptions(capture);
        if (seedWithLog)
        {
            var learned = ProfileLearner.Learn([new ProfileLog(capture + "/dmesg.txt", log)]);
            Assert.False(learned.HasErrors);
            options = options with { Profile = learned.Profile };
        }

        var analysis = MachineAnalyzer.Analyze(capture, documents, options);
        Assert.NotNull(analysis.BootInputs.EfiMap);
        Assert.NotNull(analysis.BootInputs.Numa);
        Assert.NotNull(analysis.Prediction);
        Assert.Equal(ReleaseOf(capture), analysis.Kernel.Release.Text);
        return (analysis.Prediction, log);
    }

    /// <summary><c>--kernel</c> from the capture's <c>uname -r</c> (its log's banner where the capture has no uname.txt), x86-64.</summary>
    internal static AnalysisOptions FirmwareOnlyOptions(string capture)
    {
        Assert.True(AnalysisOptions.TryCreate(ReleaseOf(capture), "x86_64", null, null, out var options, out var error), error);
        return options;
    }

    /// <summary>The release the capture booted: <c>uname -r</c>, or the <c>Linux version</c> banner's for the captures without uname.txt.</summary>
    internal static string ReleaseOf(string capture) =>
        File.Exists(Fixtures.PathOf("qemu", capture, "uname.txt"))
            ? Fixtures.Text("qemu", capture, "uname.txt").Split(' ')[2]
            : Fixtures.Text("qemu", capture, "dmesg.txt").Split('\n').First(l => l.Contains("Linux version ", StringComparison.Ordinal)).Split("Linux version ")[1].Split(' ')[0];

    /// <summary>
    /// The capture's firmware inputs: the raw GetMemoryMap buffer when the capture has one (with its metadata), else
    /// the efi=debug map text (the firmware's own map for kernels that rewrote it with efi_fake_mem), SRAT, SLIT when
    /// QEMU made one, and cmdline.
    /// </summary>
    internal static string[] InputsOf(string capture)
    {
        bool Has(string f) => File.Exists(Fixtures.PathOf("qemu", capture, f));
        string[] efi = Has("efi-memmap.bin") ? ["efi-memmap.bin", "efi-memmap-bin.json"]
            : Has("efi-memmap-firmware.txt") ? ["efi-memmap-firmware.txt"] : ["efi-memmap.txt"];
        return [.. efi.Where(Has), "SRAT.bin", .. new[] { "SLIT.bin" }.Where(Has), "cmdline.txt"];
    }
}
