using System.Text.RegularExpressions;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Verification;

/// <summary>
/// Finds in a machine's documents what its boot recorded (<see cref="ObservedBoot"/>): the kernel log is a document
/// the machine reader took as one, preferring one with a <c>Linux version</c> banner (from its last banner on: a journal
/// can hold several boots, and the machine is the one that booted last); zoneinfo, node states and debugfs memblock are recognized by their content, whatever the
/// file is called (debugfs <c>reserved</c> by a name that says so).
/// </summary>
public static partial class ObservedBootReader
{
    public static ObservedBoot Read(IReadOnlyList<InputDocument> documents, Machine machine)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(machine);
        var logs = documents.Where(d => machine.Documents.Any(i => i.Name == d.Name && i.Format == KernelLogInputReader.FormatName)).ToArray();
        ObservedDocument? log = null;
        foreach (var d in logs)
        {
            var lines = LastBoot(TextLines.Split(d.Content));
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

            var text = TextLines.Split(d.Content);
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

    /// <summary>
    /// The messages from the last <c>Linux version</c> banner on (all lines when there is none): a journal of several
    /// boots is read as the machine reader reads it, as the boot that came last.
    /// </summary>
    private static List<ObservedLine> LastBoot(IReadOnlyList<string> lines)
    {
        var messages = lines.Select(KernelLogLine.MessageKeepingIndent).ToArray();
        var start = Array.FindLastIndex(messages, m => m.StartsWith("Linux version ", StringComparison.Ordinal));
        var list = new List<ObservedLine>();
        for (var i = Math.Max(0, start); i < messages.Length; i++)
        {
            list.Add(new ObservedLine(i + 1, messages[i]));
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
