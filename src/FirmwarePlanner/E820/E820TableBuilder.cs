using System.Globalization;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.E820;

/// <summary>Builds one e820 table entry by entry, then checks it (order, overlap, unknown types).</summary>
public sealed class E820TableBuilder(string source, E820Form form, string who)
{
    private readonly List<E820Entry> _entries = [];
    private readonly DiagnosticBag _bag = new();

    public string Who => who;

    public E820Form Form => form;

    public int Count => _entries.Count;

    public DiagnosticBag Diagnostics => _bag;

    /// <summary>Adds <c>[start, endExclusive)</c> given as a 128-bit end so that an inclusive end of 2^64-1 fits.</summary>
    public void Add(ulong start, UInt128 endExclusive, E820Type type, SourceLocation at)
    {
        if (endExclusive <= start || endExclusive > ulong.MaxValue)
        {
            _bag.Report(E820Diagnostics.BadRange, at, string.Create(CultureInfo.InvariantCulture, $"start 0x{start:x}, end 0x{endExclusive:x} (exclusive)"));
            return;
        }

        if (!type.IsKnown)
        {
            _bag.Report(E820Diagnostics.UnknownType, at, $"{type.LogName}");
        }

        _entries.Add(new E820Entry(start, (ulong)endExclusive - start, type) { Index = _entries.Count, Location = at });
    }

    public E820Table Build()
    {
        var sorted = true;
        for (var i = 1; i < _entries.Count; i++)
        {
            if (_entries[i].Range.Start < _entries[i - 1].Range.Start)
            {
                _bag.Report(E820Diagnostics.Unsorted, _entries[i].Location, $"entry {i} {_entries[i].Range} starts below entry {i - 1}");
                sorted = false;
                break;
            }
        }

        // Overlaps are looked for in address order; a table already in that order (nearly every one) is not copied.
        IReadOnlyList<E820Entry> ordered = sorted ? _entries : _entries.OrderBy(e => e.Range.Start).ThenBy(e => e.Index).ToArray();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Range.Overlaps(ordered[i - 1].Range))
            {
                _bag.Report(E820Diagnostics.Overlap, ordered[i].Location, $"{ordered[i].Range} {ordered[i].Type} overlaps {ordered[i - 1].Range} {ordered[i - 1].Type}");
            }
        }

        return new E820Table(source, form, who, _entries.ToArray(), _bag.ToList());
    }
}
