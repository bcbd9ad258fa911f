using System.Text;

namespace FirmwarePlanner.Text;

/// <summary>Decodes an input as UTF-8 (invalid bytes become U+FFFD, a BOM is dropped) and splits it into lines.</summary>
public static class TextLines
{
    /// <summary>Lines without their terminators (<c>\n</c>, <c>\r\n</c>, a lone trailing <c>\r</c>); 1-based numbering is the caller's index + 1.</summary>
    public static string[] Split(ReadOnlySpan<byte> content)
    {
        var text = Encoding.UTF8.GetString(content);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var lines = text.Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0)
        {
            Array.Resize(ref lines, lines.Length - 1);
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].EndsWith('\r'))
            {
                lines[i] = lines[i].TrimEnd('\r');
            }
        }

        return lines;
    }

    /// <summary>
    /// The lines of the first <paramref name="maxBytes"/> bytes (cut after the last newline inside the limit): what
    /// content sniffing looks at, so that recognizing a large log costs no more than reading its head.
    /// </summary>
    public static string[] Head(ReadOnlySpan<byte> content, int maxBytes)
    {
        if (content.Length <= maxBytes)
        {
            return Split(content);
        }

        var head = content[..maxBytes];
        var lastNewline = head.LastIndexOf((byte)'\n');
        return Split(lastNewline > 0 ? head[..lastNewline] : head);
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
