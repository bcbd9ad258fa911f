using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Cli;

public class InspectCommandTests
{
    [Fact]
    public void MissingFileExits2WithOneLine()
    {
        var (code, output, err) = CliRunner.Run("inspect", "no-such-file.txt");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("fwplan inspect: no-such-file.txt: no such file or directory\n", err);
    }

    [Fact]
    public void UnusableInputExits2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fwplan-unusable-{Environment.ProcessId}.txt");
        File.WriteAllText(path, "nothing that looks like a memory map\n");
        try
        {
            var (code, _, err) = CliRunner.Run("inspect", path);
            Assert.Equal(2, code);
            Assert.Single(err.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MirrorCaptureExits0AndPrintsTheLinuxLine()
    {
        var (code, output, _) = CliRunner.Run("inspect", Fixtures.PathOf("qemu", "d1-q35-2node-mirror512M-612", "efi-memmap.txt"));
        Assert.Equal(0, code);
        Assert.Contains("\n    efi: Memory: 512M/4355M mirrored memory\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void DirectoryBundleAsJson()
    {
        var (code, output, _) = CliRunner.Run("inspect", "--format", "json", Fixtures.PathOf("qemu", "e-pc-2node-612-bin"));
        Assert.Equal(0, code);
        Assert.StartsWith("{\n  \"schemaVersion\": 1,", output, StringComparison.Ordinal);
        Assert.Contains("\"descriptorSize\": 48", output, StringComparison.Ordinal);
    }

    [Fact]
    public void WarningsExit1()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fwplan-warn-{Environment.ProcessId}.txt");
        File.WriteAllText(path, "efi: mem00: [Conventional|   |  |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000000000-0x0000000000000fff] (0MB)\n" +
            "efi: mem01: [MMIO        |   |  |MR|  |  |  |  |  |  |  |   |  |  |  |UC] range=[0x00000000e0000000-0x00000000efffffff] (256MB)\n");
        try
        {
            var (code, output, _) = CliRunner.Run("inspect", path);
            Assert.Equal(1, code);
            Assert.Contains("warning FP1017", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
