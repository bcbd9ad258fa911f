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
