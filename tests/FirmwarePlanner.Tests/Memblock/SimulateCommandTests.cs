using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Memblock;

public class SimulateCommandTests
{
    [Fact]
    public void GoodScript_PrintsTheOracleOutput()
    {
        var (code, output, err) = CliRunner.Run("simulate", Fixtures.PathOf("memblock", "42_x86_uefi_boot_mirror.ops"));
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        Assert.Equal(Fixtures.Text("memblock", "42_x86_uefi_boot_mirror.expected"), output);
    }

    [Fact]
    public void GoodScript_Kernel612_PrintsThe612Output()
    {
        var (code, output, _) = CliRunner.Run("simulate", Fixtures.PathOf("memblock", "41_debug_log_formats.ops"), "--kernel", "6.12");
        Assert.Equal(0, code);
        Assert.Equal(Fixtures.Text("memblock", "linux-6.12", "41_debug_log_formats.expected"), output);
    }

    [Fact]
    public void MalformedScript_ExitsTwoWithTheLineNumber()
    {
        var path = WriteTemp("add 0x1000 0x2000\n# comment\nalloc 0x1000 banana 0 ACCESSIBLE any\n");
        try
        {
            var (code, output, err) = CliRunner.Run("simulate", path);
            Assert.Equal(2, code);
            Assert.Equal(string.Empty, output);
            Assert.Contains("line 3:", err, StringComparison.Ordinal);
            Assert.Contains("FP4003", err, StringComparison.Ordinal);
            Assert.Single(err.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SevenOnlyOperation_Under612_ExitsTwo()
    {
        var (code, _, err) = CliRunner.Run("simulate", Fixtures.PathOf("memblock", "49_reserve_kern_flags_v7.ops"), "--kernel", "6.12");
        Assert.Equal(2, code);
        Assert.Contains("FP4006", err, StringComparison.Ordinal);
        Assert.Contains("line 7:", err, StringComparison.Ordinal);
    }

    [Fact]
    public void PanicScript_PrintsUpToThePanicAndExitsOne()
    {
        var (code, output, err) = CliRunner.Run("simulate", Fixtures.PathOf("memblock", "36_memory_array_growth_no_resize.ops"));
        Assert.Equal(1, code);
        Assert.Equal(Fixtures.Text("memblock", "36_memory_array_growth_no_resize.expected"), output);
        Assert.Contains("FP4020", err, StringComparison.Ordinal);
    }

    [Fact]
    public void BadKernelOption_ExitsTwo()
    {
        var (code, _, err) = CliRunner.Run("simulate", Fixtures.PathOf("memblock", "01_add_disjoint_sorted.ops"), "--kernel", "5.4");
        Assert.Equal(2, code);
        Assert.Contains("--kernel", err, StringComparison.Ordinal);
    }

    private static string WriteTemp(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fwplan-sim-{Guid.NewGuid():N}.ops");
        File.WriteAllText(path, text);
        return path;
    }
}
