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

    /// <summary>Appends <see cref="ToString"/> to <paramref name="sb"/> without building it as a string first.</summary>
    public void AppendTo(System.Text.StringBuilder sb)
    {
        ArgumentNullException.ThrowIfNull(sb);
        sb.Append(SeverityName(Severity)).Append(' ').Append(Code).Append(' ');
        Location.AppendTo(sb);
        sb.Append(": ").Append(Message);
    }

    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Note => "note",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => "unknown",
    };
}
