using System.Globalization;
using System.Text;
using FirmwarePlanner.Verification;

namespace FirmwarePlanner.Reports.Verify;

/// <summary>The verification as Markdown (a pull-request or issue comment): a table of groups and a diff block per different group.</summary>
public static class VerifyMarkdown
{
    public static string Render(BootVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        var sb = new StringBuilder();
        sb.Append("## fwplan verify: ").Append(verification.Machine).Append("\n\n");
        sb.Append("Kernel: ").Append(verification.Kernel).Append(CultureInfo.InvariantCulture,
            $". {verification.Count(VerifyStatus.Identical)} identical, {verification.Count(VerifyStatus.Different)} different, {verification.Count(VerifyStatus.NotComparable)} not comparable.\n\n");
        if (verification.Unusable is { } why)
        {
            sb.Append("**Unusable:** ").Append(why).Append("\n\n");
        }

        sb.Append("| group | status | kernel lines | note |\n| --- | --- | --- | --- |\n");
        foreach (var g in verification.Groups)
        {
            var lines = g.Kernel.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{g.Source}:{g.Kernel[0].Line}") +
                (g.Kernel.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"-{g.Kernel[^1].Line}") : string.Empty);
            sb.Append("| ").Append(g.Group.Id()).Append(" | ").Append(VerifyText.Word(g.Status)).Append(" | ").Append(Cell(lines))
                .Append(" | ").Append(Cell(g.Reason ?? string.Empty)).Append(" |\n");
        }

        foreach (var g in verification.Groups.Where(g => g.Status == VerifyStatus.Different))
        {
            sb.Append("\n### ").Append(g.Group.Title()).Append("\n\n```diff\n").Append(VerifyText.DiffText(g)).Append("```\n");
        }

        return sb.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
