using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Linux;

/// <summary><c>fwplan predict</c> end to end on real captures: text and JSON snapshots, exit codes.</summary>
public class PredictCommandTests
{
    private static string[] Args(string capture, params string[] extra) =>
        [.. new[] { "predict" }, .. QemuCaptureTests.InputsOf(capture).Select(f => Fixtures.PathOf("qemu", capture, f)), .. extra];

    [Theory]
    [InlineData("d2-q35-2node-mirror512M-kcmirror-612")]
    [InlineData("b-q35-4node-memless-612")]
    [InlineData("c-q35-hotplug-movable-612")]
    public void Text_snapshot(string capture)
    {
        var (code, output, _) = CliRunner.Run(Args(capture, "--memblock"));
        Assert.Equal(0, code);
        TextSnapshot.Match(output, "PredictCommandTests.Text_" + capture);
    }

    [Fact]
    public void Json_snapshot()
    {
        var (code, output, _) = CliRunner.Run(Args("h1-q35-3node-mirror2-kcmirror-612", "--format", "json"));
        Assert.Equal(0, code);
        Assert.Contains("\"schemaVersion\": 1", output, StringComparison.Ordinal);
        TextSnapshot.Match(output, "PredictCommandTests.Json_h1");
    }

    [Fact]
    public void Same_input_gives_byte_identical_output()
    {
        var a = CliRunner.Run(Args("a-q35-2node-612", "--format", "json"));
        var b = CliRunner.Run(Args("a-q35-2node-612", "--format", "json"));
        Assert.Equal(a.Out, b.Out);
    }

    [Fact]
    public void Without_a_memory_map_nothing_is_predicted_and_exit_is_2()
    {
        var (code, output, err) = CliRunner.Run("predict", Fixtures.PathOf("qemu", "a-q35-2node-612", "SRAT.bin"));
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("nothing can be predicted", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_srat_the_notes_say_numa_is_assumed_absent_and_a_node_is_faked()
    {
        var capture = "a-q35-2node-612";
        var (code, output, err) = CliRunner.Run("predict", Fixtures.PathOf("qemu", capture, "efi-memmap.txt"), "--cmdline", "console=ttyS0 numa_balancing=enable");
        Assert.Equal(0, code);
        Assert.Contains("No NUMA configuration found\nFaking a node at [mem 0x0000000000000000-0x000000017fffffff]\n", output, StringComparison.Ordinal);
        Assert.Contains("assumes there is no SRAT", err, StringComparison.Ordinal);
        Assert.Contains("not modeled: numa_balancing=enable (", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_cmdline_overrides_the_file_and_kernelcore_mirror_without_mirror_is_reported()
    {
        var (code, output, _) = CliRunner.Run(Args("a-q35-2node-612", "--cmdline", "kernelcore=mirror"));
        Assert.Equal(0, code);
        Assert.Contains("The system has no mirror memory, ignore kernelcore=mirror.\n", output, StringComparison.Ordinal);
    }
}
