using System.Text.RegularExpressions;

namespace FirmwarePlanner.Text;

/// <summary>One numbered sysfs directory's files as key/value text, and the first line that mentioned it.</summary>
public sealed record SysfsRecord(int Number, IReadOnlyDictionary<string, string> Values, int FirstLine);

/// <summary>
/// Numbered sysfs directories captured as text, in either of the two ways people capture them:
/// <c>grep "" /sys/firmware/memmap/*/*</c> (<c>/sys/firmware/memmap/0/start:0x0</c>, one file per line, sorted as
/// strings) or one line per directory (<c>0 start=0x0 end=0x9ffff type=System RAM</c>; a value runs to the next
/// <c> key=</c>). Records come back sorted by number.
/// </summary>
public static partial class SysfsRecords
{
    /// <summary>Parses the lines; <paramref name="unmatched"/> gets the 1-based numbers of non-blank lines in neither form.</summary>
    public static IReadOnlyList<SysfsRecord> Parse(IReadOnlyList<string> lines, out List<int> unmatched, out string? pathKind)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var records = new SortedDictionary<int, (Dictionary<string, string> Values, int First)>();
        unmatched = [];
        pathKind = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var g = GrepLine().Match(line);
            var o = g.Success ? Match.Empty : OneLine().Match(line);
            if (!g.Success && !o.Success)
            {
                unmatched.Add(i + 1);
                continue;
            }

            var numberText = g.Success ? g.Groups["n"].Value : o.Groups["n"].Value;
            if (!int.TryParse(numberText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                unmatched.Add(i + 1);
                continue;
            }

            if (!records.TryGetValue(n, out var rec))
            {
                rec = (new Dictionary<string, string>(StringComparer.Ordinal), i + 1);
                records[n] = rec;
            }

            if (g.Success)
            {
                pathKind ??= g.Groups["dir"].Value;
                rec.Values[g.Groups["k"].Value] = g.Groups["v"].Value.Trim();
            }
            else
            {
                foreach (Match kv in KeyValue().Matches(o.Groups["kv"].Value))
                {
                    rec.Values[kv.Groups["k"].Value] = kv.Groups["v"].Value.Trim();
                }
            }
        }

        return records.Select(r => new SysfsRecord(r.Key, r.Value.Values, r.Value.First)).ToArray();
    }

    [GeneratedRegex(@"^(?:\S*?/)?(?<dir>memmap|runtime-map)/(?<n>\d{1,9})/(?<k>[a-z_]+):(?<v>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex GrepLine();

    [GeneratedRegex(@"^\s*(?<n>\d{1,9})\s+(?<kv>[a-z_]+=.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex OneLine();

    [GeneratedRegex(@"(?<k>[a-z_]+)=(?<v>.*?)(?=\s+[a-z_]+=|\s*$)", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValue();
}
