using System.CommandLine;

namespace FirmwarePlanner.Cli;

/// <summary>Options every verb understands: how much to log to stderr, and in which form.</summary>
internal static class GlobalOptions
{
    /// <summary><c>-v</c>: debug-level log output on stderr (default: warnings only).</summary>
    public static Option<bool> NewVerbose() => new("--verbose", "-v")
    {
        Description = "Log more (debug level) to stderr.",
        Recursive = true,
    };

    /// <summary><c>--log-format text|json</c>: plain lines, or Serilog's compact JSON (one object per line).</summary>
    public static Option<string> NewLogFormat() => new("--log-format")
    {
        Description = "Log format on stderr: text (default) or json (one compact JSON object per line).",
        Recursive = true,
        DefaultValueFactory = _ => "text",
    };

    /// <summary>What the log options ask for, read from the raw arguments before the verbs are built (the logger must exist first).</summary>
    public static (bool Verbose, bool Json) Scan(IReadOnlyList<string> args)
    {
        var verbose = false;
        var json = false;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                break;
            }

            verbose |= a is "-v" or "--verbose";
            json |= a == "--log-format=json" || (a == "--log-format" && i + 1 < args.Count && args[i + 1] == "json");
        }

        return (verbose, json);
    }
}
