using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FirmwarePlanner.Cli.Commands;

/// <summary>Where a verb writes: its standard output and error (the console, or writers a test supplies), and its log (stderr).</summary>
internal sealed record CommandContext(TextWriter Out, TextWriter Error)
{
    public ILoggerFactory Logging { get; init; } = NullLoggerFactory.Instance;

    // 16 KiB of ASCII a write(2). A 64 Ki buffer held 320 KiB (its chars and their bytes) and wrote the generated SRAT's
    // 4.2 MB inspect text no faster (30-31 ms either way, tools/compare's SRAT, 31 paired runs).
    private const int BufferChars = 16 * 1024;

    /// <summary>
    /// Runs <paramref name="write"/> on the verb's standard output for a text of megabytes. <see cref="Console.Out"/>
    /// hands every 256 characters to the file descriptor (one <c>write(2)</c> each), so when <see cref="Out"/> is the
    /// console the text goes through a writer of 16 Ki characters over the same stdout, in the console's encoding without
    /// a byte-order mark, flushed before this returns. A writer a test supplies is used as it is.
    /// </summary>
    public void WriteLargeOutput(Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var encoding = Console.OutputEncoding;
        if (!ReferenceEquals(Out, Console.Out) || (encoding.Preamble.Length > 0 && encoding.CodePage != 65001))
        {
            write(Out);
            return;
        }

        using var stdout = Console.OpenStandardOutput();
        using var buffered = new StreamWriter(stdout, encoding.Preamble.Length > 0 ? new System.Text.UTF8Encoding(false) : encoding, BufferChars);
        write(buffered);
    }

    /// <summary>The logger of a verb (category <c>fwplan.VERB</c>).</summary>
    public ILogger Log(string verb) => Logging.CreateLogger("fwplan." + verb);
}
