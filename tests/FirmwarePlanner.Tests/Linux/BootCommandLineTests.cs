using FirmwarePlanner.Linux;

namespace FirmwarePlanner.Tests.Linux;

/// <summary>Parameter lookups on a parsed command line: the kernel's parameq() treats '-' and '_' as one character.</summary>
public class BootCommandLineTests
{
    private static readonly BootCommandLine Line =
        BootCommandLine.Parse("BOOT_IMAGE=/vmlinuz kernelcore=mirror efi-fake-mem=1G@4G:0x10000 efi_fake_mem=2G@8G:0x10000 quiet");

    [Fact]
    public void Dash_and_underscore_name_the_same_parameter_in_command_line_order()
    {
        Assert.Equal(["1G@4G:0x10000", "2G@8G:0x10000"], Line.ValuesOf("efi_fake_mem"));
        Assert.Equal("2G@8G:0x10000", Line.Last("efi-fake-mem"));
        Assert.True(Line.Has("quiet"));
        Assert.Null(Line.Last("quiet"));
    }

    [Theory]
    [InlineData("kernelcore", "kernelcore", true)]
    [InlineData("kernel-core", "kernel_core", true)]
    [InlineData("kernelcore", "kernelcor", false)]
    [InlineData("kernelcore", "Kernelcore", false)]
    [InlineData("a-b", "a_c", false)]
    public void Names_compare_as_parameq(string a, string b, bool same) => Assert.Equal(same, BootCommandLine.SameName(a, b));

    [Fact]
    public void A_parameter_not_given_has_no_values()
    {
        Assert.Empty(Line.ValuesOf("memmap"));
        Assert.False(Line.Has("memmap"));
        Assert.Null(Line.Last("memmap"));
    }
}
