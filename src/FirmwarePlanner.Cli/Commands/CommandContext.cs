using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FirmwarePlanner.Cli.Commands;

/// <summary>Where a verb writes: its standard output and error (the console, or writers a test supplies), and its log (stderr).</summary>
internal sealed record CommandContext(TextWriter Out, TextWriter Error)
{
    public ILoggerFactory Logging { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The logger of a verb (category <c>fwplan.VERB</c>).</summary>
    public ILogger Log(string verb) => Logging.CreateLogger("fwplan." + verb);
}
