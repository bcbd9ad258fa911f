using System.Text.RegularExpressions;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Inputs;

public partial class KernelLogInputReaderTests
{
    private static Machine ReadText(string text) =>
        MachineReader.Read([InputDocument.FromText("log", text)], InputOptions.Default);

    [Fact]
    public void FujitsuExcerpt_TheBeforeMapIsFirmwareTheAfterMapTheKernelsEditAndTheLoggedSummaryKept()
    {
        var inputs = FixtureInputs.Read("dmesg-excerpt--fujitsu-x86-2node--efi-fake-mem-mirror-before-after.txt");
        Assert.Equal(2, inputs.EfiMaps.Count);

        // The "before" map is the firmware's; the "after" map is the kernel's edit: kept, named, never firmware input.
        Assert.Same(inputs.EfiMaps[0], inputs.FirmwareEfiMap);
        Assert.False(inputs.FirmwareEfiMap!.HasMirror);
        var after = Assert.Single(inputs.KernelEfiMaps);
        Assert.Same(inputs.EfiMaps[1], after);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP9006" && d.Location.Line == 10);
        Assert.Equal("efi: Memory: 4096M/131455M mirrored memory", after.LoggedMirrorSummary);
        Assert.Equal("efi: Memory: 4096M/131455M mirrored memory", Assert.Single(inputs.LoggedMirrorSummaries).Line);

        // The excerpt elides mem02..mem34: the mirrored part is complete, the total is a lower bound.
        Assert.Equal(1, after.Elisions);
        Assert.Equal(4096UL, after.Mirror.MirrorMiB);
        Assert.True(after.Mirror.TotalMiB < 131455);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP1022" && d.Location.Line == 12);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP1025" && d.Severity == Diagnostics.Severity.Note);

