using System.IO.Enumeration;
using FirmwarePlanner.Inputs.Archives;

namespace FirmwarePlanner.Inputs;

/// <summary>Documents read from what the user named, the machine's name, or a one-line reason why they cannot be read.</summary>
public sealed record LoadedDocuments(string Name, IReadOnlyList<InputDocument> Documents, string? Error);

/// <summary>
/// Turns the paths a user named into <see cref="InputDocument"/>s, the same way for every verb: a file is one
/// document; a directory is a bundle (every regular file below it, in ordinal path order, named relative to its
/// parent); a single <c>.tar</c>/<c>.tar.gz</c> bundle is read in memory through <see cref="SafeArchive"/>. Files larger
/// than <see cref="MaxFileBytes"/> are refused, devices and FIFOs included (<see cref="BoundedFile"/>).
/// </summary>
public static class DocumentLoader
{
    public const long MaxFileBytes = BoundedFile.MaxInputBytes;

    /// <summary>Reads one machine from the paths; the name is the single path's file name (without a bundle extension) or <c>machine</c>.</summary>
    public static LoadedDocuments Load(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var name = paths.Count == 1 ? MachineName(paths[0]) : "machine";
        if (paths.Count == 1 && File.Exists(paths[0]) && SafeArchive.LooksLikeArchive(paths[0]))
        {
            var (docs, error) = LoadArchive(paths[0]);
            return new LoadedDocuments(name, docs, error);
        }

        return TryLoadFiles(paths, out var documents, out var why) ? new LoadedDocuments(name, documents, null) : new LoadedDocuments(name, [], why);
    }

    /// <summary>A <c>.tar</c>/<c>.tar.gz</c> bundle in memory, or the reason it is refused.</summary>
    public static (IReadOnlyList<InputDocument> Documents, string? Error) LoadArchive(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!BoundedFile.TryRead(path, BoundedFile.MaxInputBytes, out var bytes, out var error))
        {
            return ([], error);
        }

        using var ms = new MemoryStream(bytes, writable: false);
        var result = SafeArchive.Read(ms);
        return (result.Documents, result.Error is null ? null : $"{MachineName(path)}: {result.Error}");
    }

    /// <summary>A machine folder (every regular file below it), or the reason it cannot be read.</summary>
    public static (IReadOnlyList<InputDocument> Documents, string? Error) LoadFolder(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var documents = new List<InputDocument>();
        return TryLoadFolder(path, documents, out var error) ? (documents, null) : ([], error);
    }

    private static readonly string[] ArchiveExtensions = [".tar.gz", ".tgz", ".tar"];

    /// <summary>The machine a path names: its file name without <c>.tar.gz</c>, <c>.tgz</c> or <c>.tar</c>.</summary>
    public static string MachineName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        var machine = MachineName(name.AsSpan());
        return machine.Length == name.Length ? name : machine.ToString();
    }

    /// <summary><see cref="MachineName(string)"/> of a bare file name, as a slice of it (no string made).</summary>
    public static ReadOnlySpan<char> MachineName(ReadOnlySpan<char> fileName)
    {
        foreach (var ext in ArchiveExtensions)
        {
            if (fileName.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                return fileName[..^ext.Length];
            }
        }

        return fileName;
    }

    /// <summary>Reads every file and folder named; on the first unusable path returns false with a one-line reason.</summary>
    public static bool TryLoadFiles(IEnumerable<string> paths, out List<InputDocument> documents, out string? error)
    {
        ArgumentNullException.ThrowIfNull(paths);
        documents = [];
        error = null;
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                if (!TryRead(path, path, path, documents, out error))
                {
                    return false;
                }
            }
            else if (Directory.Exists(path))
            {
                if (!TryLoadFolder(path, documents, out error))
                {
                    return false;
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

    /// <summary>
    /// Every regular file below the folder <paramref name="path"/> (symbolic links not followed), in ordinal order of
    /// the path relative to it, named <c>folder/relative/path</c>; false with a one-line reason when the folder cannot be
    /// listed (gone, unreadable) or a file cannot be read.
    /// </summary>
    private static bool TryLoadFolder(string path, List<InputDocument> documents, out string? error)
    {
        error = null;
        // Listed and opened by the absolute path, made once (a relative path costs a getcwd(2) at every open); each
        // file is shown as it would be under the path as named, and named by its path relative to the folder.
        string absolute;
        (string Rel, string Full)[] files;
        try
        {
            absolute = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
            files = [.. new FileSystemEnumerable<(string, string)>(absolute,
                (ref FileSystemEntry e) => (RelativeName(ref e), e.ToFullPath()), FolderListing)
            {
                ShouldIncludePredicate = static (ref FileSystemEntry e) => !e.IsDirectory,
            }];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = ex is DirectoryNotFoundException ? $"{path}: no such file or directory" : $"{path}: {ex.Message}";
            return false;
        }

        Array.Sort(files, static (a, b) => string.CompareOrdinal(a.Rel, b.Rel));
        var root = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        foreach (var (rel, full) in files)
        {
            if (!TryRead(full, Path.Join(path, rel), root + "/" + rel, documents, out error))
            {
                return false;
            }
        }

        return true;
    }

    // Every file below the folder, symbolic links not followed, hidden ones too; an unreadable folder is an error.
    private static readonly EnumerationOptions FolderListing = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = false,
    };

    /// <summary>The entry's path below the folder being listed, with '/' between its parts.</summary>
    private static string RelativeName(ref FileSystemEntry e)
    {
        var below = e.Directory[e.RootDirectory.Length..].TrimStart(Path.DirectorySeparatorChar);
        return (below.IsEmpty ? e.FileName.ToString() : string.Concat(below, "/", e.FileName)).Replace('\\', '/');
    }

    private static bool TryRead(string path, string shownAs, string name, List<InputDocument> documents, out string? error)
    {
        // Regular files, devices and FIFOs alike: the cap is enforced while reading, never trusted from a length.
        if (!BoundedFile.TryRead(path, shownAs, MaxFileBytes, out var bytes, out error))
        {
            return false;
        }

        documents.Add(new InputDocument(name, bytes));
        return true;
    }
}
