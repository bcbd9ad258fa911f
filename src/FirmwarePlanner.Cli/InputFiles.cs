using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Cli;

/// <summary>
/// Turns the paths a user named into <see cref="InputDocument"/>s. A directory is a bundle: every regular
/// file below it, in ordinal path order (deterministic), named relative to the directory. Files larger
/// than <see cref="MaxFileBytes"/> are refused, devices and FIFOs included (<see cref="BoundedFile"/>).
/// </summary>
internal static class InputFiles
{
    public const long MaxFileBytes = BoundedFile.MaxInputBytes;

    /// <summary>Reads every input; on the first unusable path returns false with a one-line reason.</summary>
    public static bool TryLoad(IEnumerable<string> paths, out List<InputDocument> documents, out string? error)
    {
        documents = [];
        error = null;
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                if (!TryRead(path, path, documents, out error))
                {
                    return false;
                }
            }
            else if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions
                {
                    RecurseSubdirectories = true,
                    AttributesToSkip = FileAttributes.ReparsePoint,
                    IgnoreInaccessible = false,
                })
                    .Select(f => (Full: f, Rel: Path.GetRelativePath(path, f).Replace('\\', '/')))
                    .OrderBy(f => f.Rel, StringComparer.Ordinal);
                var root = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
                foreach (var (full, rel) in files)
                {
                    if (!TryRead(full, root + "/" + rel, documents, out error))
                    {
                        return false;
                    }
                }
            }
            else
            {
                error = $"{path}: no such file or directory";
                return false;
            }
        }

        return true;
    }

    private static bool TryRead(string path, string name, List<InputDocument> documents, out string? error)
    {
        if (!BoundedFile.TryRead(path, MaxFileBytes, out var bytes, out error))
        {
            return false;
        }

        documents.Add(new InputDocument(name, bytes));
        return true;
    }
}
