namespace FirmwarePlanner.Inputs.Archives;

/// <summary>An archive went past one of its <see cref="ArchiveLimits"/>.</summary>
#pragma warning disable CA1032 // internal signal, never constructed outside this file's readers
internal sealed class ArchiveLimitException(string message) : Exception(message);
#pragma warning restore CA1032

/// <summary>A read-only pass-through that counts the bytes read (the compressed side of a bundle).</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        BytesRead += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Replays a few already-read bytes (the magic sniffed from a non-seekable stream) before the rest.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (!_prefix.IsEmpty)
        {
            var n = Math.Min(count, _prefix.Length);
            _prefix.Span[..n].CopyTo(buffer.AsSpan(offset, n));
            _prefix = _prefix[n..];
            return n;
        }

        return rest.Read(buffer, offset, count);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// The expanded tar stream with a budget: past <see cref="ArchiveLimits.MaxTotalBytes"/>, or (for gzip) past
/// <see cref="ArchiveLimits.MaxCompressionRatio"/> times the compressed bytes read so far (after the first MiB),
/// reading stops with an <see cref="ArchiveLimitException"/>.
/// </summary>
internal sealed class BudgetStream(Stream inner, ArchiveLimits limits, CountingStream? compressed) : Stream
{
    private long _total;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _total; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        _total += n;
        if (_total > limits.MaxTotalBytes)
        {
            throw new ArchiveLimitException($"expands to more than {limits.MaxTotalBytes} bytes");
        }

        if (compressed is not null && _total > (1L << 20) && _total > limits.MaxCompressionRatio * Math.Max(1, compressed.BytesRead))
        {
            throw new ArchiveLimitException($"compression ratio above {limits.MaxCompressionRatio:0} (an archive bomb?)");
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
