using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Cli;

public class CliBasicsTests
{
    [Fact]
    public void UnknownVerbIsAUsageError()
    {
        var (code, _, err) = CliRunner.Run("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("frobnicate", err, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpListsTheToolAndExitsZero()
    {
        var (code, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("fwplan", output, StringComparison.Ordinal);
    }
}
