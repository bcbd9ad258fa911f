namespace FirmwarePlanner.Diagnostics;

/// <summary>
/// Where a diagnostic points: a source (file name or a name given by the caller) and either a byte offset
/// (binary inputs) or a 1-based line number (text inputs), or neither for a whole-input finding.
/// </summary>
public readonly record struct SourceLocation(string Source, long? Offset = null, int? Line = null)
{
    public static SourceLocation AtOffset(string source, long offset) => new(source, offset, null);

    public static SourceLocation AtLine(string source, int line) => new(source, null, line);

    public static SourceLocation Whole(string source) => new(source, null, null);

    /// <summary>Appends <see cref="ToString"/> to <paramref name="sb"/> without building it as a string first.</summary>
    public void AppendTo(System.Text.StringBuilder sb)
    {
        ArgumentNullException.ThrowIfNull(sb);
        sb.Append(Source);
        if (Offset is { } o)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"@0x{o:x}");
        }
        else if (Line is { } l)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $":{l}");
        }
    }

    /// <summary>Renders as <c>source</c>, <c>source@0x1c</c> or <c>source:12</c>.</summary>
    public override string ToString() =>
        Offset is { } o ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Source}@0x{o:x}")
        : Line is { } l ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Source}:{l}")
        : Source;
}
