namespace FirmwarePlanner.Text;

/// <summary>Reads an input as UTF-8 lines (invalid bytes become U+FFFD, a BOM is dropped), and tells text from binary.</summary>
public static class TextLines
{
    /// <summary>
    /// Lines without their terminators (<c>\n</c>, <c>\r\n</c>, a lone trailing <c>\r</c>), decoded one at a time
    /// as they are read (<see cref="Utf8Lines"/>); 1-based numbering is the caller's index + 1.
    /// </summary>
    public static Utf8Lines Split(ReadOnlyMemory<byte> content) => new(content);

    /// <summary>
    /// The lines of the first <paramref name="maxBytes"/> bytes (cut after the last newline inside the limit): what
    /// content sniffing looks at, so that recognizing a large log costs no more than reading its head.
    /// </summary>
    public static string[] Head(ReadOnlyMemory<byte> content, int maxBytes) =>
        [.. Split(content[..HeadLength(content.Span, maxBytes)])];

    /// <summary>
    /// How many bytes of <paramref name="content"/> a look at its first <paramref name="maxBytes"/> takes: all of it
    /// when it fits, else up to the last newline inside the limit (the whole limit when there is none).
    /// </summary>
    public static int HeadLength(ReadOnlySpan<byte> content, int maxBytes)
    {
        if (content.Length <= maxBytes)
        {
            return content.Length;
        }

        var lastNewline = content[..maxBytes].LastIndexOf((byte)'\n');
        return lastNewline > 0 ? lastNewline : maxBytes;
    }

    /// <summary>The index of the first line that matches, or -1 (each line decoded once, in order).</summary>
    public static int FindIndex(IReadOnlyList<string> lines, Func<string, bool> match)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(match);
        for (var i = 0; i < lines.Count; i++)
        {
            if (match(lines[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>How much of a document content sniffing reads.</summary>
    public const int SniffBytes = 64 * 1024;

    /// <summary>True when the bytes contain a NUL or other control bytes a text capture would not (binary input).</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> content)
    {
        var sample = content[..Math.Min(content.Length, 4096)];
        foreach (var b in sample)
        {
            if (b == 0 || (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x1b and not 0x0c and not 0x08))
            {
                return true;
            }
        }

        return false;
    }
}
