using System.Text.Json;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Numa;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary><c>fwplan inspect</c> with ACPI inputs: SRAT/SLIT beside the other maps, the kernel's lines verbatim, JSON.</summary>
public class AcpiInspectTests
{
    [Fact]
    public void Inspect_QemuBundle_PrintsTheKernelsSratLinesExactly()
    {
        var dir = Fixtures.PathOf("qemu", "b-q35-4node-memless-612");
        var (code, output, _) = CliRunner.Run("inspect", Path.Combine(dir, "SRAT.bin"), Path.Combine(dir, "SLIT.bin"), Path.Combine(dir, "efi-memmap.txt"));
        Assert.Equal(0, code);
        var kernel = Fixtures.Text("qemu", "b-q35-4node-memless-612", "dmesg.txt").Split('\n')
            .Where(l => l.Contains("ACPI: SRAT: Node ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(']', StringComparison.Ordinal) + 2)..].TrimEnd());
        foreach (var line in kernel)
        {
            Assert.Contains("  " + line + "\n", output, StringComparison.Ordinal);
        }

        Assert.Contains("EFI memory map", output, StringComparison.Ordinal);
        Assert.Contains("SLIT 4 localities, Linux uses it", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_Json_CarriesSratSlitAndLinuxReading()
    {
        var (code, output, _) = CliRunner.Run("inspect", "--format", "json", Fixtures.PathOf("acpidump--dell-poweredge-r820--4node.txt"));
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var acpi = doc.RootElement.GetProperty("acpi");
        Assert.Equal(1, doc.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(19, acpi.GetProperty("tables").GetArrayLength());
        Assert.Equal(106, acpi.GetProperty("srat").GetProperty("subtables").GetArrayLength());
        Assert.Equal(5, acpi.GetProperty("slit").GetProperty("distances").GetArrayLength());
        var linux = acpi.GetProperty("linux");
        Assert.True(linux.GetProperty("sratUsed").GetBoolean());
        Assert.Equal("ACPI: SRAT: Node 0 PXM 1 [mem 0x00000000-0x43fffffff]", linux.GetProperty("kernelLines")[0].GetString());
    }

    [Fact]
    public void Inspect_DumpWithoutSrat_IsANoteNotAnError()
    {
        var (code, output, err) = CliRunner.Run("inspect", Fixtures.PathOf("acpidump--dell-latitude-7480-laptop--no-srat.txt"));
        Assert.Equal(0, code);
        Assert.Contains("note FP3013", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, err);
    }

    [Fact]
    public void Inspect_Output_IsDeterministic()
    {
        var path = Fixtures.PathOf("acpi-decoded--hp-proliant-dl380e-gen8--2node.txt");
        Assert.Equal(CliRunner.Run("inspect", "--format", "json", path).Out, CliRunner.Run("inspect", "--format", "json", path).Out);
    }

    [Fact]
    public void KernelLogOnly_GivesAPartialSratWithTheLoggedLines()
    {
        var name = "dmesg--supermicro-as-4125gs-h13dsg-epyc-genoa-2s--1.5TB-amd-1tb-hole.txt";
        var inputs = MachineReader.Read([new InputDocument(name, Fixtures.Bytes(name))], InputOptions.Default);
        var linux = inputs.Acpi!.Linux!;
        Assert.True(linux.Info.Partial);
        Assert.True(linux.Info.Usable);
        Assert.Equal(
            [
                "ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]",
                "ACPI: SRAT: Node 0 PXM 0 [mem 0x000c0000-0xafffffff]",
                "ACPI: SRAT: Node 0 PXM 0 [mem 0x100000000-0xc04fffffff]",
                "ACPI: SRAT: Node 1 PXM 1 [mem 0xc050000000-0xfc4fffffff]",
                "ACPI: SRAT: Node 1 PXM 1 [mem 0x10000000000-0x183ffffffff]",
            ],
            linux.NodeLines);
        Assert.Equal(384, linux.Info.Cpus.Count);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP3018");
    }

    [Fact]
    public void KernelLog_OldFormatWithoutPrefix_IsRead()
    {
        string[] log = ["[    0.000000] SRAT: Node 1 PXM 3 [mem 0x480000000-0x87fffffff] hotplug", "[    0.000000] SRAT: SRAT not used."];
        var reading = SratLogReader.Read(log.Select(l => l[15..]), "log")!;
        var block = Assert.Single(reading.Info.MemoryBlocks);
        Assert.Equal((1, 3u, 0x480000000UL, 0x880000000UL, true), (block.Node, block.Pxm, block.Range.Start, block.Range.End, block.Hotpluggable));
        Assert.False(reading.Info.Usable);
    }

    [Fact]
    public void TablesGivenTwice_AreNotReportedAsASecondSrat()
    {
        var dir = Fixtures.PathOf("qemu", "a-q35-2node-612");
        var docs = new[] { "SRAT.bin", "SRAT.dsl" }.Select(f => new InputDocument(f, File.ReadAllBytes(Path.Combine(dir, f)))).ToList();
        var inputs = MachineReader.Read(docs, InputOptions.Default);
        Assert.DoesNotContain(inputs.Diagnostics, d => d.Code == "FP3014");
        Assert.Empty(inputs.Acpi!.OtherSrats);
    }

    [Fact]
    public void DifferentSecondSrat_IsReported()
    {
        var a = Fixtures.Bytes("qemu", "a-q35-2node-612", "SRAT.bin");
        var b = Fixtures.Bytes("qemu", "b-q35-4node-memless-612", "SRAT.bin");
        var inputs = MachineReader.Read([new InputDocument("a.bin", a), new InputDocument("b.bin", b)], InputOptions.Default);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP3014" && d.Location.Source == "b.bin");
        Assert.Equal("a.bin", inputs.Acpi!.Srat!.Table!.Table.Source);
    }
}
