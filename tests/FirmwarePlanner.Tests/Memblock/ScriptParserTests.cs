using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock;
using FirmwarePlanner.Memblock.Scripting;

namespace FirmwarePlanner.Tests.Memblock;

public class ScriptParserTests
{
    [Theory]
    [InlineData("frobnicate 1 2", "FP4001")]
    [InlineData("add 0x1000", "FP4002")]
    [InlineData("add 0x1000 0x1000 0 HOTPLUG extra", "FP4002")]
    [InlineData("add 0x1000 0xzz", "FP4003")]
    [InlineData("add 0x1000 0x1KB", "FP4003")]
    [InlineData("add 0x1000 --1", "FP4003")]
    [InlineData("add 0x1000 -ANYWHERE", "FP4003")]
    [InlineData("add 0x1000 0x1000 node7", "FP4004")]
    [InlineData("add 0x1000 0x1000 ANYWHERE", "FP4004")]
    [InlineData("add 0x1000 0x1000 0 SHINY", "FP4005")]
    [InlineData("alloc 0x1000 0x1000 0 ACCESSIBLE any precise", "FP4007")]
    [InlineData("set_node 0 0x1000 0 elsewhere", "FP4007")]
    [InlineData("set_node 0 0x1000 0 memory", "FP4007")]
    public void MalformedLine_ReportsCodeAndLine(string line, string code)
    {
        var (script, diagnostics) = ScriptParser.Parse("add 0 0x1000\n\n" + line + "\n", "t.ops");
        var d = Assert.Single(diagnostics);
        Assert.Equal(code, d.Code);
        Assert.Equal(3, d.Location.Line);
        Assert.Single(script.Operations);
    }

    [Fact]
    public void SevenOnlyWordsAndFlags_AreRejectedFor612()
    {
        var text = "reserve_kern 0 0x1000\nadd 0 0x1000 0 RSRV_KERN\nmark_kern 0 1\nadd 0 0x1000 0 MIRROR\n";
        var (script, diagnostics) = ScriptParser.Parse(text, "t.ops", MemblockRevision.Linux6_12);
        Assert.Equal(["FP4006", "FP4006", "FP4006"], diagnostics.Select(d => d.Code));
        Assert.Equal([1, 2, 3], diagnostics.Select(d => d.Location.Line ?? 0));
        Assert.Single(script.Operations);
        Assert.Empty(ScriptParser.Parse(text, "t.ops", MemblockRevision.Linux7_2).Diagnostics);
    }

    // The rows below the first block are what the oracle read in fixtures/memblock/60_number_forms_driver_rules
    // (its .expected shows the regions they made); the error rows above are the oracle's 'ERROR: bad SIZE'.
    [Theory]
    [InlineData("4096", 4096UL)]
    [InlineData("0x1000", 4096UL)]
    [InlineData("4K", 4096UL)]
    [InlineData("2g", 2UL << 30)]
    [InlineData("0x10M", 16UL << 20)]
    [InlineData("1E", 1UL << 60)]
    [InlineData("010", 10UL)]
    [InlineData("09", 9UL)]
    [InlineData("0x1e", 0x1eUL)]
    [InlineData("0x1000E", 0x1000eUL)]
    [InlineData("1e", 1UL << 60)]
    [InlineData("99999999999999999999", 0x6bc75e2d630fffffUL)]
    [InlineData("0x10000000000002000", 0x2000UL)]
    [InlineData("-0x1000", 0xfffffffffffff000UL)]
    [InlineData("16E", 0UL)]
    [InlineData("0xffffffffffffffffK", 0xfffffffffffffc00UL)]
    [InlineData("ANYWHERE", ulong.MaxValue)]
    [InlineData("ACCESSIBLE", 0UL)]
    [InlineData("NOLEAKTRACE", 1UL)]
    [InlineData("LOW_LIMIT", 0xffffffffUL)]
    public void Numbers_FollowMemparse(string token, ulong expected)
    {
        Assert.True(ScriptParser.TryParseNumber(token, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("K")]
    [InlineData("0x")]
    [InlineData("-")]
    [InlineData("1KB")]
    [InlineData("0xg")]
    public void BadNumbers_AreRejected(string token) => Assert.False(ScriptParser.TryParseNumber(token, out _));

    [Fact]
    public void NidsAndFlags_ParseNamedForms()
    {
        Assert.True(ScriptParser.TryParseNid("any", out var any));
        Assert.Equal(-1, any);
        Assert.True(ScriptParser.TryParseNid("MAX_NUMNODES", out var max));
        Assert.Equal(1024, max);
        Assert.True(ScriptParser.TryParseNid("-1", out var minus));
        Assert.Equal(-1, minus);
        Assert.False(ScriptParser.TryParseNid("-", out _));
        Assert.False(ScriptParser.TryParseNid("ANYWHERE", out _));
        Assert.True(ScriptParser.TryParseNid("4294967297", out var wrapped));
        Assert.Equal(1, wrapped);
        Assert.True(ScriptParser.TryParseNid("0x1", out var hex));
        Assert.Equal(1, hex);
        Assert.True(ScriptParser.TryParseFlags("HOTPLUG|MIRROR", out var flags, out var v7));
        Assert.Equal(MemblockFlags.Hotplug | MemblockFlags.Mirror, flags);
        Assert.Null(v7);
        Assert.True(ScriptParser.TryParseFlags("0x22", out flags, out _));
        Assert.Equal(MemblockFlags.Mirror | MemblockFlags.RsrvKern, flags);
        Assert.True(ScriptParser.TryParseFlags("HOTPLUG|0x2", out flags, out _));
        Assert.Equal(MemblockFlags.Hotplug | MemblockFlags.Mirror, flags);
        Assert.True(ScriptParser.TryParseFlags("HOTPLUG||MIRROR", out flags, out _));
        Assert.Equal(MemblockFlags.Hotplug | MemblockFlags.Mirror, flags);
    }

    [Fact]
    public void EchoText_StripsCommentsAndCollapsesBlanks()
    {
        var (script, _) = ScriptParser.Parse("add\t0x10000000   0x10000000      # [256M,512M)\n", "t.ops");
        Assert.Equal("add 0x10000000 0x10000000", Assert.Single(script.Operations).Text);
    }
}
