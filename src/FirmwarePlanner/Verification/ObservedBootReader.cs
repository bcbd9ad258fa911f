using System.Text.RegularExpressions;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Verification;

/// <summary>
/// Finds in a machine's documents what its boot recorded (<see cref="ObservedBoot"/>): the kernel log is a document
/// the machine reader took as one, preferring one with a <c>Linux version</c> banner (cut at the next banner: a journal
/// can hold several boots); zoneinfo, node states and debugfs memblock are recognized by their content, whatever the
/// file is called (debugfs <c>reserved</c> by a name that says so).
/// </summary>
public static partial class ObservedBootReader
{
    public static ObservedBoot Read(IReadOnlyList<InputDocument> documents, Machine machine)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(machine);
        var logs = documents.Where(d => machine.Documents.Any(i => i.Name == d.Name && i.Format == "kernel log")).ToArray();
        ObservedDocument? log = null;
        foreach (var d in logs)
        {
            var lines = FirstBoot(TextLines.Split(d.Content.Span));
            if (lines.Count > 0 && lines[0].Text.StartsWith("Linux version ", StringComparison.Ordinal))
            {
                log = new ObservedDocument(d.Name, lines);
                break;
            }

            log ??= new ObservedDocument(d.Name, lines);
        }

        ObservedDocument? zoneinfo = null, states = null, memory = null, reserved = null;
        foreach (var d in documents)
        {
            if (TextLines.LooksBinary(d.Content.Span))
            {
                continue;
            }

            var text = TextLines.Split(d.Content.Span);
            var nonBlank = text.Where(l => l.Trim().Length > 0).ToArray();
            if (nonBlank.Length == 0)
            {
                continue;
            }

            var doc = new ObservedDocument(d.Name, text.Select((t, i) => new ObservedLine(i + 1, t)).ToArray());
            if (zoneinfo is null && ZoneinfoHeader().IsMatch(nonBlank[0]))
            {
                zoneinfo = doc;
            }
            else if (states is null && nonBlank.Any(l => l.StartsWith("has_memory:", StringComparison.Ordinal)) && nonBlank.All(l => NodeStateLine().IsMatch(l)))
            {
                states = doc;
            }
            else if (nonBlank.All(l => DebugfsMemblockLine().IsMatch(l)))
            {
                if (Path.GetFileName(d.Name).Contains("reserved", StringComparison.OrdinalIgnoreCase))
                {
                    reserved ??= doc;
                }
                else
                {
                    memory ??= doc;
                }
            }
        }

        return new ObservedBoot(log, memory, reserved, zoneinfo, states);
    }

    /// <summary>The messages from the first <c>Linux version</c> banner up to the next one (all lines when there is none).</summary>
    private static List<ObservedLine> FirstBoot(string[] lines)
    {
        var list = new List<ObservedLine>();
        var started = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var message = KernelLogLine.MessageKeepingIndent(lines[i]);
            var banner = message.StartsWith("Linux version ", StringComparison.Ordinal);
            if (banner && started && list.Count > 0 && list[0].Text.StartsWith("Linux version ", StringComparison.Ordinal))
            {
                break;
            }

            if (banner && !started)
            {
                list.Clear();
                started = true;
            }

            list.Add(new ObservedLine(i + 1, message));
        }

        return list;
    }

    [GeneratedRegex(@"^Node \d+, zone\s+\S+")]
    private static partial Regex ZoneinfoHeader();

    [GeneratedRegex(@"^[a-z_]+: ?[0-9,\-]*$")]
    private static partial Regex NodeStateLine();

    [GeneratedRegex(@"^\s*\d+: 0x[0-9a-f]+\.\.0x[0-9a-f]+")]
    private static partial Regex DebugfsMemblockLine();
}
