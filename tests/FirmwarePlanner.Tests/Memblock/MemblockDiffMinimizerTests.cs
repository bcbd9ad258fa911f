using FirmwarePlanner.Memblock;
using System.IO.Compression;
using FirmwarePlanner.Common;
using FirmwarePlanner.Tests.Support;
using FirmwarePlanner.Tools.MemblockDiff;

namespace FirmwarePlanner.Tests.Memblock;

/// <summary>
/// <c>tools/memblock-diff --minimize</c> on a planted divergence: the tool's engine side is switched to
/// <see cref="Plant.FreeLastResult"/> (a freeing <c>free_last</c> reports 1), never the product. The script is
/// corpus script g0321 (227 operations, one freeing free_last), whose oracle output the real engine matches.
/// </summary>
public class MemblockDiffMinimizerTests
{
    private const string Name = "g0321";

    private static string Script => Fixtures.Text("memblock", "generated", Name + ".ops");

    private static Outcome Kernel72
    {
        get
        {
            using var gz = new GZipStream(File.OpenRead(Fixtures.PathOf("memblock", "generated", Name + ".expected.gz")), CompressionMode.Decompress);
            using var reader = new StreamReader(gz);
            return new Outcome(reader.ReadToEnd(), 0);
        }
    }

    [Fact]
    public void PlantedDivergence_IsSeenOnTheFullScript_AndOnlyWithThePlant()
    {
        Assert.Null(Outcome.Compare(Kernel72, EngineRunner.Run(Script, MemblockRevision.Linux7_2)));
        var diff = Outcome.Compare(Kernel72, EngineRunner.Run(Script, MemblockRevision.Linux7_2, Plant.FreeLastResult));
        Assert.NotNull(diff);
        Assert.Equal("= 0", diff.Expected);
        Assert.Equal("= 1", diff.Actual);
    }

    [Fact]
    public void Minimize_ShrinksThePlantedDivergenceToAtMostFiveOperations()
    {
        // Reference: the unplanted engine, which is byte-identical to the kernel on this script (test above);
        // the kernel itself is the reference in the test below when its oracle binary is built.
        static bool Differs(string t) =>
            Outcome.Compare(EngineRunner.Run(t, MemblockRevision.Linux7_2), EngineRunner.Run(t, MemblockRevision.Linux7_2, Plant.FreeLastResult)) is not null;
        Assert.True(Minimizer.OperationCount(Script) > 200);

        var small = Minimizer.Minimize(Script, Differs);

        Assert.True(Differs(small));
        Assert.InRange(Minimizer.OperationCount(small), 1, 5);
        Assert.Contains("free_last", small, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Minimize_AgainstTheKernelOracle_ShrinksToAtMostFiveOperations()
    {
        var binary = Oracle.ExistingBinary(MemblockRevision.Linux7_2);
        Skip.If(binary is null, "memblock-oracle not built (../shared/tools/memblock-oracle/build.sh 7.2)");
        Outcome KernelRun(string t)
        {
            var (rc, output, _) = Oracle.Exec(binary!, ["-"], t);
            return new Outcome(output, rc);
        }

        Assert.Null(Outcome.Compare(Kernel72, KernelRun(Script)));
        var small = Minimizer.Minimize(Script, t => Outcome.Compare(KernelRun(t), EngineRunner.Run(t, MemblockRevision.Linux7_2, Plant.FreeLastResult)) is not null);

        Assert.InRange(Minimizer.OperationCount(small), 1, 5);
        Assert.NotNull(Outcome.Compare(KernelRun(small), EngineRunner.Run(small, MemblockRevision.Linux7_2, Plant.FreeLastResult)));
    }
}
