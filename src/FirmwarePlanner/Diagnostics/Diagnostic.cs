namespace FirmwarePlanner.Diagnostics;

/// <summary>
/// One finding about an input: a stable code (<c>FPnnnn</c>, see <see cref="DiagnosticDescriptor"/>), a severity,
/// where it is and what it means in a sentence. The sentence is a string, or a <see cref="DeferredMessage"/>
/// formatted when read; equality compares the text either way.
/// </summary>
public sealed record Diagnostic
{
    private readonly object _message;

    public Diagnostic(string Code, Severity Severity, SourceLocation Location, string Message)
    {
        this.Code = Code;
        this.Severity = Severity;
        this.Location = Location;
        _message = Message;
    }

    /// <summary>A finding whose message is formatted when read.</summary>
    public Diagnostic(string code, Severity severity, SourceLocation location, DeferredMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Code = code;
        Severity = severity;
        Location = location;
        _message = message;
    }

    public string Code { get; init; }

    public Severity Severity { get; init; }

    public SourceLocation Location { get; init; }

    public string Message
    {
        get => _message as string ?? ((DeferredMessage)_message).Format();
        init => _message = value;
    }

    public void Deconstruct(out string Code, out Severity Severity, out SourceLocation Location, out string Message)
    {
        Code = this.Code;
        Severity = this.Severity;
        Location = this.Location;
        Message = this.Message;
    }

    public bool Equals(Diagnostic? other) =>
        other is not null && string.Equals(Code, other.Code, StringComparison.Ordinal) && Severity == other.Severity
        && Location.Equals(other.Location) && string.Equals(Message, other.Message, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Code, Severity, Location, Message);

    /// <summary>One line: <c>error FP1003 map.bin@0x30: message</c>.</summary>
    public override string ToString() =>
        $"{SeverityName(Severity)} {Code} {Location}: {Message}";

    /// <summary>Appends <see cref="ToString"/> to <paramref name="sb"/> without building it as a string first.</summary>
    public void AppendTo(System.Text.StringBuilder sb)
    {
        ArgumentNullException.ThrowIfNull(sb);
        sb.Append(SeverityName(Severity)).Append(' ').Append(Code).Append(' ');
        Location.AppendTo(sb);
        sb.Append(": ");
        if (_message is DeferredMessage deferred)
        {
            deferred.AppendTo(sb);
        }
        else
        {
            sb.Append((string)_message);
        }
    }

    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Note => "note",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => "unknown",
    };
}
