using System.Collections;
using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Fleet;

/// <summary>
/// The machines a fleet names, held compactly: the folders the arguments named once each, every entry name (a machine
/// folder or a bundle) in one character buffer, and per machine sixteen bytes (its folder, where its entry name lies,
/// how much of that is the machine name, whether it is a bundle). A list of 100 000 machines costs about 3 MiB; each
/// <see cref="FleetMachine"/> (name and loader) is made when it is asked for, by the scan, and dropped with the
/// machine's result. <see cref="SortByName"/> puts the list in the scan's order once.
/// </summary>
public sealed class FleetMachineList : IReadOnlyList<FleetMachine>
{
    private readonly List<string> _folders = [];
    private readonly List<Slot> _items = [];
    private char[] _chars = new char[256];
    private int _used;

    public int Count => _items.Count;

    /// <summary>True once <see cref="SortByName"/> has run and nothing was added after it.</summary>
    public bool SortedByName { get; private set; }

    public FleetMachine this[int index]
    {
        get
        {
            var item = _items[index];
            var folder = _folders[item.Folder];
            var name = NameSpan(item).ToString();
            var path = item.EntryLength == 0 ? folder : Path.Combine(folder, _chars.AsSpan(item.Start, item.EntryLength).ToString());
            return item.Archive
                ? new FleetMachine(name, () => DocumentLoader.LoadArchive(path))
                : new FleetMachine(name, () => DocumentLoader.LoadFolder(path));
        }
    }

    /// <summary>The name of machine <paramref name="index"/> (<see cref="DocumentLoader.MachineName"/>), without making the machine.</summary>
    public string NameOf(int index) => NameSpan(_items[index]).ToString();

    /// <summary>A machine that is the folder or bundle at <paramref name="path"/> itself.</summary>
    public void AddPath(string path, bool archive)
    {
        _folders.Add(path);
        Add(_folders.Count - 1, string.Empty, DocumentLoader.MachineName(path), archive);
    }

    /// <summary>A machine folder or bundle named <paramref name="entry"/> inside <paramref name="folder"/> (each folder is kept once).</summary>
    public void AddEntry(string folder, ReadOnlySpan<char> entry, bool archive)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (_folders.Count == 0 || !ReferenceEquals(_folders[^1], folder))
        {
            _folders.Add(folder);
        }

        Add(_folders.Count - 1, entry, DocumentLoader.MachineName(entry), archive);
    }

    /// <summary>
    /// Sorts the machines by name (ordinal) and gives back the room kept for more (the listing is complete when it is
    /// sorted); returns the first name two machines share, or null.
    /// </summary>
    public string? SortByName()
    {
        var chars = _chars;
        _items.Sort((a, b) => chars.AsSpan(a.Start, a.NameLength).SequenceCompareTo(chars.AsSpan(b.Start, b.NameLength)));
        SortedByName = true;

        // The list is complete: no room kept for more (the doubling left up to half of each array unused).
        _items.TrimExcess();
        if (_chars.Length > _used)
        {
            Array.Resize(ref _chars, _used);
        }

        for (var i = 1; i < _items.Count; i++)
        {
            if (NameSpan(_items[i - 1]).SequenceEqual(NameSpan(_items[i])))
            {
                return NameSpan(_items[i]).ToString();
            }
        }

        return null;
    }

    public IEnumerator<FleetMachine> GetEnumerator()
    {
        for (var i = 0; i < _items.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ReadOnlySpan<char> NameSpan(Slot item) => _chars.AsSpan(item.Start, item.NameLength);

    /// <summary>Keeps the entry name followed, when the machine is the path itself, by its machine name.</summary>
    private void Add(int folder, ReadOnlySpan<char> entry, ReadOnlySpan<char> name, bool archive)
    {
        // An entry's machine name is a prefix of it; a path's own name is stored in place of the entry.
        var stored = entry.IsEmpty ? name : entry;
        if (_used + stored.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_used + stored.Length, _chars.Length * 2));
        }

        stored.CopyTo(_chars.AsSpan(_used));
        _items.Add(new Slot(folder, _used, checked((ushort)entry.Length), checked((ushort)name.Length), archive));
        _used += stored.Length;
        SortedByName = false;
    }

    /// <summary>One machine: its folder, where its entry name starts in the buffer, the entry's and the machine name's lengths.</summary>
    private readonly record struct Slot(int Folder, int Start, ushort EntryLength, ushort NameLength, bool Archive);
}
