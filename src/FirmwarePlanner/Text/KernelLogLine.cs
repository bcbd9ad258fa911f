using System.Text.RegularExpressions;

namespace FirmwarePlanner.Text;

/// <summary>
/// Strips what log collectors put before a kernel message, so patterns can match the printk text itself:
/// syslog / journalctl (<c>May 30 05:04:29 host kernel: </c>, ISO <c>2024-05-30T05:04:29+0000 host kernel: </c>),
/// a console level (<c>&lt;6&gt;</c>), the printk time (<c>[    0.000000] </c>), <c>dmesg -T</c> wall time
/// (<c>[Tue Nov  4 21:29:37 2025] </c>), the <c>dmesg -x</c> facility/level (<c>kern  :info  : </c>), the
/// CONFIG_PRINTK_CALLER id (<c>[    T0] </c>), and leading blanks (mail quoting indents lines).
/// </summary>
public static partial class KernelLogLine
{
    /// <summary>The message part of a log line.</summary>
    public static string Message(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return MessageKeepingIndent(line.TrimStart()).TrimStart();
    }

    /// <summary>
    /// The message with its own indentation kept (block lines such as <c>  DMA      [mem …]</c>): only what a collector
    /// put before it is removed, never blanks that belong to the message.
    /// </summary>
    public static string MessageKeepingIndent(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var m = CollectorPrefix().Match(line);
        return m.Success ? line[m.Length..] : line;
    }

    /// <summary>
    /// True when a log collector's prefix stands before the message (a printk time, a syslog/journal
    /// <c>… host kernel: </c>, a console level, <c>dmesg -x</c>'s facility): as strong a sign of a kernel log as a timestamp.
    /// </summary>
    public static bool HasCollectorPrefix(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return CollectorPrefix().Match(line).Length > 0;
    }

    [GeneratedRegex(@"^(?:(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\dT[\d:.]+(?:[+-]\d{2}:?\d{2}|Z)?) \S+ kernel: )?(?:[a-z]+\s*:[a-z]+\s*: )?(?:<\d{1,3}>)?(?:\[\s*\d+\.\d+\] ?|\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\] ?)?(?:\[\s*[TC]\d+\] ?)?", RegexOptions.CultureInvariant)]
    private static partial Regex CollectorPrefix();
}
