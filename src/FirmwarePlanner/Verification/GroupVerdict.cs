using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Verification;

/// <summary>How one group of the boot compares with its prediction.</summary>
public enum VerifyStatus
{
    /// <summary>The kernel's lines and the predicted ones are the same, line for line.</summary>
    Identical,

    /// <summary>They differ: see the diff (a bug in the model, or an input that does not belong to this boot).</summary>
    Different,

    /// <summary>Nothing to hold the prediction against, or the prediction would only echo an input (see the reason).</summary>
    NotComparable,
}

/// <summary>
/// One group's verdict: the kernel's lines (with where they were read), the predicted lines, the diff when they differ,
/// and why a group is not comparable.
/// </summary>
public sealed record GroupVerdict(
    VerifyGroup Group,
    VerifyStatus Status,
    string? Source,
    IReadOnlyList<ObservedLine> Kernel,
    IReadOnlyList<string> Predicted,
    IReadOnlyList<DiffLine> Diff,
    string? Reason);

/// <summary>
/// A boot held against its prediction: every group's verdict, the kernel target the prediction was made for, the
/// facts the prediction was made from, and the input diagnostics. <see cref="Unusable"/> says why nothing could be
/// verified (exit 2).
/// </summary>
public sealed record BootVerification(
    string Machine,
    string Kernel,
    IReadOnlyList<string> Basis,
    IReadOnlyList<GroupVerdict> Groups,
    IReadOnlyList<Diagnostic> Diagnostics,
    string? Unusable)
{
    /// <summary>0: every comparable group identical; 1: a group differs; 2: unusable input (nothing comparable, no kernel log, no prediction).</summary>
    public int ExitCode => Unusable is not null || Diagnostics.Any(d => d.Severity == Severity.Error) ? ExitCodes.Unusable
        : Groups.Any(g => g.Status == VerifyStatus.Different) ? ExitCodes.Findings : ExitCodes.Ok;

    public int Count(VerifyStatus status) => Groups.Count(g => g.Status == status);
}
