using FirmwarePlanner.Inputs;
using FirmwarePlanner.Linux;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Linux;

/// <summary>
/// Real logs of real machines in fixtures/: each log is the only input; what it contains completely is predicted
/// and compared with the kernel's own lines, and what it lacks is named.
/// </summary>
public class FixtureLogTests
{
    private static (BootPrediction Prediction, string[] Log) Predict(string file)
    {
        var bytes = Fixtures.Bytes(file);
        var assembled = PredictInputs.Assemble([new InputDocument(file, bytes)], new PredictRequest("6.12", BootArch.X64, null));
        return (BootModel.Run(assembled.Inputs), KernelLogGroups.Lines(System.Text.Encoding.UTF8.GetString(bytes)));
    }

    [Fact]
    public void Aic_rhel7_efi_map_gives_the_logged_bios_e820_table()
    {
        // RHEL 7 printed its EFI map (old type/attr form) and the e820 table the EFI stub made from it.
        var (p, log) = Predict("dmesg-excerpt--aic-sb202-ur-xeon-2s--rhel7-efi-memmap-type-attr-e820-srat-2node.txt");
        Assert.NotNull(p.Inputs.EfiMap);
        var expected = KernelLogGroups.Extract(log, BootLineGroup.BiosE820).Where(l => l.StartsWith("BIOS-e820", StringComparison.Ordinal));
        Assert.Equal(expected, p.Log.Group(BootLineGroup.BiosE820).Where(l => l.StartsWith("BIOS-e820", StringComparison.Ordinal)));
        Assert.Contains(p.Notes, n => n.Message.Contains("assumes there is no SRAT", StringComparison.Ordinal));
    }

    [Fact]
    public void Supermicro_genoa_e820_gives_the_logged_zone_ranges_but_not_its_numa()
    {
        var (p, log) = Predict("dmesg--supermicro-as-4125gs-h13dsg-epyc-genoa-2s--1.5TB-amd-1tb-hole.txt");
        Assert.Null(p.Inputs.EfiMap);
        Assert.Equal(KernelLogGroups.Extract(log, BootLineGroup.ZoneRanges), p.Log.Group(BootLineGroup.ZoneRanges));

        // The log's SRAT lines come from a table we do not have: NUMA is named as not predictable.
        Assert.NotEmpty(KernelLogGroups.Extract(log, BootLineGroup.Srat));
        Assert.Empty(p.Log.Group(BootLineGroup.Srat));
        Assert.Contains(p.Notes, n => n.Topic == "numa" && n.Message.Contains("no SRAT among the inputs", StringComparison.Ordinal));
    }

    [Fact]
    public void Fujitsu_fake_mem_excerpt_gives_the_mirrored_size_but_its_elided_map_cannot_give_the_total()
    {
        var (p, log) = Predict("dmesg-excerpt--fujitsu-x86-2node--efi-fake-mem-mirror-before-after.txt");
        var logged = Assert.Single(KernelLogGroups.Extract([.. log.Select(l => l.Trim())], BootLineGroup.EfiMirror));
        Assert.Equal("efi: Memory: 4096M/131455M mirrored memory", logged);
        Assert.Equal(4096UL, p.MirrorBytes >> 20);

        // The mail elided descriptors with "...": the total over the descriptors we have is smaller than the kernel's.
        Assert.True(p.EfiTotalBytes >> 20 < 131455);
    }
}
