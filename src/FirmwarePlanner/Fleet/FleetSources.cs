using FirmwarePlanner.Inputs.Archives;
using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Fleet;

/// <summary>
/// The machines a <c>fleet</c> argument names: a folder that holds machine folders or <c>.tar</c>/<c>.tar.gz</c>
/// bundles is expanded into them; a folder of plain files is one machine (read through <see cref="DocumentLoader"/>).
/// </summary>
public static class FleetSources
{
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
                var subdirs = Directory.EnumerateDirectories(arg).Where(d => (File.GetAttributes(d) & FileAttributes.ReparsePoint) == 0).ToArray();
                var archives = Directory.EnumerateFiles(arg).Where(SafeArchive.LooksLikeArchive).ToArray();
                if (subdirs.Length == 0 && archives.Length == 0)
                {
                    list.AddPath(arg, archive: false);
                    continue;
                }

                foreach (var d in subdirs)
                {
                    list.AddEntry(arg, Path.GetFileName(d), archive: false);
                }

                foreach (var a in archives)
                {
                    list.AddEntry(arg, Path.GetFileName(a), archive: true);
                }
            }
            else
            {
                error = $"{arg}: no such folder or archive";
                return false;
            }
        }

        var dup = machines.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            error = $"two machines are named '{dup.Key}'";
            return false;
        }

        return true;
    }
}
