using System.Globalization;
using System.Text;
using FirmwarePlanner.Verification;

namespace FirmwarePlanner.Reports.Verify;

/// <summary>
/// A verification as text: one line per group (identical / different / not comparable), the diff of each different
/// group (kernel lines with their line numbers in the log, <c>-</c> the kernel's, <c>+</c> predicted), the reason of
/// each group not compared, and what the prediction was made from.
/// </summary>
public static class VerifyText
{
    public static string Render(BootVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        var sb = new StringBuilder();
        sb.Append("verify ").Append(verification.Machine).Append(": ").Append(verification.Kernel).Append('\n');
        if (verification.Unusable is { } why)
        {
            sb.Append("unusable: ").Append(why).Append('\n');
        }

        var width = verification.Groups.Count == 0 ? 0 : verification.Groups.Max(g => g.Group.Id().Length);
        foreach (var g in verification.Groups)
        {
            sb.Append("  ").Append(g.Group.Id().PadRight(width)).Append("  ").Append(Word(g.Status));
            if (g.Status != VerifyStatus.NotComparable && g.Kernel.Count > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $" ({g.Kernel.Count} line{(g.Kernel.Count == 1 ? string.Empty : "s")}, {g.Source}:{g.Kernel[0].Line}")
                    .Append(g.Kernel.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"-{g.Kernel[^1].Line})") : ")");
            }

            if (g.Reason is { } reason)
            {
                sb.Append(": ").Append(reason);
            }

            sb.Append('\n');
        }

        foreach (var g in verification.Groups.Where(g => g.Status == VerifyStatus.Different))
        {
            sb.Append('\n').Append(DiffText(g));
        }

        sb.Append('\n').Append(CultureInfo.InvariantCulture,
            $"{verification.Count(VerifyStatus.Identical)} identical, {verification.Count(VerifyStatus.Different)} different, {verification.Count(VerifyStatus.NotComparable)} not comparable\n");
        sb.Append("predicted from:\n");
        foreach (var b in verification.Basis)
        {
            sb.Append("  ").Append(b).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// A different group's diff: <c>--- kernel SOURCE (title)</c>, <c>+++ predicted</c>, then one line per diff line —
    /// its kind (<c> </c>, <c>-</c> the kernel's, <c>+</c> predicted), the kernel's line number in its document, the text;
    /// <c>@@</c> where unchanged lines were left out.
    /// </summary>
    public static string DiffText(GroupVerdict group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var sb = new StringBuilder();
        sb.Append("--- kernel ").Append(group.Source).Append(" (").Append(group.Group.Title()).Append(")\n").Append("+++ predicted\n");
        var width = group.Diff.Where(d => d.KernelLine is not null).Select(d => d.KernelLine!.Value.ToString(CultureInfo.InvariantCulture).Length).DefaultIfEmpty(1).Max();
        foreach (var d in group.Diff)
        {
            if (d.Kind == '@')
            {
                sb.Append("@@\n");
                continue;
            }

            var number = d.KernelLine is { } n ? n.ToString(CultureInfo.InvariantCulture).PadLeft(width) : new string(' ', width);
            sb.Append(d.Kind).Append(' ').Append(number).Append(" | ").Append(d.Text).Append('\n');
        }

        return sb.ToString();
    }

    public static string Word(VerifyStatus status) => status switch
    {
        VerifyStatus.Identical => "identical",
        VerifyStatus.Different => "DIFFERENT",
        _ => "not comparable",
    };
}
