using System.Collections;
using System.Text;

namespace FirmwarePlanner.Text;

/// <summary>
/// The lines of a UTF-8 document, read from its bytes on demand: only where each line starts is kept (4 bytes a
/// line), and a line becomes a string when it is asked for, so a reader that walks a 100 MB log holds the bytes and
/// one line at a time, not the decoded text. Lines have no terminators (<c>\n</c>, <c>\r\n</c>, trailing <c>\r</c>);
/// invalid bytes read as U+FFFD and a leading BOM is dropped, exactly as decoding the whole text and splitting it.
/// Each access decodes again: a caller that needs a line twice keeps the string.
/// </summary>
public sealed class Utf8Lines : IReadOnlyList<string>
{
    private readonly ReadOnlyMemory<byte> _content;
    private readonly int[] _starts;
    private readonly int _end;

    public Utf8Lines(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        if (span.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
            span = content.Span;
        }

        _content = content;
        // Counted first (a vectorized scan), so the starts are one array of the right size, not a list regrown and copied.
        var newlines = span.Count((byte)'\n');

        // A document that ends with a newline has no empty line after it; its last line ends before that newline.
        var endsWithNewline = span.Length > 0 && span[^1] == (byte)'\n';
        _end = endsWithNewline ? span.Length - 1 : span.Length;
        _starts = span.IsEmpty ? [] : new int[endsWithNewline ? newlines : newlines + 1];
        var at = 0;
        for (var i = 1; i < _starts.Length; i++)
        {
            at += span[at..].IndexOf((byte)'\n') + 1;
            _starts[i] = at;
        }
    }

    public int Count => _starts.Length;

    public string this[int index] => Encoding.UTF8.GetString(Bytes(index));

    /// <summary>Line <paramref name="index"/> as bytes, without its terminator: for callers that test a line before decoding it.</summary>
    public ReadOnlySpan<byte> Bytes(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _starts.Length);
        var start = _starts[index];
        var end = index + 1 < _starts.Length ? _starts[index + 1] - 1 : _end;
        var line = _content.Span[start..end];
        return line.TrimEnd((byte)'\r');
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < _starts.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
