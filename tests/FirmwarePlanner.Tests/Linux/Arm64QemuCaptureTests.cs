using FirmwarePlanner.Checks;
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

    /// <summary>The line groups an arm64 boot prints (no e820, no MMIO removal, no efi_fake_mem).</summary>
    private static readonly BootLineGroup[] Groups =
    [
        BootLineGroup.EfiMemmap, BootLineGroup.EfiMirror, BootLineGroup.Srat, BootLineGroup.Numa, BootLineGroup.KernelcoreMirror,
        BootLineGroup.ZoneRanges, BootLineGroup.MovableZoneStart, BootLineGroup.EarlyNodeRanges, BootLineGroup.InitmemSetup,
    ];

    [Theory]
    [MemberData(nameof(Captures))]
    public void Every_predicted_line_group_equals_the_kernels_lines(string capture)
    {
        var (prediction, log) = Predict(capture);
        Assert.Multiple(Groups.Select(g => (Action)(() => KernelLogGroups.AssertSame(prediction, log, g))).ToArray());
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

    /// <summary>The captures booted with memblock=debug (earlycon kept the start of the log): bootmem_init()'s dump.</summary>
    public static TheoryData<string> DumpCaptures() =>
        new(CaptureNames().Where(c => File.Exists(Fixtures.PathOf(Folder, c, "memblock-dumps-dmesg.txt"))));

    [Theory]
    [MemberData(nameof(DumpCaptures))]
    public void Predicted_memblock_memory_equals_bootmem_inits_dump(string capture)
    {
        // arm64 prints memblock_dump_all() at the end of bootmem_init() (arch/arm64/mm/init.c), after NUMA: the last dump.
        var (prediction, log) = Predict(capture);
        var start = Array.LastIndexOf(log, "MEMBLOCK configuration:");
        Assert.True(start >= 0);
        var expected = log.Skip(start + 1).TakeWhile(l => !l.StartsWith(" reserved.cnt", StringComparison.Ordinal))
            .Where(l => l.StartsWith(" memory[", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(string.Join('\n', expected), string.Join('\n', BootMemblockText.DumpLines(prediction.MemblockAfterNuma)));
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

    [Theory]
    [MemberData(nameof(Captures))]
    public void The_whole_folder_is_predicted_for_arm64_from_its_log_and_agrees_with_the_firmware_files_alone(string capture)
    {
        // No --arch, no --kernel: the folder's dmesg says "Booting Linux on physical CPU 0x0000000000 [0x411fd070]"
        // (arm64's smp_setup_processor_id) and carries the banner; the firmware-only run is told both.
        var loaded = DocumentLoader.Load([Fixtures.PathOf(Folder, capture)]);
        Assert.Null(loaded.Error);
        var whole = MachineAnalyzer.Analyze(capture, loaded.Documents, AnalysisOptions.Default);
        Assert.Equal(BootArch.Arm64, whole.BootInputs.Arch);
        Assert.Equal(BootArch.Arm64, whole.Machine.LoggedArch?.Arch);
        Assert.Equal(Release(capture), whole.Kernel.Release.Text);
        var (alone, _) = Predict(capture);
        Assert.NotNull(whole.Prediction);
        Assert.Equal(string.Join('\n', alone.Log.Lines.Select(l => l.Text)), string.Join('\n', whole.Prediction.Log.Lines.Select(l => l.Text)));
        var wholeVerdict = Checker.Run(CheckSubjects.From(whole, commandLineGiven: false));
        var aloneVerdict = Checker.Run(CheckSubjects.From(Analyze(capture), commandLineGiven: false));
        string Fired(CheckReport r) => CheckReport.VerdictName(r.Verdict) + ": " + string.Join(", ", r.Findings
            .Where(f => f.RuleId.StartsWith("FP7", StringComparison.Ordinal) && !f.IsWaived).Select(f => f.RuleId + " " + f.Scope).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(Fired(wholeVerdict), Fired(aloneVerdict));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Plan_prints_the_kernels_mirror_warnings_NODE_DATA_and_percpu_lines(string capture)
    {
        // The linux policy from the firmware files: the image and initrd the EFI stub placed, paging_init()'s
        // linear-map tables, NODE_DATA, sparse_init (memmap and vmemmap tables from arm64's __pa(MAX_DMA_ADDRESS)), CMA,
        // the per-CPU first chunk, the log buffer and swiotlb, each where memblock puts it (mirror first under
        // kernelcore=mirror): the "Could not allocate … mirrored memory" warnings, NODE_DATA, the kernelcore=mirror
        // verdict and the percpu line as the kernel printed them; with a SLIT the distance table line (printed even when
        // the SRAT is then rejected), and arm64's line for a memory-less node before its NODE_DATA.
        var plan = Analyze(capture).Plan([FirmwarePlanner.Planning.PlanPolicy.Linux]);
        Assert.NotNull(plan);
        var log = KernelLogGroups.Lines(Fixtures.Text(Folder, capture, "dmesg.txt"));
        string[] Pick(IEnumerable<string> lines) => lines.Where(l => l.StartsWith("Could not allocate", StringComparison.Ordinal)
            || l.StartsWith("NODE_DATA(", StringComparison.Ordinal) || l.StartsWith("    NODE_DATA(", StringComparison.Ordinal)
            || l.StartsWith("percpu: Embedded", StringComparison.Ordinal)
            || l.StartsWith("NUMA: Initialized distance table", StringComparison.Ordinal)
            || (l.StartsWith("NUMA: Initmem setup node ", StringComparison.Ordinal) && l.EndsWith(" [<memory-less node>]", StringComparison.Ordinal))
            || l is "This configuration results in unmirrored kernel memory." or "The system has no mirror memory, ignore kernelcore=mirror.").ToArray();
        var expected = Pick(log);
        Assert.Contains(expected, l => l.StartsWith("NODE_DATA(", StringComparison.Ordinal));
        Assert.Equal(string.Join('\n', expected), string.Join('\n', Pick(plan.Policies[0].Run.KernelLines)));
        Assert.Contains(plan.Diagnostics, d => d.Code == "FP6023");
    }

    /// <summary>The captures booted with <c>--mmio-no-wc</c>: AAVMF's flash without WC, so real NUMA.</summary>
    public static TheoryData<string> NumaCaptures() => new(CaptureNames().Where(c => c.Contains("-numa-", StringComparison.Ordinal)));

    [Fact]
    public void The_coverage_rule_rejects_the_flash_and_accepts_the_map_without_its_WC()
    {
        // a1 and n1 are one machine; n1's map differs only in the flash descriptor (MMIO|RUN|WC -> MMIO|RUN). is_memory()
        // makes the WC one NOMAP memblock memory no SRAT node covers: memblock_validate_numa_coverage(0) fails on a1 and
        // passes on n1, as each kernel printed.
        var (a1, a1Log) = Predict("a1-virt-2node-mirror2-kcmirror-612");
        var (n1, n1Log) = Predict("n1-virt-2node-mirror2-kcmirror-numa-612");
        Assert.True(a1.NumaFaked);
        Assert.Contains("NUMA: no nodes coverage for 64MB of 2112MB RAM", a1Log);
        Assert.Contains("NUMA: no nodes coverage for 64MB of 2112MB RAM", a1.Log.Group(BootLineGroup.Numa));
        Assert.False(n1.NumaFaked);
        Assert.Empty(n1.Log.Group(BootLineGroup.Numa));
        Assert.Equal([0, 1], n1.Nodes.Select(n => n.Nid));
    }

    [Theory]
    [MemberData(nameof(NumaCaptures))]
    public void A_numa_capture_is_real_NUMA_in_the_kernels_log_and_in_the_prediction(string capture)
    {
        var (prediction, log) = Predict(capture);
        Assert.Contains(log, l => l.StartsWith("ACPI: SRAT: Node 1 ", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("NODE_DATA(1) allocated", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("Initmem setup node 1 ", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.StartsWith("NUMA: no nodes coverage", StringComparison.Ordinal) || l.StartsWith("NUMA: Faking", StringComparison.Ordinal));
        Assert.False(prediction.NumaFaked);
        Assert.True(prediction.Nodes.Count >= 2);
    }

    [Fact]
    public void Plan_puts_the_large_allocations_where_the_kernel_reserved_them()
    {
        // a7 was booted with memblock=debug: "cma: Reserved 64 MiB at 0x0000000089800000" and the log buffer's three
        // arrays (memblock_reserve lines after setup_log_buf's calls) are the kernel's addresses.
        const string capture = "a7-virt-2node-mirror2-kcmirror-memblockdebug-612";
        var plan = Analyze(capture).Plan([FirmwarePlanner.Planning.PlanPolicy.Linux])!;
        var log = KernelLogGroups.Lines(Fixtures.Text(Folder, capture, "dmesg.txt"));
        var reserved = log.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^memblock_reserve: \[0x([0-9a-f]+)-0x([0-9a-f]+)\] memblock_alloc_range_nid"))
            .Where(m => m.Success).Select(m => (Convert.ToUInt64(m.Groups[1].Value, 16), Convert.ToUInt64(m.Groups[2].Value, 16))).ToHashSet();
        Assert.Contains("cma: Reserved 64 MiB at 0x0000000089800000 on node -1", log);
        var run = plan.Policies[0].Run;
        var cma = Assert.Single(run.Allocations, a => a.ItemId == "cma");
        Assert.Equal(0x89800000UL, cma.Address);
        var logBuf = run.Allocations.Where(a => a.ItemId == "log-buf").ToArray();
        Assert.Equal(3, logBuf.Length);
        Assert.All(logBuf, a => Assert.Contains((a.Address!.Value, a.Address.Value + a.Size - 1), reserved));
    }

    /// <summary>The guest's <c>uname -r</c> (third word of uname.txt).</summary>
    private static string Release(string capture) => Fixtures.Text(Folder, capture, "uname.txt").Split(' ')[2];

    /// <summary>The capture's firmware files: the efi=debug map print, SRAT, SLIT when QEMU made one, the command line.</summary>
    internal static string[] InputsOf(string capture) =>
        new[] { "efi-memmap.txt", "SRAT.bin", "SLIT.bin", "cmdline.txt" }.Where(f => File.Exists(Fixtures.PathOf(Folder, capture, f))).ToArray();

    /// <summary>The pipeline on the firmware files alone, told the kernel (uname -r) and <c>--arch arm64</c>.</summary>
    private static MachineAnalysis Analyze(string capture)
    {
        var documents = InputsOf(capture).Select(f => new InputDocument(f, Fixtures.Bytes(Folder, capture, f))).ToArray();
        Assert.True(AnalysisOptions.TryCreate(Release(capture), "arm64", null, null, out var options, out var error), error);
        return MachineAnalyzer.Analyze(capture, documents, options);
    }

    internal static (BootPrediction Prediction, string[] Log) Predict(string capture)
    {
        var log = KernelLogGroups.Lines(Fixtures.Text(Folder, capture, "dmesg.txt"));
        var analysis = Analyze(capture);
        Assert.NotNull(analysis.BootInputs.EfiMap);
        Assert.NotNull(analysis.BootInputs.Numa);
        Assert.Equal(BootArch.Arm64, analysis.BootInputs.Arch);
        Assert.NotNull(analysis.Prediction);
        return (analysis.Prediction, log);
    }
}
