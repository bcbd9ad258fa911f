using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Checks;

/// <summary>What an evaluator sees: the subject, its memory layout (when an EFI map is present) and the configuration.</summary>
internal sealed record RuleContext(CheckSubject Subject, MemoryLayout? Layout, CheckConfig Config)
{
    public MemoryLayout Map => Layout ?? throw new InvalidOperationException("rule evaluated without an EFI map");

    public BootParameters Cmdline => Subject.CommandLine ?? throw new InvalidOperationException("rule evaluated without a command line");

    public bool KernelcoreMirror => Subject.CommandLine?.KernelcoreMirror == true;

    public bool HasMirror => Layout is { TotalMirrored: > 0 };

    private Planning.PolicyPlan? linuxPlan;

    /// <summary>The planner's <c>linux</c> policy for the subject, computed once, when a rule first asks for it.</summary>
    public Planning.PolicyPlan LinuxPlan => linuxPlan ??= PlanRules.PlanLinux(Subject);

    /// <summary>The <c>linux</c> plan if a rule computed it, else null.</summary>
    public Planning.PolicyPlan? LinuxPlanIfComputed => linuxPlan;

    public static Finding Make(CheckRule rule, string scope, string message, SourceLocation? at = null) =>
        new(rule.Id, rule.DefaultSeverity, scope, message, rule.LinuxMessage, at);

    public static string NodeScope(int node) => node < 0 ? "no node" : $"node {node}";

    public static string Mem(int index) => "mem" + index.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
}
