using FirmwarePlanner.Kernel;
using System.Text.Json;
using FirmwarePlanner.Planning;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Planning;

public class PlanCommandTests
{
    private static readonly string D2 = Fixtures.PathOf("qemu", "d2-q35-2node-mirror512M-kcmirror-612");

    private static string[] D2Inputs => [Path.Combine(D2, "efi-memmap.txt"), Path.Combine(D2, "SRAT.bin"), Path.Combine(D2, "cmdline.txt")];

    [Fact]
    public void FromFirmwareTablesAloneTheLinuxPolicyPrintsTheKernelsNodeDataAndMirrorLines()
    {
        var (code, output, err) = CliRunner.Run([.. "plan".Split(' '), .. D2Inputs, "--format", "json", "--policy", "linux"]);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("schemaVersion").GetInt32());
        var lines = doc.RootElement.GetProperty("policies")[0].GetProperty("kernelLines").EnumerateArray().Select(l => l.GetString()!).ToArray();
        static bool Wanted(string l) => l.StartsWith("Could not allocate", StringComparison.Ordinal) || l.Contains("NODE_DATA(", StringComparison.Ordinal);
        var dmesg = CaptureMachine.DmesgLines("d2-q35-2node-mirror512M-kcmirror-612").Where(Wanted).ToArray();
        Assert.Equal(dmesg, lines.Where(Wanted).ToArray());
    }

    [Fact]
    public void TheFourPoliciesDifferOnTheQemuMirrorCapture()
    {
        var (code, output, _) = CliRunner.Run([.. "plan".Split(' '), .. D2Inputs, "--format", "json", "--critical", "db=512M@0"]);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var p = doc.RootElement.GetProperty("policies").EnumerateArray().ToDictionary(e => e.GetProperty("policy").GetString()!, e => e.GetProperty("nodes")[0]);
        ulong V(string policy, string field) => p[policy].GetProperty(field).GetUInt64();

        // buddy-only: early allocations ignore mirror, so more of node 0's early memory is outside it than under linux.
        Assert.True(V("buddy-only", "spilled") > V("linux", "spilled"));
        // unmovable-reserve: memory below 4 GiB is movable too, so ZONE_MOVABLE is larger than Linux's (above 4 GiB only).
        Assert.True(V("unmovable-reserve", "zoneMovable") > V("linux", "zoneMovable"));
        // tiered: 512 MiB declared on node 0 cannot fit in what the kernel left of 512 MiB mirror.
        Assert.True(V("tiered", "criticalSpilled") > 0);
        Assert.True(V("tiered", "recommendedMirror") > V("unmovable-reserve", "recommendedMirror"));
    }

    [Fact]
    public void TheFourPoliciesDifferOnTheFujitsuMap()
    {
        var path = Fixtures.PathOf("dmesg-excerpt--fujitsu-x86-2node--efi-fake-mem-mirror-before-after.txt");
        // The firmware's map has no mirror; the mirror is what efi_fake_mem= (4.6+ syntax of the patch's example) makes of it.
        var (code, output, err) = CliRunner.Run("plan", path, "--kernel", "4.18", "--cmdline",
            "kernelcore=mirror efi_fake_mem=2G@4G:0x10000,2G@0x10a0000000:0x10000", "--format", "json", "--critical", "db=4G@0");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var nodes = doc.RootElement.GetProperty("policies").EnumerateArray()
            .ToDictionary(e => e.GetProperty("policy").GetString()!, e => e.GetProperty("nodes")[0]);
        ulong V(string policy, string field) => nodes[policy].GetProperty(field).GetUInt64();
        Assert.Equal(4UL << 30, V("linux", "mirrored")); // efi: Memory: 4096M/… mirrored
        Assert.Equal(0UL, V("buddy-only", "placedInMirror"));
        Assert.True(V("linux", "placedInMirror") > 0);
        Assert.True(V("unmovable-reserve", "zoneMovable") > V("linux", "zoneMovable"));
        Assert.Equal(4UL << 30, V("tiered", "criticalDeclared"));
        Assert.True(V("tiered", "criticalSpilled") > 0);
    }

    [Fact]
    public void ProfileWithUnknownKeyIsALocatedErrorAndExit2()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "{\n  \"schemaVersion\": 1,\n  \"nodeDataSise\": \"0x2a980\"\n}\n");
        try
        {
            var (code, _, err) = CliRunner.Run([.. "plan".Split(' '), .. D2Inputs, "--profile", file]);
            Assert.Equal(2, code);
            Assert.Contains("FP6002", err, StringComparison.Ordinal);
            Assert.Contains(":3", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("{\"nodeDataSize\": 0}", "FP6004", 1)]
    [InlineData("{\n\"items\": {\"memmap\": {\"align\": \"3M\"}}}", "FP6004", 2)]
    [InlineData("{\"items\": {\"frobnicate\": {}}}", "FP6005", 1)]
    [InlineData("{\"swiotlbSize\": true}", "FP6003", 1)]
    [InlineData("{\"schemaVersion\": 7}", "FP6006", 1)]
    [InlineData("{\"percpuStaticSize\": \"8E\"}", "FP6004", 1)]
    [InlineData("{ nope", "FP6001", 1)]
    public void ImpossibleProfilesAreLocatedErrors(string json, string code, int line)
    {
        var result = ProfileReader.Read(System.Text.Encoding.UTF8.GetBytes(json), "p.json");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(code, d.Code);
        Assert.Equal(line, d.Location.Line);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void ProfileOverridesApplyItemByItem()
    {
        var json = "{\"kernel\": \"7.2\", \"nodeDataSize\": \"0x3000\", \"items\": {\"swiotlb\": {\"enabled\": false}, \"memmap\": {\"minAddr\": \"32M\"}}}";
        var result = ProfileReader.Read(System.Text.Encoding.UTF8.GetBytes(json), "p.json");
        Assert.Empty(result.Diagnostics);
        Assert.Equal("7.2", result.Profile.Kernel.Release.Series);
        Assert.Equal("profile", result.Profile.Kernel.Origin);
        Assert.Equal(0x3000UL, result.Profile.NodeDataSize);
        Assert.Null(result.Profile.Resolve(EarlyAllocationCatalog.Find("swiotlb")!));
        Assert.Equal(32UL << 20, result.Profile.Resolve(EarlyAllocationCatalog.Find("memmap")!)!.MinAddr);
    }

    [Fact]
    public void BadCriticalIsExit2()
    {
        var (code, _, err) = CliRunner.Run([.. "plan".Split(' '), .. D2Inputs, "--critical", "db=lots"]);
        Assert.Equal(2, code);
        Assert.Contains("FP6010", err, StringComparison.Ordinal);
    }
}
