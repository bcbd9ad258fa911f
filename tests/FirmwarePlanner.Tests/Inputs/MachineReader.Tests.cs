using FirmwarePlanner.Checks;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Inputs;

public class MachineReaderTests
{
    [Fact]
    public void QemuBundleIsSortedOutByContent()
    {
        var folder = Fixtures.PathOf("qemu", "d1-q35-2node-mirror512M-612-bin");
        var docs = Directory.GetFiles(folder).Order(StringComparer.Ordinal)
            .Select(f => new InputDocument("d1/" + Path.GetFileName(f), File.ReadAllBytes(f))).ToArray();
        var inputs = MachineReader.Read(docs, InputOptions.Default);

        Assert.Equal(EfiMapForm.Binary, inputs.FirmwareEfiMap!.Form);
        Assert.Equal(CommandLineOrigin.File, inputs.CommandLine!.Origin);
        Assert.Contains("efi=debug", inputs.CommandLine.Text, StringComparison.Ordinal);
        Assert.Contains(inputs.Documents, d => d.Name == "d1/dmesg.txt" && d.Format == "kernel log");
        Assert.Contains(inputs.Documents, d => d.Name == "d1/efi-memmap.txt" && d.Format == "kernel log");
        Assert.Contains(inputs.Documents, d => d.Name == "d1/efi-memmap-bin.json" && d.Format.StartsWith("EFI map metadata", StringComparison.Ordinal));
        // The raw buffer and the same boot's efi=debug print agree descriptor for descriptor: not a finding.
        Assert.DoesNotContain(inputs.Diagnostics, d => d.Code == "FP9003");
        Assert.DoesNotContain(inputs.Diagnostics, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void UnrecognizedDocumentIsANote()
    {
        var inputs = MachineReader.Read(
            [InputDocument.FromText("readme", "# hello\nnothing here\n"), FixtureInputs.Document("uefi-shell-memmap--ovmf-qemu-x86-128M.txt")],
            InputOptions.Default);
        var d = Assert.Single(inputs.Diagnostics);
        Assert.Equal("FP9001", d.Code);
        Assert.Equal(Severity.Note, d.Severity);
        Assert.Equal(0, inputs.ExitCode);
        Assert.Equal(117, inputs.FirmwareEfiMap!.Descriptors.Count);
    }

    /// <summary>Hand-made: OVMF's shell with firmware-set MORE_RELIABLE (bit 16) on one range; no real capture has it.</summary>
    [Fact]
    public void UefiShellShowsMirrorAsAttributeBit16()
    {
        var inputs = MachineReader.Read([InputDocument.FromText("shell",
            "Type       Start            End              # Pages          Attributes\n" +
            "Available  0000000000100000-000000003FFFFFFF 000000000003FF00 000000000001000F\n" +
            "Available  0000000040000000-000000007FFFFFFF 0000000000040000 000000000000000F\n" +
            "RT_Data    0000000080000000-0000000080000FFF 0000000000000002 800000000000000F\n")], InputOptions.Default);
        var map = inputs.FirmwareEfiMap!;
        Assert.Equal(EfiMapForm.UefiShell, map.Form);
        Assert.True(map.Descriptors[0].IsMirrored);
        Assert.Equal("efi: Memory: 1023M/2047M mirrored memory", map.Mirror.Line);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP1021" && d.Location.Line == 4);
    }

    [Fact]
    public void NothingUsableIsAnError()
    {
        var inputs = MachineReader.Read([InputDocument.FromText("x", "hello\n")], InputOptions.Default);
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP9002");
        Assert.Equal(ExitCodes.Unusable, inputs.ExitCode);
    }

    [Fact]
    public void UefiShellMatchesTheE820OfTheSameVm()
    {
        // The OVMF VM's shell map and the e820 Linux built from it: EFI RAM types collapse into "usable".
        var inputs = FixtureInputs.Read("uefi-shell-memmap--ovmf-qemu-x86-128M.txt",
            "dmesg-excerpt--ovmf-qemu-x86-128M--bios-e820-same-vm-as-uefi-shell-memmap.txt");
        var ram = inputs.FirmwareEfiMap!.Descriptors.Where(d => EfiMemoryTypes.IsUsableRam(d.Type))
            .Aggregate(0UL, (s, d) => s + (d.NumberOfPages << 12));
        var usable = inputs.FirmwareE820!.Entries.Where(e => e.Type == FirmwarePlanner.E820.E820Type.Ram).Aggregate(0UL, (s, e) => s + e.Range.Size);
        Assert.Equal(ram, usable);
    }

    [Fact]
    public void EveryDiagnosticCodeIsInTheCatalogOnce()
    {
        var ids = DiagnosticCatalog.All.Select(d => d.Id).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(EfiDiagnostics.All, d => Assert.StartsWith("FP1", d.Id, StringComparison.Ordinal));
        Assert.All(FirmwarePlanner.E820.E820Diagnostics.All, d => Assert.StartsWith("FP2", d.Id, StringComparison.Ordinal));
        Assert.All(InputDiagnostics.All, d => Assert.StartsWith("FP9", d.Id, StringComparison.Ordinal));
    }
}
