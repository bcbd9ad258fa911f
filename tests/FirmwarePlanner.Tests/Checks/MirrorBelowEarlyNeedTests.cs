using FirmwarePlanner.Common;
using FirmwarePlanner.Checks;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Planning;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Checks;

/// <summary>FP7004 reads the placement planner's linux policy: the numbers in the finding are the planner's.</summary>
public sealed class MirrorBelowEarlyNeedTests
{
    private const string H2 = "h2-q35-4node-mirrornode-memless-kcmirror-612";

    private static CheckSubject Subject(string name) => CheckFixtures.Subject(name);

    /// <summary>The node's row of the linux policy as <c>fwplan plan</c> makes it (a separate run of the pipeline).</summary>
    private static NodePlan PlannedNode(string name, int node)
    {
        var loaded = DocumentLoader.Load([CheckFixtures.Dir(name)]);
        var plan = MachineAnalyzer.Analyze(name, loaded.Documents, AnalysisOptions.Default).Plan([PlanPolicy.Linux]);
        Assert.NotNull(plan);
        return Assert.Single(plan.Policies).Nodes.Single(n => n.Node == node);
    }

    [Fact]
    public void Fires_on_d2_node_1_with_the_planners_numbers()
    {
        var row = PlannedNode(CheckFixtures.D2, 1);
        Assert.True(row.Mirrored < row.EarlyNeed);
        Assert.True(row.Spilled > 0);

        var report = Checker.Run(Subject(CheckFixtures.D2));
        Assert.DoesNotContain(report.NotEvaluated, n => n.RuleId == "FP7004");
        var finding = Assert.Single(report.Findings, f => f.RuleId == "FP7004");
        Assert.Equal("node 1", finding.Scope);
        Assert.Contains($"needs {Sizes.Approx(row.EarlyNeed)} of early kernel memory", finding.Message, StringComparison.Ordinal);
        Assert.Contains($"has {Sizes.Approx(row.Mirrored)} of mirror", finding.Message, StringComparison.Ordinal);
        Assert.Contains($"spills {Sizes.Approx(row.Spilled)} out of mirror", finding.Message, StringComparison.Ordinal);
        Assert.Contains($"least mirror for no spill {Sizes.Approx(row.MinMirror)}", finding.Message, StringComparison.Ordinal);
        Assert.StartsWith("Could not allocate 0x", finding.LinuxMessage, StringComparison.Ordinal);
        Assert.EndsWith(" bytes of mirrored memory", finding.LinuxMessage, StringComparison.Ordinal);
        var plan = PlanRules.PlanLinux(Subject(CheckFixtures.D2));
        Assert.Contains(finding.LinuxMessage, plan.Run.KernelLines);
    }

    [Fact]
    public void Does_not_fire_on_h2_whose_mirrored_node_1_covers_its_need()
    {
        var row = PlannedNode(H2, 1);
        Assert.True(row.Mirrored >= row.EarlyNeed);
        Assert.Equal(0UL, row.Spilled);

        var report = Checker.Run(Subject(H2));
        Assert.DoesNotContain(report.NotEvaluated, n => n.RuleId == "FP7004");
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "FP7004" && f.Scope == "node 1");
    }

    [Theory]
    [InlineData(CheckFixtures.A)]
    [InlineData(CheckFixtures.E)]
    public void Does_not_fire_without_kernelcore_mirror(string name)
    {
        var report = Checker.Run(Subject(name));
        Assert.DoesNotContain(report.NotEvaluated, n => n.RuleId == "FP7004");
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "FP7004");
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public void Without_an_efi_map_it_stays_not_evaluated_with_the_reason()
    {
        var subject = CheckFixtures.Subject(CheckFixtures.D2, "SRAT.bin", "cmdline.txt");
        Assert.Null(subject.EfiMap);
        var report = Checker.Run(subject);
        var pending = Assert.Single(report.NotEvaluated, n => n.RuleId == "FP7004");
        Assert.Contains("no EFI memory map", pending.Reason, StringComparison.Ordinal);
    }
}
