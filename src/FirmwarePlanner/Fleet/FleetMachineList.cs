using System.Collections;
using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Fleet;

/// <summary>
/// The machines a fleet names, held compactly: per machine its entry name in a folder the arguments named (a machine
/// folder or a bundle) and its machine name (the same string for a folder), so a list of 100 000 machines costs a few
/// MiB; each <see cref="FleetMachine"/> (name and loader) is made when it is asked for, by the scan, and dropped with the
/// machine's result. <see cref="SortByName"/> puts the list in the scan's order once.
/// </summary>
public sealed class FleetMachineList : IReadOnlyList<FleetMachine>
{
    private readonly List<(string Folder, string? Entry, string Name, bool Archive)> _items = [];

    public int Count => _items.Count;

    /// <summary>True once <see cref="SortByName"/> has run and nothing was added after it.</summary>
    public bool SortedByName { get; private set; }

    public FleetMachine this[int index]
    {
        get
        {
            var (folder, entry, name, archive) = _items[index];
            var path = entry is null ? folder : Path.Combine(folder, entry);
            return archive
                ? new FleetMachine(name, () => DocumentLoader.LoadArchive(path))
                : new FleetMachine(name, () => DocumentLoader.LoadFolder(path));
        }
    }

    /// <summary>The name of machine <paramref name="index"/> (<see cref="DocumentLoader.MachineName"/>), without making the machine.</summary>
    public string NameOf(int index) => _items[index].Name;

    /// <summary>A machine that is the folder or bundle at <paramref name="path"/> itself.</summary>
    public void AddPath(string path, bool archive)
    {
        _items.Add((path, null, DocumentLoader.MachineName(path), archive));
        SortedByName = false;
    }

    /// <summary>A machine folder or bundle named <paramref name="entry"/> inside <paramref name="folder"/> (the folder string is shared).</summary>
    public void AddEntry(string folder, string entry, bool archive)
    {
        _items.Add((folder, entry, DocumentLoader.MachineName(entry), archive));
        SortedByName = false;
    }

    /// <summary>Sorts the machines by name (ordinal); returns the first name two machines share, or null.</summary>
    public string? SortByName()
    {
        _items.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        SortedByName = true;
        for (var i = 1; i < _items.Count; i++)
        {
            if (string.Equals(_items[i - 1].Name, _items[i].Name, StringComparison.Ordinal))
            {
                return _items[i].Name;
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
}
