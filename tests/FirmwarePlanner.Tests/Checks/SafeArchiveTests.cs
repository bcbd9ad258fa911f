using FirmwarePlanner.Inputs.Archives;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using FirmwarePlanner.Fleet;

namespace FirmwarePlanner.Tests.Checks;

public class SafeArchiveTests
{
    internal static byte[] Tar(bool gzip, params TarEntry[] entries)
    {
        using var ms = new MemoryStream();
        using (Stream outer = gzip ? new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true) : ms)
        using (var w = new TarWriter(outer, leaveOpen: true))
        {
            foreach (var e in entries)
            {
                w.WriteEntry(e);
            }
        }

        return ms.ToArray();
    }

    internal static PaxTarEntry File(string name, string text) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };

    [Fact]
    public void Reads_regular_files_sorted_and_normalized()
    {
        var bytes = Tar(true, File("m/b.txt", "b"), new PaxTarEntry(TarEntryType.Directory, "m/"), File("./m/a.txt", "a"));
        var r = SafeArchive.Read(new MemoryStream(bytes));
        Assert.True(r.Ok, r.Error);
        Assert.Equal(["m/a.txt", "m/b.txt"], r.Documents.Select(d => d.Name));
        Assert.Equal("a", Encoding.UTF8.GetString(r.Documents[0].Content.Span));
    }

    [Theory]
    [InlineData("../evil", "path goes up")]
    [InlineData("m/../../evil", "path goes up")]
    [InlineData("/etc/passwd", "absolute path")]
    public void Refuses_paths_that_leave_the_bundle(string name, string reason)
    {
        var r = SafeArchive.Read(new MemoryStream(Tar(false, File("ok.txt", "x"), File(name, "evil"))));
        Assert.False(r.Ok);
        Assert.Contains(reason, r.Error, StringComparison.Ordinal);
        Assert.Empty(r.Documents);
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink)]
    [InlineData(TarEntryType.HardLink)]
    public void Refuses_links(TarEntryType type)
    {
        var link = new PaxTarEntry(type, "m/SRAT.bin") { LinkName = "/sys/firmware/acpi/tables/SRAT" };
        var r = SafeArchive.Read(new MemoryStream(Tar(true, link)));
        Assert.False(r.Ok);
        Assert.Contains("is a link", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_gzip_bomb_by_ratio_before_expanding_it()
    {
        var bytes = Bomb(40L << 20);
        Assert.True(bytes.Length < (1 << 20), "the bomb should be small on disk");
        var r = SafeArchive.Read(new MemoryStream(bytes));
        Assert.False(r.Ok);
        Assert.Contains("compression ratio", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_entries_and_totals_past_the_limits()
    {
        var limits = new ArchiveLimits(MaxEntries: 2, MaxEntryBytes: 1000, MaxTotalBytes: 1L << 30, MaxCompressionRatio: 1e9);
        var big = SafeArchive.Read(new MemoryStream(Tar(false, File("a", new string('x', 1001)))), limits);
        Assert.Contains("allowed per entry", big.Error, StringComparison.Ordinal);
        var many = SafeArchive.Read(new MemoryStream(Tar(false, File("a", "1"), File("b", "2"), File("c", "3"))), limits);
        Assert.Contains("more than 2 entries", many.Error, StringComparison.Ordinal);
        var total = SafeArchive.Read(new MemoryStream(Bomb(8L << 20)), limits with { MaxEntryBytes = 1L << 40, MaxTotalBytes = 4L << 20 });
        Assert.Contains("expands to more than", total.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_is_refused_with_a_reason_not_an_exception()
    {
        var r = SafeArchive.Read(new MemoryStream(Encoding.UTF8.GetBytes(new string('z', 3000))));
        Assert.False(r.Ok);
        Assert.StartsWith("refused:", r.Error, StringComparison.Ordinal);
    }

    /// <summary>A .tar.gz holding one entry of <paramref name="size"/> zero bytes, written without holding it in memory.</summary>
    internal static byte[] Bomb(long size)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        using (var w = new TarWriter(gz, leaveOpen: true))
        {
            w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bomb/zeros") { DataStream = new ZeroStream(size) });
        }

        return ms.ToArray();
    }

    private sealed class ZeroStream(long length) : Stream
    {
        private long _pos;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _pos; set => _pos = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _pos);
            Array.Clear(buffer, offset, n);
            _pos += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => _pos = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _pos + offset,
            _ => length + offset,
        };

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
