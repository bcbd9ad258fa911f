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
    public static bool TryExpand(IEnumerable<string> args, out List<FleetMachine> machines, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        machines = [];
        error = null;
        foreach (var arg in args)
        {
            if (File.Exists(arg) && SafeArchive.LooksLikeArchive(arg))
            {
                var path = arg;
                machines.Add(new FleetMachine(DocumentLoader.MachineName(path), () => DocumentLoader.LoadArchive(path)));
            }
            else if (Directory.Exists(arg))
            {
                var subdirs = Directory.EnumerateDirectories(arg).Where(d => (File.GetAttributes(d) & FileAttributes.ReparsePoint) == 0).ToArray();
                var archives = Directory.EnumerateFiles(arg).Where(SafeArchive.LooksLikeArchive).ToArray();
                if (subdirs.Length == 0 && archives.Length == 0)
                {
                    var path = arg;
                    machines.Add(new FleetMachine(DocumentLoader.MachineName(path), () => DocumentLoader.LoadFolder(path)));
                    continue;
                }

                machines.AddRange(subdirs.Select(d => new FleetMachine(DocumentLoader.MachineName(d), () => DocumentLoader.LoadFolder(d))));
                machines.AddRange(archives.Select(a => new FleetMachine(DocumentLoader.MachineName(a), () => DocumentLoader.LoadArchive(a))));
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
