using DiffPlex;
using DiffPlex.Chunkers;

namespace FirmwarePlanner.Verification;

/// <summary>One line of a group's diff: <c>' '</c> in both, <c>'-'</c> only the kernel's (with its log line), <c>'+'</c> only predicted.</summary>
public sealed record DiffLine(char Kind, int? KernelLine, string Text);

/// <summary>
/// The kernel's lines against the predicted ones as a unified diff (DiffPlex's line differ), kernel lines keeping their
/// line numbers in the log; <see cref="Context"/> unchanged lines are kept around each change, hunks further apart
/// are separated by a <c>'@'</c> line.
/// </summary>
public static class LineDiff
{
    public const int Context = 3;

    public static IReadOnlyList<DiffLine> Compute(IReadOnlyList<ObservedLine> kernel, IReadOnlyList<string> predicted)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(predicted);
        if (kernel.Count == 0 || predicted.Count == 0)
        {
            return [.. kernel.Select(k => new DiffLine('-', k.Line, k.Text)), .. predicted.Select(p => new DiffLine('+', null, p))];
        }

        var result = Differ.Instance.CreateDiffs(
            string.Join('\n', kernel.Select(k => k.Text)), string.Join('\n', predicted), ignoreWhiteSpace: false, ignoreCase: false, LineChunker.Instance);
        var all = new List<DiffLine>();
        int a = 0, b = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; a < block.DeleteStartA; a++, b++)
            {
                all.Add(new DiffLine(' ', kernel[a].Line, kernel[a].Text));
            }

            for (var i = 0; i < block.DeleteCountA; i++, a++)
            {
                all.Add(new DiffLine('-', kernel[a].Line, kernel[a].Text));
            }

            for (var i = 0; i < block.InsertCountB; i++, b++)
            {
                all.Add(new DiffLine('+', null, predicted[b]));
            }
        }

        for (; a < kernel.Count; a++)
        {
            all.Add(new DiffLine(' ', kernel[a].Line, kernel[a].Text));
        }

        return Trim(all);
    }

    /// <summary>Keeps <see cref="Context"/> unchanged lines on each side of a change.</summary>
    private static List<DiffLine> Trim(List<DiffLine> all)
    {
        var keep = new bool[all.Count];
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Kind == ' ')
            {
                continue;
            }

            for (var j = Math.Max(0, i - Context); j <= Math.Min(all.Count - 1, i + Context); j++)
            {
                keep[j] = true;
            }
        }

        var trimmed = new List<DiffLine>();
        for (var i = 0; i < all.Count; i++)
        {
            if (!keep[i])
            {
                continue;
            }

            if (trimmed.Count > 0 && i > 0 && !keep[i - 1])
            {
                trimmed.Add(new DiffLine('@', null, "…"));
            }

            trimmed.Add(all[i]);
        }

        return trimmed;
    }
}
