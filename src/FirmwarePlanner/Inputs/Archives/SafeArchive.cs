using System.Formats.Tar;
using System.IO.Compression;
using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Inputs.Archives;

/// <summary>
/// Reads a <c>.tar</c> or <c>.tar.gz</c> machine bundle into memory, refusing anything hostile: absolute paths,
/// <c>..</c> segments, links (symbolic and hard), devices and FIFOs, and archives past the
/// <see cref="ArchiveLimits"/>. Nothing is written to disk. The first refusal ends the read with a one-line reason.
/// </summary>
public static class SafeArchive
{
    public sealed record Result(IReadOnlyList<InputDocument> Documents, string? Error)
    {
        public bool Ok => Error is null;
    }

    public static bool LooksLikeArchive(string path) => LooksLikeArchive(path.AsSpan());

    /// <summary><see cref="LooksLikeArchive(string)"/> on a name not made into a string.</summary>
    public static bool LooksLikeArchive(ReadOnlySpan<char> path) =>
        path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) ||
        path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the archive in <paramref name="source"/> (gzip detected by its magic bytes); names are archive-relative.</summary>
    public static Result Read(Stream source, ArchiveLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        limits ??= ArchiveLimits.Default;
        var compressed = new CountingStream(source);
        try
        {
            var head = new byte[2];
            var got = compressed.ReadAtLeast(head, 2, throwOnEndOfStream: false);
            Stream raw = new PrefixedStream(head.AsMemory(0, got), compressed);
            var gzip = got == 2 && head[0] == 0x1f && head[1] == 0x8b;
            using var data = new BudgetStream(gzip ? new GZipStream(raw, CompressionMode.Decompress) : raw, limits, gzip ? compressed : null);
            using var tar = new TarReader(data);
            var docs = new List<InputDocument>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (tar.GetNextEntry(copyData: false) is { } entry)
            {
                if (docs.Count + 1 > limits.MaxEntries)
                {
                    return Fail($"more than {limits.MaxEntries} entries");
                }

                if (CheckName(entry.Name) is { } bad)
                {
                    return Fail($"entry '{Printable(entry.Name)}': {bad}");
                }

                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        continue;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        break;
                    case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                        return Fail($"entry '{Printable(entry.Name)}' is a link (to '{Printable(entry.LinkName)}'); links are not followed");
                    default:
                        return Fail($"entry '{Printable(entry.Name)}' is a {entry.EntryType}, not a regular file");
                }

                if (entry.Length > limits.MaxEntryBytes)
                {
                    return Fail($"entry '{Printable(entry.Name)}' has {entry.Length} bytes, more than the {limits.MaxEntryBytes} allowed per entry");
                }

                var bytes = ReadBounded(entry.DataStream, limits.MaxEntryBytes, out var tooBig);
                if (tooBig)
                {
                    return Fail($"entry '{Printable(entry.Name)}' is larger than the {limits.MaxEntryBytes} bytes allowed per entry");
                }

                var name = Normalize(entry.Name);
                if (!names.Add(name))
                {
                    return Fail($"entry '{Printable(name)}' appears twice");
                }

                docs.Add(new InputDocument(name, bytes));
            }

            docs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return new Result(docs, null);
        }
        catch (ArchiveLimitException ex)
        {
            return Fail(ex.Message);
        }
        // TarReader decodes GNU base-256 numeric fields with checked arithmetic: a value past what the field's
        // type holds (uid, size, …) surfaces as OverflowException, and a PAX extended-attributes block whose size
        // field is too large as InvalidOperationException; both are malformed data like the rest.
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException or IOException or ArgumentException
            or OverflowException or NotSupportedException or InvalidOperationException)
        {
            return Fail($"not a readable tar archive ({ex.Message})");
        }
    }

    private static Result Fail(string reason) => new([], "refused: " + reason);

    /// <summary>Null when the name is a safe relative path; otherwise why not.</summary>
    internal static string? CheckName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "empty name";
        }

        if (name.Contains('\0', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            return "name contains NUL or a backslash";
        }

        if (name[0] == '/' || (name.Length >= 2 && name[1] == ':'))
        {
            return "absolute path";
        }

        foreach (var part in name.Split('/'))
        {
            if (part == "..")
            {
                return "path goes up ('..')";
            }
        }

        return null;
    }

    private static string Normalize(string name)
    {
        var parts = name.Split('/').Where(p => p.Length > 0 && p != ".");
        return string.Join('/', parts);
    }

    private static string Printable(string? s) =>
        s is null ? string.Empty : new string(s.Take(200).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private static byte[] ReadBounded(Stream? data, long max, out bool tooBig)
    {
        tooBig = false;
        if (data is null)
        {
            return [];
        }

        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = data.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (ms.Length + n > max)
            {
                tooBig = true;
                return [];
            }

            ms.Write(buffer, 0, n);
        }

        return ms.ToArray();
    }
}
