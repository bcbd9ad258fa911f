using System.Formats.Tar;
using System.IO.Compression;

namespace FirmwarePlanner.Collect;

/// <summary>
/// Writes a gzip-compressed ustar archive that depends only on the entries: names sorted ordinally, fixed
/// modification time, owner 0:0, mode 0644, no user or group names. (The gzip header .NET writes has no
/// time stamp or file name.)
/// </summary>
public static class DeterministicTar
{
    /// <summary>2000-01-01T00:00:00Z: a fixed, plausible time for every entry.</summary>
    public static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void WriteTarGz(Stream destination, IEnumerable<BundleEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(entries);
        using var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true);
        foreach (var e in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var entry = new UstarTarEntry(TarEntryType.RegularFile, e.Name)
            {
                ModificationTime = FixedTime,
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                Uid = 0,
                Gid = 0,
                UserName = string.Empty,
                GroupName = string.Empty,
                DataStream = new MemoryStream(e.Content, writable: false),
            };
            tar.WriteEntry(entry);
        }
    }
}
