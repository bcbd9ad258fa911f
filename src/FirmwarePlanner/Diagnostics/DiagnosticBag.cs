namespace FirmwarePlanner.Diagnostics;

/// <summary>Collects diagnostics in the order they are found. Not thread-safe; one per parse.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public int Count => _items.Count;

    public bool HasErrors => _items.Exists(d => d.Severity == Severity.Error);

    public Severity? Worst => _items.Count == 0 ? null : _items.Max(d => d.Severity);

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    public void Report(DiagnosticDescriptor descriptor, SourceLocation at, string message) => Add(descriptor.At(at, message));

    public void Report(DiagnosticDescriptor descriptor, SourceLocation at, DeferredMessage message) => Add(descriptor.At(at, message));

    public void Error(string code, SourceLocation at, string message) => Add(new(code, Severity.Error, at, message));

    public void Warning(string code, SourceLocation at, string message) => Add(new(code, Severity.Warning, at, message));

    public void Note(string code, SourceLocation at, string message) => Add(new(code, Severity.Note, at, message));

    public IReadOnlyList<Diagnostic> ToList() => _items.ToArray();
}
