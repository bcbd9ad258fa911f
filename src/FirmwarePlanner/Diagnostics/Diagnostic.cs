namespace FirmwarePlanner.Diagnostics;

/// <summary>
/// One finding about an input: a stable code (<c>FPnnnn</c>, see <see cref="DiagnosticDescriptor"/>), a severity,
/// where it is and what it means in a sentence.
/// </summary>
public sealed record Diagnostic(string Code, Severity Severity, SourceLocation Location, string Message)
{
    /// <summary>One line: <c>error FP1003 map.bin@0x30: message</c>.</summary>
    public override string ToString() =>
        $"{SeverityName(Severity)} {Code} {Location}: {Message}";

    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Note => "note",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => "unknown",
    };
}
