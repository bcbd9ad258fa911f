using FirmwarePlanner.Kernel;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Linux;
using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Linux;

/// <summary>
/// Real logs of real machines in fixtures/: each log is the only input; what it contains completely is predicted
/// and compared with the kernel's own lines, and what it lacks is named.
/// </summary>
public class FixtureLogTests
{
    private static (BootPrediction Prediction, string[] Log) Predict(string file, string? cmdline = null, string kernel = "6.12")
    {
        var bytes = Fixtures.Bytes(file);
        Assert.True(AnalysisOptions.TryCreate(kernel, "x86_64", cmdline, null, out var options, out var error), error);
        var analysis = MachineAnalyzer.Analyze(file, [new InputDocument(file, bytes)], options);
        Assert.NotNull(analysis.Prediction);
        return (analysis.Prediction, KernelLogGroups.Lines(System.Text.Encoding.UTF8.GetString(bytes)));
    }

    [Fact]
    public void Aic_rhel7_efi_map_gives_the_logged_bios_e820_table()
    {
        // RHEL 7 printed its EFI map (old type/attr form) and the e820 table the EFI stub made from it.
        var (p, log) = Predict("dmesg-excerpt--aic-sb202-ur-xeon-2s--rhel7-efi-memmap-type-attr-e820-srat-2node.txt");
        Assert.NotNull(p.Inputs.EfiMap);
        var expected = KernelLogGroups.Extract(log, BootLineGroup.BiosE820).Where(l => l.StartsWith("BIOS-e820", StringComparison.Ordinal));
        Assert.Equal(expected, p.Log.Group(BootLineGroup.BiosE820).Where(l => l.StartsWith("BIOS-e820", StringComparison.Ordinal)));

        // Its SRAT lines (a kernel conclusion, no table) give the two nodes, marked as a partial SRAT.
        Assert.NotNull(p.Inputs.Numa);
        Assert.True(p.Inputs.Numa.Partial);
        Assert.Equal(2, p.Nodes.Count);
    }

    [Fact]
    public void Supermicro_genoa_e820_gives_the_logged_zone_ranges_and_its_logged_srat_gives_the_nodes()
    {
        var (p, log) = Predict("dmesg--supermicro-as-4125gs-h13dsg-epyc-genoa-2s--1.5TB-amd-1tb-hole.txt");
        Assert.Null(p.Inputs.EfiMap);
        Assert.Equal(KernelLogGroups.Extract(log, BootLineGroup.ZoneRanges), p.Log.Group(BootLineGroup.ZoneRanges));

        // Model test, not prediction: the SRAT lines are the kernel's own (no table in the log); they give its two nodes,
        // and the SRAT group repeats what the kernel printed.
        Assert.NotNull(p.Inputs.Numa);
        Assert.True(p.Inputs.Numa.Partial);
        Assert.Equal([0, 1], p.Nodes.Select(n => n.Nid));
        Assert.Equal(KernelLogGroups.Extract(log, BootLineGroup.Srat), p.Log.Group(BootLineGroup.Srat));
    }

    [Fact]
    public void Fujitsu_fake_mem_excerpt_the_edited_map_is_not_firmware_input()
    {
        // The mail shows the firmware's map, then the map the kernel printed after efi_fake_mem marked 4 GiB mirrored.
        // Without the command line, the firmware's map has no mirror: the kernel's edit does not stand in for it.
        var (p, _) = Predict("dmesg-excerpt--fujitsu-x86-2node--efi-fake-mem-mirror-before-after.txt");
        Assert.Equal(0UL, p.MirrorBytes);
    }

    [Fact]
    public void Fujitsu_fake_mem_excerpt_applying_the_command_line_gives_the_kernels_mirrored_size_but_its_elided_map_cannot_give_the_total()
    {
        // The patch's own example (2 GiB at 4 GiB and at 0x10a0000000 marked MORE_RELIABLE), in the efi_fake_mem= syntax
        // of 4.6 and later; the model applies it to the firmware's map as the kernel does.
        var (p, log) = Predict("dmesg-excerpt--fujitsu-x86-2node--efi-fake-mem-mirror-before-after.txt",
            "efi_fake_mem=2G@4G:0x10000,2G@0x10a0000000:0x10000", kernel: "4.18");
        var logged = Assert.Single(KernelLogGroups.Extract([.. log.Select(l => l.Trim())], BootLineGroup.EfiMirror));
        Assert.Equal("efi: Memory: 4096M/131455M mirrored memory", logged);
        Assert.Equal(4096UL, p.MirrorBytes >> 20);

        // The mail elided descriptors with "...": the total over the descriptors we have is smaller than the kernel's.
        Assert.True(p.EfiTotalBytes >> 20 < 131455);
    }
}
