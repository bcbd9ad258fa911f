using System.Text;
using FirmwarePlanner.Tests.Support;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Tests.Inputs;

/// <summary>
/// The lines read from bytes on demand are the lines of the decoded text split at newlines (with <c>\r</c> trimmed
/// and a BOM dropped): checked on constructed edge cases and, as a differential test against that whole-text split,
/// on every file in fixtures/.
/// </summary>
public sealed class Utf8LinesTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("\n", new[] { "" })]
    [InlineData("a", new[] { "a" })]
    [InlineData("a\n", new[] { "a" })]
    [InlineData("a\n\n", new[] { "a", "" })]
    [InlineData("a\r\nb\r\n", new[] { "a", "b" })]
    [InlineData("a\r\r\nb\r", new[] { "a", "b" })]
    [InlineData("\uFEFFa\nb", new[] { "a", "b" })]
    [InlineData("x\ry\n", new[] { "x\ry" })]
    public void Splits_as_the_kernel_log_readers_expect(string text, string[] expected) =>
        Assert.Equal(expected, TextLines.Split(Encoding.UTF8.GetBytes(text)).ToArray());

    [Fact]
    public void Invalid_bytes_read_as_replacement_characters_on_their_own_line()
    {
        var lines = TextLines.Split(new byte[] { (byte)'a', 0xE2, (byte)'\n', 0xFF, (byte)'b' });
        Assert.Equal(["a\uFFFD", "\uFFFDb"], lines.ToArray());
        Assert.Equal(new byte[] { (byte)'a', 0xE2 }, lines.Bytes(0).ToArray());
    }

    [Fact]
    public void Every_fixture_splits_as_its_decoded_text_does()
    {
        var files = Directory.EnumerateFiles(Fixtures.Dir, "*", SearchOption.AllDirectories).ToArray();
        Assert.True(files.Length > 1000, $"{files.Length} fixture files");
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(WholeTextSplit(bytes).SequenceEqual(TextLines.Split(bytes)), file);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("a\r\nb\rc\fd\u2028e\u0085f\n\n")]
    [InlineData("\uFEFFx\r\n")]
    public void Character_lines_are_the_decoded_texts_lines(string text) =>
        Assert.Equal(SpanLines(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)).TrimStart('\uFEFF')), BlockLines(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Character_lines_cross_blocks_exactly()
    {
        // Lines of every length around the 64 KiB block, CR LF pairs and multi-byte characters at the cuts, one line
        // longer than a block, and no newline at the end.
        var sb = new StringBuilder();
        for (var i = 0; sb.Length < 300_000; i++)
        {
            sb.Append('é', i % 97).Append(i % 3 == 0 ? "\r\n" : i % 5 == 0 ? "\r" : "\n");
        }

        sb.Append('x', 70_000).Append("\r\n€ end");
        var text = sb.ToString();
        Assert.Equal(SpanLines(text), BlockLines(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Every_fixture_reads_as_its_decoded_texts_character_lines()
    {
        foreach (var file in Directory.EnumerateFiles(Fixtures.Dir, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            var text = Encoding.UTF8.GetString(bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes);
            Assert.True(SpanLines(text).SequenceEqual(BlockLines(bytes)), file);
        }
    }

    private static List<string> SpanLines(string text)
    {
        var lines = new List<string>();
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    private static List<string> BlockLines(byte[] bytes)
    {
        var lines = new List<string>();
        foreach (var line in new Utf8TextLines(bytes))
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>What the readers did before: decode everything, split at <c>\n</c>, drop the empty last line, trim <c>\r</c>.</summary>
    private static string[] WholeTextSplit(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content);
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        var lines = text.Split('\n');
        if (lines[^1].Length == 0)
        {
            lines = lines[..^1];
        }

        return [.. lines.Select(l => l.TrimEnd('\r'))];
    }
}
