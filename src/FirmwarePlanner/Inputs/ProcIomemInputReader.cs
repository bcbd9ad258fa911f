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
        var read = new List<IomemResource>();

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

        if (read.Count > 1 && read.All(r => r.Range.Start == 0 && r.Range.End == 1))
        {
            into.Diagnostics.Report(E820Diagnostics.ZeroedIomem, SourceLocation.Whole(document.Name), "every range is 00000000-00000000");
        }

        into.Iomem.AddRange(read);
        var ram = read.Where(r => r.Depth == 0 && r.Name == "System RAM").Aggregate(0UL, (sum, r) => sum + r.Range.Size);
        return string.Create(CultureInfo.InvariantCulture, $"{read.Count} resources, {read.Count(r => r.Depth == 0)} top-level; System RAM {Sizes.Human(ram)}");
    }

    [GeneratedRegex(@"^(?<ind> *)(?<s>[0-9a-fA-F]{1,16})-(?<e>[0-9a-fA-F]{1,16}) : (?<name>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Resource();
}
