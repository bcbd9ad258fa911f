using System.Diagnostics;
using System.Globalization;

namespace FirmwarePlanner.Cli.Commands;

/// <summary>
/// The progress line of <c>fwplan fleet</c>: one line on stderr, rewritten in place at most every 100 ms, only when
/// stderr is a terminal (never in a redirected stream or an output file), cleared before other stderr lines.
/// </summary>
internal sealed class FleetProgress
{
    private readonly TextWriter error;
    private readonly int total;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long lastDraw = -1000;
    private int done;
    private bool shown;

    private FleetProgress(TextWriter error, int total)
    {
        this.error = error;
        this.total = total;
    }

    /// <summary>A progress line when the command's stderr is the process's terminal; null otherwise.</summary>
    public static FleetProgress? ForTerminal(CommandContext context, int total) =>
        ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected ? new FleetProgress(context.Error, total) : null;

    public void Advance()
    {
        done++;
        var now = clock.ElapsedMilliseconds;
        if (now - lastDraw < 100 && done < total)
        {
            return;
        }

        lastDraw = now;
        var rate = now > 0 ? done * 1000.0 / now : 0;
        error.Write(string.Create(CultureInfo.InvariantCulture, $"\rfwplan fleet: {done}/{total} machines checked ({rate:0}/s)\u001b[K"));
        error.Flush();
        shown = true;
    }

    public void Clear()
    {
        if (shown)
        {
            error.Write("\r\u001b[K");
            error.Flush();
            shown = false;
        }
    }
}
