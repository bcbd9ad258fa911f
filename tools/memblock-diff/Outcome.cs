namespace FirmwarePlanner.Tools.MemblockDiff;

/// <summary>
/// What one run of a script printed, and how it ended: <see cref="ExitStatus"/> uses the oracle's numbering
/// (0 ok, 2 bad script, 3 PANIC, 4 BUG, 5 SIMULATOR), so engine and kernel compare directly.
/// </summary>
public sealed record Outcome(string Output, int ExitStatus)
{
    /// <summary>
    /// Null when both are the same; otherwise the first differing line, 1-based, with both texts (null text =
    /// that side ended before the line), or line 0 when only the exit status differs.
    /// </summary>
    public static Difference? Compare(Outcome expected, Outcome actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.Output == actual.Output)
        {
            return expected.ExitStatus == actual.ExitStatus ? null
                : new Difference(0, $"exit {expected.ExitStatus}", $"exit {actual.ExitStatus}");
        }

        var a = expected.Output.Split('\n');
        var b = actual.Output.Split('\n');
        for (var i = 0; ; i++)
        {
            var x = i < a.Length ? a[i] : null;
            var y = i < b.Length ? b[i] : null;
            if (x != y)
            {
                return new Difference(i + 1, x, y);
            }
        }
    }
}

/// <summary>The first line where two outputs differ.</summary>
public sealed record Difference(int Line, string? Expected, string? Actual)
{
    public override string ToString() =>
        $"line {Line}:\n    kernel: {Expected ?? "(end of output)"}\n    engine: {Actual ?? "(end of output)"}";
}
