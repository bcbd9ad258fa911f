using System.Collections;

namespace FirmwarePlanner.Text;

/// <summary>
/// The messages of a kernel log (each line without its printk prefix: time stamp, syslog or journal prefix, level),
/// made from the line when it is asked for. Lines before <see cref="From"/> (earlier boots of a journal) read as empty,
/// so indexes stay the document's line numbers minus one.
/// </summary>
public sealed class KernelLogMessages(IReadOnlyList<string> lines, int from = 0) : IReadOnlyList<string>
{
    /// <summary>The first line read as itself; earlier ones are empty.</summary>
    public int From { get; } = from;

    public int Count => lines.Count;

    public string this[int index] => index < From ? string.Empty : KernelLogLine.Message(lines[index]);

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < lines.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
