using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Checks;

/// <summary>
/// One result of a check: which rule, how bad (after configuration), what it is about (<paramref name="Scope"/>:
/// <c>machine</c>, <c>node 1</c>, <c>mem12</c>, <c>SRAT</c> …; waivers match on it), the sentence, the Linux
/// message it predicts, where in the input it points, and the waiver reason when a waiver covers it.
/// </summary>
public sealed record Finding(
    string RuleId,
    Severity Severity,
    string Scope,
    string Message,
    string? LinuxMessage,
    SourceLocation? Location,
    string? WaiverReason = null)
{
    public bool IsWaived => WaiverReason is not null;

    /// <summary>Orders findings for output: rule, then scope, then message (ordinal; deterministic).</summary>
    public static int Compare(Finding? a, Finding? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null)
        {
            return -1;
        }

        if (b is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (c == 0)
        {
            c = ScopeComparer.Compare(a.Scope, b.Scope);
        }

        return c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
    }
}

/// <summary>Orders scopes so that <c>node 2</c> comes before <c>node 10</c> and <c>mem9</c> before <c>mem10</c>.</summary>
public static class ScopeComparer
{
    public static int Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                int si = i, sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }

                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }

                var na = a[si..i].TrimStart('0');
                var nb = b[sj..j].TrimStart('0');
                var c = na.Length != nb.Length ? na.Length.CompareTo(nb.Length) : string.CompareOrdinal(na, nb);
                if (c != 0)
                {
                    return c;
                }

                continue;
            }

            if (a[i] != b[j])
            {
                return a[i].CompareTo(b[j]);
            }

            i++;
            j++;
        }

        var tail = (a.Length - i).CompareTo(b.Length - j);
        return tail != 0 ? tail : string.CompareOrdinal(a, b);
    }
}
