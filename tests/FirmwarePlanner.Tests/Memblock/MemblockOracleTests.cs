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

    /// <summary>The streaming path `fwplan simulate` takes (bytes parsed a line at a time, transcript written as made).</summary>
    [Theory]
    [MemberData(nameof(Scenarios72))]
    public void Linux72_StreamedOutputIsByteIdentical(string scenario)
    {
        var bytes = File.ReadAllBytes(Fixtures.PathOf("memblock", scenario + ".ops"));
        var bag = new FirmwarePlanner.Diagnostics.DiagnosticBag();
        using var transcript = new StringWriter();
        var runner = ScriptRunner.Streaming(transcript, MemblockRevision.Linux7_2);
        ScriptParser.ParseEach(bytes, scenario + ".ops", MemblockRevision.Linux7_2, bag, runner.Step);
        if (!runner.Panicked)
        {
            runner.Finish();
        }

        Assert.Empty(bag.Items);
        Assert.Equal(Fixtures.Text("memblock", scenario + ".expected"), transcript.ToString());
    }

    /// <summary>Hand-made lines: a BOM, CRLF, a comment, invalid UTF-8, a bad number, too many tokens.</summary>
    [Fact]
    public void ParsingBytesALineAtATimeGivesWhatParsingTheTextGives()
    {
        byte[] bytes = [.. "\uFEFFadd 0x0 0x1000\r\nreserve 0x0 0x10 # c\n"u8, 0xE2, 0x82, (byte)'\n', .. "add 0xzz 1\n"u8,
            .. System.Text.Encoding.ASCII.GetBytes(string.Join(' ', Enumerable.Repeat("x", 70)) + "\nadd 0x2000 0x1000"), ];
        var (script, diagnostics) = ScriptParser.Parse(System.Text.Encoding.UTF8.GetString(bytes), "s.ops");
        var bag = new FirmwarePlanner.Diagnostics.DiagnosticBag();
        var ops = new List<ScriptOperation>();
        ScriptParser.ParseEach(bytes, "s.ops", MemblockRevisions.Default, bag, op => { ops.Add(op); return true; });
        Assert.Equal(script.Operations.Select(o => (o.Line, o.Text)), ops.Select(o => (o.Line, o.Text)));
        Assert.Equal(diagnostics.Select(d => (d.Code, d.Location, d.Message)), bag.Items.Select(d => (d.Code, d.Location, d.Message)));
        Assert.Equal(4, diagnostics.Length); // the BOM'd word, the broken bytes, the bad number, the long line
    }

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
