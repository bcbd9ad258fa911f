using System.Globalization;
using System.Text.RegularExpressions;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.E820;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Inputs;

/// <summary>
/// <c>/proc/iomem</c>: <c>"%*s%0*llx-%0*llx : %s"</c> (kernel/resource.c r_show: two spaces of indent per nesting
/// level, inclusive end). Read as context — every resource with its depth; top-level <c>System RAM</c>,
/// <c>reserved</c>, <c>ACPI …</c>, <c>Soft Reserved</c> are what firmware's map became. Recognized when at least
/// four lines in five are resource lines.
/// </summary>
public sealed partial class ProcIomemInputReader : IInputReader
{
    public string Name => "/proc/iomem";

    public bool Recognizes(InputDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (TextLines.LooksBinary(document.Content.Span))
        {
            return false;
        }

        var lines = DocumentHead.Lines(document).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
        var hits = lines.Count(l => Resource().IsMatch(l));
        return hits > 0 && hits * 5 >= lines.Length * 4;
    }

    public string Read(InputDocument document, InputOptions options, MachineBuilder into)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(into);
        var lines = TextLines.Split(document.Content);

        // Straight into the machine's list, sized once for a resource per line: no second copy of millions of records.
        var read = into.Iomem;
        var first = read.Count;
        read.EnsureCapacity(first + lines.Count);

        // A resource name is one of a few dozen ("System RAM", "Reserved", a driver's): one string each, however many lines.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var nameOf = names.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < lines.Count; i++)
        {
            var at = SourceLocation.AtLine(document.Name, i + 1);
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var m = Resource().Match(line);
            if (!m.Success || !Hex.TryParse(m.Groups["s"].ValueSpan, out var start) || !Hex.TryParse(m.Groups["e"].ValueSpan, out var last) ||
                last < start || last == ulong.MaxValue)
            {
                into.Diagnostics.Report(E820Diagnostics.DamagedLine, at, "not a /proc/iomem resource line");
                continue;
            }

            var nameText = m.Groups["name"].ValueSpan.TrimEnd();
            if (!nameOf.TryGetValue(nameText, out var name))
            {
                name = nameText.ToString();
                nameOf[nameText] = name;
            }

            read.Add(new IomemResource(new AddressRange(start, last + 1), name, m.Groups["ind"].Length / 2, at));
        }

        var count = read.Count - first;
        var zeroed = true;
        var topLevel = 0;
        var ram = 0UL;
        for (var i = first; i < read.Count; i++)
        {
            var r = read[i];
            zeroed &= r.Range.Start == 0 && r.Range.End == 1;
            if (r.Depth == 0)
            {
                topLevel++;
                ram += r.Name == "System RAM" ? r.Range.Size : 0;
            }
        }

        if (count > 1 && zeroed)
        {
            into.Diagnostics.Report(E820Diagnostics.ZeroedIomem, SourceLocation.Whole(document.Name), "every range is 00000000-00000000");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{count} resources, {topLevel} top-level; System RAM {Sizes.Human(ram)}");
    }

    [GeneratedRegex(@"^(?<ind> *)(?<s>[0-9a-fA-F]{1,16})-(?<e>[0-9a-fA-F]{1,16}) : (?<name>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Resource();
}
