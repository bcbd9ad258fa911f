using System.Text.RegularExpressions;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Numa;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>The SRAT node lines we predict equal what real kernels printed for the same tables.</summary>
public partial class LinuxSratReaderFixtureTests
{
    public static TheoryData<string> QemuCaptures() =>
        [.. Directory.EnumerateDirectories(Fixtures.PathOf("qemu")).Where(d => File.Exists(Path.Combine(d, "SRAT.bin")))
            .Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    public static TheoryData<string> LinuxhwPairs() =>
        [.. Directory.EnumerateDirectories(Fixtures.PathOf("linuxhw-pairs")).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(QemuCaptures))]
    public void QemuCapture_NodeLinesEqualDmesg(string capture)
    {
        var srat = LinuxSratValidation.Parse(Fixtures.Bytes("qemu", capture, "SRAT.bin"), "SRAT.bin").Table!;
        var predicted = LinuxSratReader.Read(srat).NodeLines.ToArray();
        var kernel = Fixtures.Text("qemu", capture, "dmesg.txt").Split('\n')
            .Select(StripTimestamp).Where(l => l.StartsWith("ACPI: SRAT: Node ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(kernel);
        Assert.Equal(kernel, predicted);
    }

    [Theory]
    [MemberData(nameof(LinuxhwPairs))]
    public void LinuxhwPair_NodeLinesEqualExpected(string pair)
    {
        var file = File.Exists(Fixtures.PathOf("linuxhw-pairs", pair, "acpidump.txt")) ? "acpidump.txt" : "acpi-decoded.txt";
        var reading = AcpiFixtureSupport.Linux($"linuxhw-pairs/{pair}/{file}")!;
        var expected = Fixtures.Text("linuxhw-pairs", pair, "expected-srat-lines.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // Kernels before ~4.x printed the same line without the "ACPI: " pr_fmt prefix.
        var predicted = reading.NodeLines.Select(l => expected[0].StartsWith("ACPI: ", StringComparison.Ordinal) ? l : l["ACPI: ".Length..]).ToArray();
        Assert.Equal(expected, predicted);
        Assert.True(reading.Info.Usable);
    }

    [Fact]
    public void MemorylessNode_StillTakesANodeId()
    {
        var srat = LinuxSratValidation.Parse(Fixtures.Bytes("qemu", "b-q35-4node-memless-612", "SRAT.bin"), "SRAT.bin").Table!;
        var info = LinuxSratReader.Read(srat).Info;
        Assert.Equal(3, info.PxmToNode[3]);
        Assert.DoesNotContain(info.MemoryBlocks, b => b.Node == 3);
        Assert.Contains(info.Cpus, c => c.Node == 3);
        Assert.Equal([0, 1, 2, 3], info.Nodes);
    }

    [Fact]
    public void DellR820_PxmsOneToFour_BecomeNodesZeroToThree()
    {
        var info = AcpiFixtureSupport.Linux("acpidump--dell-poweredge-r820--4node.txt")!.Info;
        Assert.Equal(new Dictionary<uint, int> { [1] = 0, [2] = 1, [3] = 2, [4] = 3 }, info.PxmToNode);
        Assert.Equal(80, info.Cpus.Count);
        Assert.NotNull(info.Distances);
        Assert.Equal(30, info.Distances![0, 2]);
    }

    private static string StripTimestamp(string line) => Timestamp().Replace(line.TrimEnd('\r'), string.Empty);

    [GeneratedRegex(@"^\[\s*\d+\.\d+\]\s")]
    private static partial Regex Timestamp();
}
