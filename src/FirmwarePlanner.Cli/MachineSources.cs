using FirmwarePlanner.Fleet;
using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Cli;

/// <summary>
/// Where machines come from on disk: a folder of input files, or a <c>.tar</c>/<c>.tar.gz</c> bundle read in
/// memory through <see cref="SafeArchive"/>. For <c>fleet</c>, a folder that holds machine folders or bundles is
/// expanded into them; a folder of plain files is one machine.
/// </summary>
internal static class MachineSources
{
    public static (IReadOnlyList<InputDocument> Documents, string? Error) LoadArchive(string path)
    {
        if (!BoundedFile.TryRead(path, BoundedFile.MaxInputBytes, out var bytes, out var error))
        {
            return ([], error);
        }

        using var ms = new MemoryStream(bytes, writable: false);
        var result = SafeArchive.Read(ms);
        return (result.Documents, result.Error is null ? null : $"{MachineName(path)}: {result.Error}");
    }

    public static (IReadOnlyList<InputDocument> Documents, string? Error) LoadFolder(string path) =>
        InputFiles.TryLoad([path], out var docs, out var error) ? (docs, null) : ([], error);

    public static string MachineName(string path)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        foreach (var ext in new[] { ".tar.gz", ".tgz", ".tar" })
        {
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^ext.Length];
            }
        }

        return name;
    }

    /// <summary>The machines named by fleet arguments; false with a reason when an argument does not exist.</summary>
    public static bool TryExpand(IEnumerable<string> args, out List<FleetMachine> machines, out string? error)
    {
        machines = [];
        error = null;
        foreach (var arg in args)
        {
            if (File.Exists(arg) && SafeArchive.LooksLikeArchive(arg))
            {
                var path = arg;
                machines.Add(new FleetMachine(MachineName(path), () => LoadArchive(path)));
            }
            else if (Directory.Exists(arg))
            {
                var subdirs = Directory.EnumerateDirectories(arg).Where(d => (File.GetAttributes(d) & FileAttributes.ReparsePoint) == 0).ToArray();
                var archives = Directory.EnumerateFiles(arg).Where(SafeArchive.LooksLikeArchive).ToArray();
                if (subdirs.Length == 0 && archives.Length == 0)
                {
                    var path = arg;
                    machines.Add(new FleetMachine(MachineName(path), () => LoadFolder(path)));
                    continue;
                }

                machines.AddRange(subdirs.Select(d => new FleetMachine(MachineName(d), () => LoadFolder(d))));
                machines.AddRange(archives.Select(a => new FleetMachine(MachineName(a), () => LoadArchive(a))));
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
