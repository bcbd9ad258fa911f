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
    private const int SpillChars = 32 * 1024;

    /// <summary>The text not yet handed on (for a renderer that appends to a <see cref="StringBuilder"/> itself).</summary>
    public StringBuilder Builder { get; } = new(SpillChars + 1024);

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
    public void Spill()
    {
        if (Builder.Length >= SpillChars)
        {
            Flush();
        }
    }

    /// <summary>Hands all buffered text on.</summary>
    public void Flush()
    {
        output.Write(Builder);
        Builder.Clear();
    }
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
