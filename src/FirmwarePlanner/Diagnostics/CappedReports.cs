namespace FirmwarePlanner.Diagnostics;

/// <summary>
/// Reports into a <see cref="DiagnosticBag"/> with a cap per code: the first <see cref="Cap"/> findings of a code are
/// listed, then one closing line says that further ones are not. For checks a table can fail once per entry, tens of
/// thousands of times: the finding and its first places are what a reader acts on, and the list stays bounded.
/// </summary>
public sealed class CappedReports(DiagnosticBag bag)
{
    /// <summary>How many findings of one code are listed.</summary>
    public const int Cap = 16;

    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public DiagnosticBag Bag => bag;

    /// <summary>True once <paramref name="d"/> has been reported as often as it is listed, and its closing line said.</summary>
    public bool IsFull(DiagnosticDescriptor d) => _counts.TryGetValue(d.Id, out var n) && n > Cap;

    /// <summary>True once <paramref name="d"/> has been reported at all.</summary>
    public bool Any(DiagnosticDescriptor d) => _counts.ContainsKey(d.Id);

    public void Report(DiagnosticDescriptor d, SourceLocation at, string message)
    {
        if (Admit(d, at))
        {
            bag.Report(d, at, message);
        }
    }

    /// <summary>
    /// Counts one finding of <paramref name="d"/> at <paramref name="at"/>, reporting the closing line when it is the
    /// first past the cap; true when the finding is to be listed. A caller whose message costs something to make
    /// reports it itself, and makes it only then.
    /// </summary>
    public bool Admit(DiagnosticDescriptor d, SourceLocation at)
    {
        _counts.TryGetValue(d.Id, out var n);
        _counts[d.Id] = n + 1;
        if (n == Cap)
        {
            bag.Report(d, at, $"further {d.Id} findings are not listed");
        }

        return n < Cap;
    }
}
