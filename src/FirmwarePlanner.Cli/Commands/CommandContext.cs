namespace FirmwarePlanner.Cli.Commands;

/// <summary>Where a verb writes: its standard output and error (the console, or writers a test supplies).</summary>
internal sealed record CommandContext(TextWriter Out, TextWriter Error);
