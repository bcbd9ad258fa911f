using FirmwarePlanner.Inputs.Archives;
using FirmwarePlanner.Inputs;
using System.IO.Enumeration;

namespace FirmwarePlanner.Fleet;

/// <summary>
/// The machines a <c>fleet</c> argument names: a folder that holds machine folders or <c>.tar</c>/<c>.tar.gz</c>
/// bundles is expanded into them; a folder of plain files is one machine (read through <see cref="DocumentLoader"/>).
/// </summary>
public static class FleetSources
{
    // As Directory.EnumerateDirectories lists: hidden entries too, and an unreadable folder is an error.
    private static readonly EnumerationOptions Listing = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    /// <summary>The machines named by fleet arguments; false with a reason when an argument does not exist.</summary>
    public static bool TryExpand(IEnumerable<string> args, out IReadOnlyList<FleetMachine> machines, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var list = new FleetMachineList();
        machines = list;
        error = null;
        foreach (var arg in args)
        {
            if (File.Exists(arg) && SafeArchive.LooksLikeArchive(arg))
            {
                list.AddPath(arg, archive: true);
            }
            else if (Directory.Exists(arg))
            {
                // One pass over the listing, each entry name added straight from it (no string or full path per
                // entry, no stat: the listing's type says folder or symbolic link); the list sorts them afterwards.
                var before = list.Count;
                var folder = arg;
                var listing = new FileSystemEnumerable<bool>(folder, (ref FileSystemEntry e) =>
                {
                    list.AddEntry(folder, e.FileName, archive: !e.IsDirectory);
                    return true;
                }, Listing)
                {
                    ShouldIncludePredicate = static (ref FileSystemEntry e) => e.IsDirectory
                        ? (e.Attributes & FileAttributes.ReparsePoint) == 0
                        : SafeArchive.LooksLikeArchive(e.FileName),
                };
                foreach (var _ in listing)
                {
                }

                if (list.Count == before)
                {
                    list.AddPath(arg, archive: false);
                }
            }
            else
            {
                error = $"{arg}: no such folder or archive";
                return false;
            }
        }

        if (list.SortByName() is { } dup)
        {
            error = $"two machines are named '{dup}'";
            return false;
        }

        return true;
    }
}
