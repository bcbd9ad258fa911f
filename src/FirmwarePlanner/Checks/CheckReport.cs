using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Checks;

/// <summary>A rule that could not be evaluated, and why (the input it needs is missing).</summary>
public sealed record NotEvaluated(string RuleId, string Reason);

/// <summary>The overall result of a check.</summary>
public enum Verdict
{
    Pass,
    Fail,

    /// <summary>Nothing usable to check (no EFI memory map and no SRAT).</summary>
    Unusable,
}

/// <summary>
/// The result of checking one machine: the inputs used, the memory layout (when an EFI map was read), the
/// findings in deterministic order, the rules that could not be evaluated, and the verdict at
/// <see cref="FailOn"/>. <paramref name="Disabled"/> lists the rules the configuration turned off.
/// </summary>
public sealed record CheckReport(
    CheckSubject Subject,
    MemoryLayout? Layout,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<NotEvaluated> NotEvaluated,
    Severity FailOn,
    IReadOnlyList<string> Disabled)
{
    public const int SchemaVersion = 1;

    /// <summary>The placement planner's <c>linux</c> policy when FP7004 ran it (kernelcore=mirror with some mirror), else null.</summary>
    public Planning.PolicyPlan? Plan { get; init; }

    public bool Usable => Subject.EfiMap is not null || Subject.Numa is not null;

    public Verdict Verdict =>
        !Usable ? Verdict.Unusable
        : Findings.Any(f => !f.IsWaived && f.Severity >= FailOn) ? Verdict.Fail
        : Verdict.Pass;

    public int ExitCode => Verdict switch
    {
        Verdict.Pass => ExitCodes.Ok,
        Verdict.Fail => ExitCodes.Findings,
        _ => ExitCodes.Unusable,
    };

    public int Count(Severity severity) => Findings.Count(f => !f.IsWaived && f.Severity == severity);

    public int Waived => Findings.Count(f => f.IsWaived);

    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        _ => "unusable",
    };
}
