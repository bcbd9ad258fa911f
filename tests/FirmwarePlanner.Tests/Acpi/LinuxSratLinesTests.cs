using System.Text.RegularExpressions;
using FirmwarePlanner.Numa;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>The compact kernel lines of an SRAT reading read as the lines real kernels printed for the same tables.</summary>
public partial class LinuxSratLinesTests
{
    public static TheoryData<string> PairsWithApicLines() =>
        [.. Directory.EnumerateDirectories(Fixtures.PathOf("linuxhw-pairs"))
            .Where(d => File.ReadLines(Path.Combine(d, "dmesg.txt")).Any(l => ApicLine().IsMatch(l)))
            .Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(PairsWithApicLines))]
    public void LinuxhwPair_ApicDebugLinesEqualDmesg(string pair)
    {
        var file = File.Exists(Fixtures.PathOf("linuxhw-pairs", pair, "acpidump.txt")) ? "acpidump.txt" : "acpi-decoded.txt";
        var lines = AcpiFixtureSupport.Linux($"linuxhw-pairs/{pair}/{file}")!.Lines;
        var kernel = Fixtures.Text("linuxhw-pairs", pair, "dmesg.txt").Split('\n').Select(l => ApicLine().Match(l.TrimEnd('\r'))).Where(m => m.Success)
            .Select(m => m.Value).ToArray();

        // The dmesg files are the head of the real log, so the kernel's lines are the first of ours.
        var predicted = Enumerable.Range(0, lines.Count).Where(i => lines.Level(i) == KernelMessageLevel.Debug).Select(lines.Text).ToArray();
        Assert.Equal(kernel, predicted.Take(kernel.Length));
        Assert.All(Enumerable.Range(0, lines.Count), i => Assert.True(lines.IsSingleLine(i)));
    }

    [Fact]
    public void QemuCapture_EnumeratedMessagesEqualIndexedText()
    {
        var srat = LinuxSratValidation.Parse(Fixtures.Bytes("qemu", "b-q35-4node-memless-612", "SRAT.bin"), "SRAT.bin").Table!;
        var lines = LinuxSratReader.Read(srat).Lines;
        Assert.Contains(lines, l => l is { Level: KernelMessageLevel.Info, Text: "ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]" });
        Assert.Equal(lines.Select(l => l.Text), Enumerable.Range(0, lines.Count).Select(lines.Text));
    }

    [GeneratedRegex(@"SRAT: PXM \d+ -> APIC 0x[0-9a-f]+ -> Node \d+$")]
    private static partial Regex ApicLine();
}
