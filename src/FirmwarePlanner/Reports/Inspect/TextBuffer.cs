using System.Text;

namespace FirmwarePlanner.Reports.Inspect;

/// <summary>
/// Lets a renderer that appends to a <see cref="StringBuilder"/> write to a <see cref="TextWriter"/> as it goes: the
/// builder is a reused buffer of a few KiB, handed to the writer whenever it fills, so a report of millions of
/// characters never exists as one string.
/// </summary>
internal static class TextBuffer
{
    /// <summary>Characters collected before they go to the writer (a builder of this size stays one chunk).</summary>
    public const int Threshold = 16 * 1024;

    /// <summary>A builder with room for one <see cref="Threshold"/> plus a line.</summary>
    public static StringBuilder Create() => new(Threshold + 1024);

    /// <summary>Writes and clears <paramref name="sb"/> once it holds <see cref="Threshold"/> characters or more.</summary>
    public static void DrainIfFull(StringBuilder sb, TextWriter output)
    {
        if (sb.Length >= Threshold)
        {
            Drain(sb, output);
        }
    }

    /// <summary>Writes everything in <paramref name="sb"/> to <paramref name="output"/> and clears it.</summary>
    public static void Drain(StringBuilder sb, TextWriter output)
    {
        foreach (var chunk in sb.GetChunks())
        {
            output.Write(chunk.Span);
        }

        sb.Clear();
    }
}
