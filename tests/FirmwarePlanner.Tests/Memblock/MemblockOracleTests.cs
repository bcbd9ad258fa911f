using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock;
using FirmwarePlanner.Memblock.Scripting;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Memblock;

/// <summary>
/// Every oracle scenario (<c>fixtures/memblock/*.ops</c>, produced by the unmodified kernel mm/memblock.c) must
/// come out byte-identical, for 7.2 and, where the oracle has it, for 6.12 — with both region storages.
/// </summary>
public class MemblockOracleTests
{
    public static TheoryData<string> Scenarios72 => Rows(Fixtures.PathOf("memblock"));

    public static TheoryData<string> Scenarios612 => Rows(Fixtures.PathOf("memblock", "linux-6.12"));

    [Theory]
    [MemberData(nameof(Scenarios72))]
    public void Linux72_OutputIsByteIdentical(string scenario) =>
        AssertScenario(scenario, MemblockRevision.Linux7_2, Fixtures.Text("memblock", scenario + ".expected"));

    [Theory]
    [MemberData(nameof(Scenarios612))]
    public void Linux612_OutputIsByteIdentical(string scenario) =>
        AssertScenario(scenario, MemblockRevision.Linux6_12, Fixtures.Text("memblock", "linux-6.12", scenario + ".expected"));

    [Fact]
    public void AllScenariosAreFound()
    {
        Assert.True(Scenarios72.Count >= 41, $"only {Scenarios72.Count} 7.2 scenarios");
        Assert.True(Scenarios612.Count >= 39, $"only {Scenarios612.Count} 6.12 scenarios");
    }

    private static void AssertScenario(string scenario, MemblockRevision kernel, string expected)
    {
        var (script, diagnostics) = ScriptParser.Parse(Fixtures.Text("memblock", scenario + ".ops"), scenario + ".ops", kernel);
        Assert.Empty(diagnostics);
        foreach (var storage in new[] { MemblockStorage.Chunked, MemblockStorage.LinearArray })
        {
            var result = ScriptRunner.Run(script, kernel, storage);
            Assert.Equal(expected, result.Output);
        }
    }

    private static TheoryData<string> Rows(string dir)
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(dir, "*.expected").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(f));
        }

        return data;
    }
}