        // 2015 format: 19-character names, exclusive end, RT for RUN.
        var reserved = after.Descriptors[^1];
        Assert.Equal(40, reserved.Index);
        Assert.Equal(EfiMemoryType.ReservedMemoryType, reserved.Type);
        Assert.Equal(EfiMemoryAttribute.Runtime | EfiMemoryAttribute.UC, reserved.Attribute);
        Assert.Equal(0x30000UL, reserved.NumberOfPages);
    }

    public static TheoryData<string> Captures() => FixtureInputs.Data(FixtureInputs.QemuCaptures());

    /// <summary>The captured map has as many descriptors as the kernel printed in the boot's dmesg (the last boot-time print).</summary>
    [Theory]
    [MemberData(nameof(Captures))]
    public void QemuCapture_MapCountAndMirrorLineMatchTheDmesg(string capture)
    {
        var fromFile = Assert.Single(FixtureInputs.Read($"qemu/{capture}/efi-memmap.txt").EfiMaps);
        var dmesg = FixtureInputs.Read($"qemu/{capture}/dmesg.txt");

        // The firmware's map is the log's first print; a print after it (efi_fake_mem) is the kernel's edit, the map it used.
        var used = dmesg.KernelEfiMaps.Count > 0 ? dmesg.KernelEfiMaps[^1] : dmesg.FirmwareEfiMap!;
        var firmwareFile = File.Exists(Fixtures.PathOf("qemu", capture, "efi-memmap-firmware.txt")) ? "efi-memmap-firmware.txt" : "efi-memmap.txt";
        var firmware = Assert.Single(FixtureInputs.Read($"qemu/{capture}/{firmwareFile}").EfiMaps);
        Assert.Equal(EfiLogFormat.Lines(firmware.Descriptors), EfiLogFormat.Lines(dmesg.FirmwareEfiMap!.Descriptors));

        // Count the kernel's own lines independently of the reader: the last run of "efi: mem" lines starting at mem00
        // before "EFI runtime memory map:".
        var lines = Fixtures.Text("qemu", capture, "dmesg.txt").Split('\n');
        var runtime = Array.FindIndex(lines, l => l.Contains("EFI runtime memory map:", StringComparison.Ordinal));
        var boot = lines.Take(runtime < 0 ? lines.Length : runtime).Where(l => MemLine().IsMatch(l)).ToArray();
        var lastStart = Array.FindLastIndex(boot, l => l.Contains("efi: mem00:", StringComparison.Ordinal));
        var printed = boot.Length - lastStart;

        Assert.Equal(printed, used.Descriptors.Count);
        Assert.Equal(printed, fromFile.Descriptors.Count);
        Assert.Equal(EfiLogFormat.Lines(fromFile.Descriptors), EfiLogFormat.Lines(used.Descriptors));

        var logged = lines.Select(l => MirrorLine().Match(l)).Where(m => m.Success).Select(m => m.Value).SingleOrDefault();
        // The mirror captures (d1, d2, g1, g2, and any later one whose log has the line) must agree exactly.
        Assert.Equal(logged is not null, fromFile.Mirror.KernelPrints);
        if (capture.StartsWith("d1", StringComparison.Ordinal) || capture.StartsWith("d2", StringComparison.Ordinal) || capture.StartsWith('g'))
        {
            Assert.NotNull(logged);
        }

        if (logged is not null)
        {
            Assert.NotNull(logged);
            Assert.Equal(logged, fromFile.Mirror.Line);
            Assert.Equal(logged, used.LoggedMirrorSummary);
            Assert.DoesNotContain(dmesg.Diagnostics, d => d.Code == "FP1025");
        }
    }

    [Fact]
    public void QemuDmesg_RuntimeMapAndCommandLineAreKept()
    {
        var inputs = FixtureInputs.Read("qemu/g1-q35-2node-fakemem512M-61custom/dmesg.txt");
        Assert.Equal([EfiMapRole.Boot, EfiMapRole.Boot, EfiMapRole.Runtime], inputs.EfiMaps.Select(m => m.Role));
        Assert.Equal(141, inputs.EfiMaps[0].Descriptors.Count);
        Assert.Contains(" efi_fake_mem=512M@0x40000000:0x10000 ", inputs.CommandLine!.Text, StringComparison.Ordinal);
        Assert.Equal(2, inputs.CommandLine.Location.Line);
        Assert.Equal("BIOS-e820", inputs.FirmwareE820!.Who);
    }

    [Fact]
    public void Rhel7TypeAttrFormat()
    {
        var inputs = FixtureInputs.Read("dmesg-excerpt--aic-sb202-ur-xeon-2s--rhel7-efi-memmap-type-attr-e820-srat-2node.txt");
        var map = inputs.FirmwareEfiMap!;
        Assert.Equal(64, map.Descriptors.Count);
        var mem46 = map.Descriptors[46];
        Assert.Equal(EfiMemoryType.RuntimeServicesData, mem46.Type);
        Assert.Equal(0x800000000000000fUL, (ulong)mem46.Attribute);
        Assert.Equal(0x60ce6000UL, mem46.PhysicalStart);
        Assert.Equal((0x6ce93000UL - 0x60ce6000UL) >> 12, mem46.NumberOfPages);
        Assert.Equal(15, inputs.FirmwareE820!.Entries.Count);
        Assert.Equal(0x2080000000UL, inputs.FirmwareE820.Entries[^1].Range.End);
    }

    [Fact]
    public void SoftReservedExcerptWithUnpaddedHex()
    {
        var map = FixtureInputs.Read("dmesg-excerpt--intel-x86--efi-fake-mem-SP-soft-reserved-and-iomem.txt").FirmwareEfiMap!;
        Assert.Equal([53, 54, 55, 56], map.Descriptors.Select(d => d.Index));
        Assert.Equal(0x240000000UL, map.Descriptors[0].PhysicalStart);
        Assert.Equal(3, map.Descriptors.Count(d => (d.Attribute & EfiMemoryAttribute.SP) != 0));
    }

    [Fact]
    public void PrefixesOfJournalSyslogDmesgTAndLevelsAreStripped()
    {
        const string line = "[Conventional|   |  |MR|  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000100000000-0x000000017fffffff] (2048MB)";
        var inputs = ReadText(
            $"May 30 05:04:29 host kernel: efi: mem00: {line}\n" +
            $"<6>[    0.000000] efi: mem01: {line.Replace("0x00000001", "0x00000002", StringComparison.Ordinal)}\n" +
            $"[Tue Nov  4 21:29:37 2025] efi: mem02: {line.Replace("0x00000001", "0x00000003", StringComparison.Ordinal)}\n" +
            $"2024-05-30T05:04:29+0000 host kernel: efi: mem03: {line.Replace("0x00000001", "0x00000004", StringComparison.Ordinal)}\n" +
            $"[    0.000000][    T0] efi: mem04: {line.Replace("0x00000001", "0x00000005", StringComparison.Ordinal)}\n" +
            $"kern  :info  : [    0.000000] efi: mem05: {line.Replace("0x00000001", "0x00000006", StringComparison.Ordinal)}\n" +
            $"Nov 26 01:50:31.123456 host kernel: efi: mem06: {line.Replace("0x00000001", "0x00000007", StringComparison.Ordinal)}\n");
        var map = Assert.Single(inputs.EfiMaps);
        Assert.Equal(7, map.Descriptors.Count);
        Assert.Equal("efi: Memory: 14336M/14336M mirrored memory", map.Mirror.Line);
        Assert.Empty(inputs.Diagnostics);
    }

    [Fact]
    public void Arm64DebugFormatAndUnknownBitsAndTypes()
    {
        var inputs = ReadText(
            "efi: Processing EFI memory map:\n" +
            "efi:   0x000080000000-0x0000bfffffff [Conventional|   |MR|  |  |  |  |  |  |  |   |WB|WT|WC|UC]\n" +
            "efi:   0x0000c0000000-0x0000c00fffff [Conventional|attr=0x000000000020000f]\n" +
            "efi:   0x0000c0100000-0x0000c01fffff [type=16|   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC]\n");
        var map = Assert.Single(inputs.EfiMaps);
        Assert.Equal([0, 1, 2], map.Descriptors.Select(d => d.Index));
        Assert.True(map.Descriptors[0].IsMirrored);
        Assert.Equal(0x20000fUL, (ulong)map.Descriptors[1].Attribute);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP1016" && d.Location.Line == 3);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP1015" && d.Location.Line == 4);
    }

    [Fact]
    public void MalformedLog_DamagedLinesAreReportedWithTheirLineNumber()
    {
        var inputs = ReadText(
            "[    0.000000] efi: mem00: [Conventional|   |  |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000000000-0x0000000000000fff] (0MB)\n" +
            "[    0.000000] efi: mem01: [Conventinal|   |  |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000001000-0x0000000000001fff] (0MB)\n" +
            "[    0.000000] efi: mem02: [Conventional|   |  |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000002000-0x00000000\n" +
            "[    0.000000] efi: mem03: [Conventional|   |  |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000003000-0x0000000000003fff] (7MB)\n" +
            "[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usabl\n" +
            "[    0.000000] BIOS-e820: [mem 0x00000000000a0000-0x00000000000fffff] type 77\n");
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP1020" && d.Location.Line == 2);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP1020" && d.Location.Line == 3);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP1021" && d.Location.Line == 4);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP1023" && d.Location.Line == 4);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP2001" && d.Location.Line == 5);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP2003" && d.Location.Line == 6);
        Assert.Equal(2, inputs.EfiMaps[0].Descriptors.Count);
    }

    [Fact]
    public void MalformedLog_ZeroPageDescriptorsInBothEndStyles()
    {
        var inputs = ReadText(
            "efi: mem00: type=7, attr=0xf, range=[0x0000000000001000-0x0000000000001000) (0MB)\n" +
            "efi: mem01: [Conventional|   |  |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000002000-0x0000000000001fff] (0MB)\n");
        Assert.Equal(2, inputs.EfiMaps.Sum(m => m.Descriptors.Count));
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP1010" && d.Location.Line == 1);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP1010" && d.Location.Line == 2);
    }

    [Fact]
    public void InvalidEntriesTheKernelRemovedAreReported()
    {
        var inputs = ReadText(
            "efi: [Firmware Bug]: Invalid EFI memory map entries:\n" +
            "efi: mem09: [Conventional|   |  |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000100000000-0x100000001000fffff] (invalid)\n" +
            "efi: Removing 1 invalid memory map entries.\n" +
            "efi: mem00: [Conventional|   |  |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000000000-0x0000000000000fff] (0MB)\n");
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP1024" && d.Location.Line == 2);
        Assert.Single(Assert.Single(inputs.EfiMaps).Descriptors);
    }

    [GeneratedRegex(@"\] efi: mem\d+: ")]
    private static partial Regex MemLine();

    [GeneratedRegex(@"efi: Memory: \d+M/\d+M mirrored memory")]
    private static partial Regex MirrorLine();
}
