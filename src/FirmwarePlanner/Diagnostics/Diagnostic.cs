namespace FirmwarePlanner.Diagnostics;

/// <summary>
/// One finding about an input: a stable code (documented, never reused), a severity, where it is and what it
/// means in a sentence. Codes are grouped by prefix: <c>EFI</c> memory map, <c>E820</c>, <c>ACPI</c> table
/// framing, <c>SRAT</c>, <c>SLIT</c>, <c>LOG</c> kernel-log text, <c>IN</c> input handling.
/// </summary>
public sealed record Diagnostic(string Code, Severity Severity, SourceLocation Location, string Message)
{
    /// <summary>One line: <c>error EFI003 map.bin@0x30: message</c>.</summary>
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
