using FirmwarePlanner.Checks;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Tests.Support;
using static FirmwarePlanner.Tests.Checks.CheckFixtures;

namespace FirmwarePlanner.Tests.Checks;

public class CheckCommandTests
{
    public static TheoryData<string, string> Formats()
    {
        var data = new TheoryData<string, string>();
        foreach (var f in new[] { A, D2, E, G2 })
        {
            foreach (var format in new[] { "text", "json", "junit", "sarif", "markdown", "html" })
            {
                data.Add(f, format);
            }
        }

        return data;
    }

    [Theory]
    [InlineData(D2)]
    [InlineData(G2)]
    public void Node_without_mirror_under_kernelcore_mirror_fails(string fixture)
    {
        var (code, stdout, _) = CliRunner.Run("check", Dir(fixture));
        Assert.Equal(ExitCodes.Findings, code);
        var report = Report(fixture);
        Assert.Equal(Verdict.Fail, report.Verdict);

        // Node 1 (the 1 GiB on the second memory backend) has no mirror; node 0 holds the 512 MiB mirror.
        var node1 = Assert.Single(report.Findings, f => f.RuleId == "FP7002");
        Assert.Equal("node 1", node1.Scope);
        Assert.Equal(Severity.Error, node1.Severity);
        Assert.Equal(1UL << 30, report.Layout!.Nodes.Single(n => n.Node == 1).RamBytes);
        Assert.Equal(512UL << 20, report.Layout.Nodes.Single(n => n.Node == 0).MirroredBytes);
        Assert.Contains(report.Findings, f => f.RuleId == "FP7005" && f.LinuxMessage == "This configuration results in unmirrored kernel memory.");
        Assert.Contains("FP7002 node 1", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(A)]
    [InlineData(E)]
    public void No_mirror_and_no_kernelcore_mirror_passes(string fixture)
    {
        var (code, stdout, stderr) = CliRunner.Run("check", Dir(fixture));
        Assert.True(code == ExitCodes.Ok, stdout + stderr);
        var report = Report(fixture);
        Assert.Equal(Verdict.Pass, report.Verdict);
        Assert.Equal(0UL, report.Layout!.TotalMirrored);
        Assert.Equal(2, report.Layout.Nodes.Count(n => n.RamBytes > 0));
        Assert.DoesNotContain(report.Findings, f => f.Severity >= Severity.Warning);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Output_is_pinned_per_format(string fixture, string format)
    {
        var (_, stdout, _) = CliRunner.Run("check", Dir(fixture), "--format", format);
        TextSnapshot.Match(stdout, $"Check.{fixture}.{format}");
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("junit")]
    [InlineData("sarif")]
    [InlineData("markdown")]
    [InlineData("html")]
    public void Two_runs_write_byte_identical_files(string format)
    {
        using var temp = new TempDir();
        var first = Path.Combine(temp.Path, "one");
        var second = Path.Combine(temp.Path, "two");
        Assert.Equal(ExitCodes.Findings, CliRunner.Run("check", Dir(D2), "--format", format, "-o", first).Code);
        Assert.Equal(ExitCodes.Findings, CliRunner.Run("check", Dir(D2), "--format", format, "-o", second).Code);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Equal(["one", "two"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(A)]
    [InlineData(D2)]
    public void Junit_output_is_valid_against_the_junit_schema(string fixture)
    {
        var (_, xml, _) = CliRunner.Run("check", Dir(fixture), "--format", "junit");
        Assert.Empty(JunitSchema.Errors(xml));
        Assert.Contains("<testcase", xml, StringComparison.Ordinal);
        Assert.Equal(fixture == D2, xml.Contains("<failure", StringComparison.Ordinal));
    }

    [Fact]
    public void A_waiver_marks_the_finding_waived_and_config_severities_apply()
    {
        using var temp = new TempDir();
        var config = Path.Combine(temp.Path, "fwplan.json");
        File.WriteAllText(config, """
            { "schemaVersion": 1,
              "severities": { "FP7005": "note", "FP7008": "off" },
              "waivers": [ { "rule": "FP7002", "scope": "node 1", "reason": "node 1 holds only page cache on this SKU" } ] }
            """);
        var (code, stdout, _) = CliRunner.Run("check", Dir(D2), "--config", config, "--format", "json");
        Assert.Contains("\"waiverReason\": \"node 1 holds only page cache on this SKU\"", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"FP7008\"", stdout, StringComparison.Ordinal);
        var report = Report(D2, ReadConfig(config));
        Assert.True(report.Findings.Single(f => f.RuleId == "FP7002").IsWaived);
        Assert.Equal(Severity.Note, report.Findings.Single(f => f.RuleId == "FP7005").Severity);
        Assert.Equal(report.ExitCode, code);
    }

    [Fact]
    public void A_config_naming_an_unknown_rule_is_unusable()
    {
        using var temp = new TempDir();
        var config = Path.Combine(temp.Path, "bad.json");
        File.WriteAllText(config, """{ "waivers": [ { "rule": "FP7999", "scope": "*", "reason": "typo" } ] }""");
        var (code, _, stderr) = CliRunner.Run("check", Dir(D2), "--config", config);
        Assert.Equal(ExitCodes.Unusable, code);
        Assert.Contains("known rule", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_SRAT_is_named_with_what_could_not_be_checked()
    {
        var dir = Dir(D2);
        var (code, stdout, _) = CliRunner.Run("check", Path.Combine(dir, "efi-memmap.txt"), Path.Combine(dir, "cmdline.txt"));
        Assert.Contains("FP7002 node without mirror under kernelcore=mirror: no SRAT", stdout, StringComparison.Ordinal);
        Assert.Contains("FP7021 RAM not covered by SRAT: no SRAT", stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Findings, code); // FP7005 still fires from the map and the command line
    }

    [Fact]
    public void Input_without_map_or_SRAT_is_unusable()
    {
        var (code, _, stderr) = CliRunner.Run("check", Path.Combine(Dir(D2), "README.md"));
        Assert.Equal(ExitCodes.Unusable, code);
        Assert.Contains("no EFI memory map and no SRAT", stderr, StringComparison.Ordinal);
    }

    internal static CheckConfig ReadConfig(string path)
    {
        Assert.True(CheckConfigReader.TryParse(File.ReadAllBytes(path), out var config, out var error), error);
        return config;
    }
}
