using System.Runtime.CompilerServices;
using System.Text;

namespace FirmwarePlanner.Reports;

/// <summary>
/// A report being written: text is appended as to a <see cref="StringBuilder"/> (with the same culture-aware
/// interpolation) and handed on to the output whenever <see cref="Spill"/> finds more than a few pages buffered, so a
/// renderer that loops over millions of rows holds a page of output, not all of it.
/// </summary>
public sealed class TextSpool(TextWriter output)
{
    /// <summary>Characters collected before they go to the writer (a builder of this size stays one chunk).</summary>
    public const int SpillChars = 16 * 1024;

    /// <summary>The text not yet handed on (for a renderer that appends to a <see cref="StringBuilder"/> itself).</summary>
    public StringBuilder Builder { get; } = CreateBuilder();

    /// <summary>A builder with room for one <see cref="SpillChars"/> plus a line.</summary>
    public static StringBuilder CreateBuilder() => new(SpillChars + 1024);

    /// <summary>Writes and clears <paramref name="sb"/> once it holds <see cref="SpillChars"/> characters or more.</summary>
    public static void DrainIfFull(StringBuilder sb, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(sb);
        if (sb.Length >= SpillChars)
        {
            Drain(sb, output);
        }
    }

    /// <summary>Writes everything in <paramref name="sb"/> to <paramref name="output"/> and clears it.</summary>
    public static void Drain(StringBuilder sb, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var chunk in sb.GetChunks())
        {
            output.Write(chunk.Span);
        }

        sb.Clear();
    }

    public TextSpool Append(string? text)
    {
        Builder.Append(text);
        return this;
    }

    public TextSpool Append(char c)
    {
        Builder.Append(c);
        return this;
    }

    public TextSpool Append(object? value)
    {
        Builder.Append(value);
        return this;
    }

#pragma warning disable CA1822, IDE0060 // the handler has already appended to Builder when this is called
    public TextSpool Append(IFormatProvider? provider, [InterpolatedStringHandlerArgument("", nameof(provider))] ref TextSpoolHandler handler) => this;
#pragma warning restore CA1822, IDE0060

    /// <summary>Hands the buffered text on when there is more than a few pages of it.</summary>
    public void Spill() => DrainIfFull(Builder, output);

    /// <summary>Hands all buffered text on.</summary>
    public void Flush() => Drain(Builder, output);
}

/// <summary>Interpolation into a <see cref="TextSpool"/>: exactly <see cref="StringBuilder.AppendInterpolatedStringHandler"/> on its builder.</summary>
[InterpolatedStringHandler]
public ref struct TextSpoolHandler
{
    private StringBuilder.AppendInterpolatedStringHandler _inner;

    public TextSpoolHandler(int literalLength, int formattedCount, TextSpool spool, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(spool);
        _inner = new StringBuilder.AppendInterpolatedStringHandler(literalLength, formattedCount, spool.Builder, provider);
    }

    public void AppendLiteral(string value) => _inner.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);

    public void AppendFormatted<T>(T value, int alignment) => _inner.AppendFormatted(value, alignment);

    public void AppendFormatted<T>(T value, int alignment, string? format) => _inner.AppendFormatted(value, alignment, format);

    public void AppendFormatted(ReadOnlySpan<char> value) => _inner.AppendFormatted(value);

    public void AppendFormatted(ReadOnlySpan<char> value, int alignment = 0, string? format = null) => _inner.AppendFormatted(value, alignment, format);

    public void AppendFormatted(string? value) => _inner.AppendFormatted(value);

    public void AppendFormatted(string? value, int alignment = 0, string? format = null) => _inner.AppendFormatted(value, alignment, format);

    public void AppendFormatted(object? value, int alignment = 0, string? format = null) => _inner.AppendFormatted(value, alignment, format);
}
