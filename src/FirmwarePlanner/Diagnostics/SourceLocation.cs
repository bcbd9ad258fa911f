namespace FirmwarePlanner.Diagnostics;

/// <summary>
/// Where a diagnostic points: a source (file name or a name given by the caller) and either a byte offset
/// (binary inputs) or a 1-based line number (text inputs), or neither for a whole-input finding.
/// Every record a reader makes carries one, so it is kept to a reference and one word: the offset or the line is
/// packed into <c>_at</c> (0 for neither, offset + 1 for an offset, a line in the low 32 bits under the top bit).
/// </summary>
public readonly record struct SourceLocation
{
    private const long LineTag = long.MinValue;

    private readonly long _at;

    /// <summary>A location by offset or by line (an offset wins when both are given, as <see cref="ToString"/> reads).</summary>
    public SourceLocation(string Source, long? Offset = null, int? Line = null)
    {
        this.Source = Source;
        if (Offset is { } o)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(o, nameof(Offset));
            ArgumentOutOfRangeException.ThrowIfEqual(o, long.MaxValue, nameof(Offset));
            _at = o + 1;
        }
        else if (Line is { } l)
        {
            _at = LineTag | (uint)l;
        }
    }

    public string Source { get; }

    /// <summary>The byte offset into a binary input, or null.</summary>
    public long? Offset => _at > 0 ? _at - 1 : null;

    /// <summary>The 1-based line in a text input, or null.</summary>
    public int? Line => _at < 0 ? (int)(uint)_at : null;

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
