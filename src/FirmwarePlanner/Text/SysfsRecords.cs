using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace FirmwarePlanner.Text;

/// <summary>
/// Numbered sysfs directories captured as text, in either of the two ways people capture them:
/// <c>grep "" /sys/firmware/memmap/*/*</c> (<c>/sys/firmware/memmap/0/start:0x0</c>, one file per line, sorted as
/// strings) or one line per directory (<c>0 start=0x0 end=0x9ffff type=System RAM</c>; a value runs to the next
/// <c> key=</c>). Records come back sorted by number.
/// </summary>
public static partial class SysfsRecords
{
    /// <summary>How many distinct <c>type</c> texts share one string each; beyond that each record keeps its own.</summary>
    private const int TypePoolLimit = 256;

    /// <summary>Parses the lines; <paramref name="unmatched"/> gets the 1-based numbers of non-blank lines in neither form.</summary>
    public static IReadOnlyList<SysfsRecord> Parse(IReadOnlyList<string> lines, out List<int> unmatched, out string? pathKind)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var records = new List<SysfsRecord>();
        // A type is one of a few names ("System RAM", "Reserved", a hex number): one string each, however many records.
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var typeOf = types.GetAlternateLookup<ReadOnlySpan<char>>();
        string Intern(ReadOnlySpan<char> text)
        {
            if (typeOf.TryGetValue(text, out var shared))
            {
                return shared;
            }

            var made = text.ToString();
            if (types.Count < TypePoolLimit)
            {
                typeOf[text] = made;
            }

            return made;
        }

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

            var numberText = g.Success ? g.Groups["n"].ValueSpan : o.Groups["n"].ValueSpan;
            if (!int.TryParse(numberText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                unmatched.Add(i + 1);
                continue;
            }

            // Lines of one directory are next to each other in both forms: a new record starts when the number changes,
            // and the rare directory that comes back later is merged into its first record after sorting.
            if (records.Count == 0)
            {
                // One record a line in the one-line form, one per three files (start, end, type) in grep's: sized once.
                records.Capacity = g.Success ? (lines.Count - i) / 3 + 1 : lines.Count - i;
            }

            if (records.Count == 0 || records[^1].Number != n)
            {
                records.Add(new SysfsRecord(n, i + 1));
            }

            var at = records.Count - 1;
            var span = CollectionsMarshal.AsSpan(records);
            if (g.Success)
            {
                pathKind ??= g.Groups["dir"].Value;
                Set(ref span[at], g.Groups["k"].ValueSpan, g.Groups["v"].ValueSpan, Intern);
            }
            else
            {
                foreach (Match kv in KeyValue().Matches(line, o.Groups["kv"].Index))
                {
                    Set(ref span[at], kv.Groups["k"].ValueSpan, kv.Groups["v"].ValueSpan, Intern);
                }
            }
        }

        return SortAndMerge(records);
    }

    /// <summary>Sorts by number; runs of one number (a directory seen again further down) become one record, later files winning.</summary>
    private static List<SysfsRecord> SortAndMerge(List<SysfsRecord> records)
    {
        var span = CollectionsMarshal.AsSpan(records);
        span.Sort(static (a, b) => a.Number != b.Number ? a.Number.CompareTo(b.Number) : a.FirstLine.CompareTo(b.FirstLine));
        var kept = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (kept > 0 && span[kept - 1].Number == span[i].Number)
            {
                span[kept - 1] = span[kept - 1].Merge(span[i]);
            }
            else
            {
                span[kept++] = span[i];
            }
        }

        records.RemoveRange(kept, records.Count - kept);
        return records;
    }

    private static void Set(ref SysfsRecord record, ReadOnlySpan<char> key, ReadOnlySpan<char> value, InternType intern)
    {
        record = KeyOf(key) switch
        {
            SysfsKey.Type => record.WithType(intern(value.Trim())),
            { } hex => record.WithHex(hex, value),
            null => record,
        };
    }

    private delegate string InternType(ReadOnlySpan<char> text);

    /// <summary>The file each <see cref="SysfsKey"/> stands for, in the enum's order.</summary>
    private static readonly string[] Files = ["start", "end", "phys_addr", "virt_addr", "num_pages", "attribute", "type"];

    /// <summary>The sysfs file a key stands for (<c>phys_addr</c> for <see cref="SysfsKey.PhysAddr"/>).</summary>
    public static string FileName(SysfsKey key) => Files[(int)key];

    private static SysfsKey? KeyOf(ReadOnlySpan<char> key)
    {
        for (var k = 0; k < Files.Length; k++)
        {
            if (key.SequenceEqual(Files[k]))
            {
                return (SysfsKey)k;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?:\S*?/)?(?<dir>memmap|runtime-map)/(?<n>\d{1,9})/(?<k>[a-z_]+):(?<v>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex GrepLine();

    [GeneratedRegex(@"^\s*(?<n>\d{1,9})\s+(?<kv>[a-z_]+=.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex OneLine();

    [GeneratedRegex(@"(?<k>[a-z_]+)=(?<v>.*?)(?=\s+[a-z_]+=|\s*$)", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValue();
}
