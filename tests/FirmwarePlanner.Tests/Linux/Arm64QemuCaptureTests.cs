using FirmwarePlanner.Inputs;
using FirmwarePlanner.Kernel;
using FirmwarePlanner.Linux;
using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Linux;

/// <summary>
/// Every real arm64 boot in fixtures/qemu-arm64 (QEMU virt with ACPI, AAVMF, Debian's 6.12.117 arm64 kernel): the
/// boot model, given only the capture's firmware files (the efi=debug print of the EFI map, SRAT, SLIT, the command
/// line), <c>--kernel</c> from the guest's <c>uname -r</c> and <c>--arch arm64</c>, must print each line group exactly
/// as the kernel did and leave the memblock memory table the kernel shows in debugfs at the end of boot.
/// </summary>
public class Arm64QemuCaptureTests
{
    private const string Folder = "qemu-arm64";

    public static string[] CaptureNames() =>
        Directory.EnumerateDirectories(Fixtures.PathOf(Folder)).Select(d => Path.GetFileName(d)!)
            .Where(d => File.Exists(Fixtures.PathOf(Folder, d, "dmesg.txt")))
            .Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Captures() => new(CaptureNames());

    [Fact]
    public void Every_capture_folder_is_enumerated()
    {
        Assert.True(CaptureNames().Length >= 5);
    }

    public static TheoryData<string, BootLineGroup> CaptureGroups()
    {
        BootLineGroup[] groups =
        [
            BootLineGroup.EfiMemmap, BootLineGroup.EfiMirror, BootLineGroup.Srat, BootLineGroup.Numa, BootLineGroup.KernelcoreMirror,
            BootLineGroup.ZoneRanges, BootLineGroup.MovableZoneStart, BootLineGroup.EarlyNodeRanges, BootLineGroup.InitmemSetup,
        ];
        var data = new TheoryData<string, BootLineGroup>();
        foreach (var c in CaptureNames())
        {
            foreach (var g in groups)
            {
                data.Add(c, g);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaptureGroups))]
    public void Predicted_group_equals_the_kernels_lines(string capture, BootLineGroup group)
    {
        var (prediction, log) = Predict(capture);
        var expected = KernelLogGroups.Extract(log, group);
        var actual = prediction.Log.Group(group).ToArray();
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Predicted_memblock_memory_equals_the_kernels_debugfs_table(string capture)
    {
        var (prediction, _) = Predict(capture);
        var expected = File.ReadAllLines(Fixtures.PathOf(Folder, capture, "memblock-memory.txt")).Where(l => l.Length > 0).ToArray();
        Assert.NotEmpty(expected);
        var actual = BootMemblockText.DebugfsLines(prediction.MemblockAfterNuma, prediction.Inputs.Kernel.DebugfsShowsNodeAndFlags).ToArray();
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void The_capture_is_an_arm64_boot_of_the_kernel_its_uname_names(string capture)
    {
        var log = KernelLogGroups.Lines(Fixtures.Text(Folder, capture, "dmesg.txt"));
        var release = Release(capture);
        Assert.EndsWith("-arm64", release, StringComparison.Ordinal);
        Assert.StartsWith("Linux version " + release + " ", log.First(l => l.StartsWith("Linux version ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    /// <summary>The guest's <c>uname -r</c> (third word of uname.txt).</summary>
    private static string Release(string capture) => Fixtures.Text(Folder, capture, "uname.txt").Split(' ')[2];

    /// <summary>The capture's firmware files: the efi=debug map print, SRAT, SLIT when QEMU made one, the command line.</summary>
    internal static string[] InputsOf(string capture) =>
        new[] { "efi-memmap.txt", "SRAT.bin", "SLIT.bin", "cmdline.txt" }.Where(f => File.Exists(Fixtures.PathOf(Folder, capture, f))).ToArray();

    internal static (BootPrediction Prediction, string[] Log) Predict(string capture)
    {
        var log = KernelLogGroups.Lines(Fixtures.Text(Folder, capture, "dmesg.txt"));
        var documents = InputsOf(capture).Select(f => new InputDocument(f, Fixtures.Bytes(Folder, capture, f))).ToArray();
        Assert.True(AnalysisOptions.TryCreate(Release(capture), "arm64", null, null, out var options, out var error), error);
        var analysis = MachineAnalyzer.Analyze(capture, documents, options);
        Assert.NotNull(analysis.BootInputs.EfiMap);
        Assert.NotNull(analysis.BootInputs.Numa);
        Assert.Equal(BootArch.Arm64, analysis.BootInputs.Arch);
        Assert.NotNull(analysis.Prediction);
        return (analysis.Prediction, log);
    }
}
