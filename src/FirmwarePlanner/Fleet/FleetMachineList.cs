using System.Collections;
using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Fleet;

/// <summary>
/// The machines a fleet names, held compactly: per machine only its entry name in a folder the arguments named (a
/// machine folder or a bundle), so a list of 100 000 machines costs a few MiB; each <see cref="FleetMachine"/> (name and
/// loader) is made when it is asked for, by the scan, and dropped with the machine's result.
/// </summary>
public sealed class FleetMachineList : IReadOnlyList<FleetMachine>
{
    private readonly List<(string Folder, string? Entry, bool Archive)> _items = [];

    public int Count => _items.Count;

    public FleetMachine this[int index]
    {
        get
        {
            var (folder, entry, archive) = _items[index];
            var path = entry is null ? folder : Path.Combine(folder, entry);
            return archive
                ? new FleetMachine(DocumentLoader.MachineName(path), () => DocumentLoader.LoadArchive(path))
                : new FleetMachine(DocumentLoader.MachineName(path), () => DocumentLoader.LoadFolder(path));
        }
    }

    /// <summary>A machine that is the folder or bundle at <paramref name="path"/> itself.</summary>
    public void AddPath(string path, bool archive) => _items.Add((path, null, archive));

    /// <summary>A machine folder or bundle named <paramref name="entry"/> inside <paramref name="folder"/> (the folder string is shared).</summary>
    public void AddEntry(string folder, string entry, bool archive) => _items.Add((folder, entry, archive));

    public IEnumerator<FleetMachine> GetEnumerator()
    {
        for (var i = 0; i < _items.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
