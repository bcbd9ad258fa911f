using System.CommandLine;

namespace FirmwarePlanner.Cli;

/// <summary>Options every verb understands.</summary>
internal static class GlobalOptions
{
    /// <summary><c>-v</c>: debug-level log output on stderr (default: warnings only).</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log more (debug level) to stderr.",
        Recursive = true,
    };
}
