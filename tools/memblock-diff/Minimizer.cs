namespace FirmwarePlanner.Tools.MemblockDiff;

/// <summary>
/// Shrinks a script to the fewest operations that still differ: delta debugging (ddmin) over the operation lines,
/// then single-line removal until no line can go. Comment lines are kept as they are (they are no operations).
/// </summary>
public static class Minimizer
{
    /// <summary>
    /// The smallest script found for which <paramref name="stillDiffers"/> holds; <paramref name="stillDiffers"/>
    /// must hold for <paramref name="scriptText"/> itself.
    /// </summary>
    public static string Minimize(string scriptText, Func<string, bool> stillDiffers)
    {
        ArgumentNullException.ThrowIfNull(scriptText);
        ArgumentNullException.ThrowIfNull(stillDiffers);
        var all = scriptText.Split('\n');
        var comments = all.Where(l => l.Contains('#', StringComparison.Ordinal) && IsComment(l)).ToList();
        var ops = all.Where(l => !IsComment(l)).ToList();
        string Text(IEnumerable<string> keep) => string.Join('\n', comments.Concat(keep)) + "\n";
        bool Fails(List<string> keep) => stillDiffers(Text(keep));

        var n = 2;
        while (ops.Count >= 2)
        {
            var chunk = (int)Math.Ceiling(ops.Count / (double)n);
            var reduced = false;
            for (var start = 0; start < ops.Count; start += chunk)
            {
                var subset = ops.Skip(start).Take(chunk).ToList();
                var complement = ops.Take(start).Concat(ops.Skip(start + chunk)).ToList();
                if (n > 2 && Fails(subset))
                {
                    (ops, n, reduced) = (subset, 2, true);
                    break;
                }

                if (Fails(complement))
                {
                    (ops, n, reduced) = (complement, Math.Max(n - 1, 2), true);
                    break;
                }
            }

            if (!reduced)
            {
                if (n >= ops.Count)
                {
                    break;
                }

                n = Math.Min(ops.Count, n * 2);
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = ops.Count - 1; i >= 0; i--)
            {
                var without = ops.Where((_, j) => j != i).ToList();
                if (Fails(without))
                {
                    ops = without;
                    changed = true;
                }
            }
        }

        return Text(ops);
    }

    /// <summary>The number of operation lines (not comments, not blank) in a script.</summary>
    public static int OperationCount(string scriptText) =>
        scriptText.Split('\n').Count(l => !IsComment(l));

    private static bool IsComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return (hash >= 0 ? line[..hash] : line).Trim().Length == 0;
    }
}
