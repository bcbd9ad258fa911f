using FirmwarePlanner.Planning;
using Xunit.Abstractions;

namespace FirmwarePlanner.Tests.Planning;

public class PlacementCaptureTests(ITestOutputHelper output)
{
    public static TheoryData<string> MirrorCaptures => new(
        Directory.GetDirectories(Support.Fixtures.PathOf("qemu"))
            .Select(Path.GetFileName)
            .Where(n => File.Exists(Support.Fixtures.PathOf("qemu", n!, "kernel-summary.json")) && File.ReadAllText(Support.Fixtures.PathOf("qemu", n!, "kernel-summary.json")).Contains("\"MR\"", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(MirrorCaptures))]
    public void PredictsTheKernelsMirrorWarningsAndNodeDataLines(string folder)
    {
        var (machine, profile) = CaptureMachine.Load(folder);
        var run = PlacementRunner.Run(machine, profile, mirrorFirst: true);
        foreach (var a in run.Allocations)
        {
            output.WriteLine($"{a.ItemId,-24} {a.Call,-40} n={a.RequestedNode} {a.Size,12:x} @ {a.Address:x} node {a.Node} mirr {a.MirroredBytes:x}");
        }

        var dmesg = CaptureMachine.DmesgLines(folder);
        string[] Pick(IEnumerable<string> lines) => lines.Where(l =>
            l.StartsWith("Could not allocate", StringComparison.Ordinal) || l.Contains("NODE_DATA(", StringComparison.Ordinal)
            || l.StartsWith("This configuration results", StringComparison.Ordinal)).ToArray();
        var expected = Pick(dmesg);
        var actual = Pick(run.KernelLines);
        output.WriteLine(string.Join('\n', run.KernelLines));
        Assert.Equal(expected, actual);
    }
}
