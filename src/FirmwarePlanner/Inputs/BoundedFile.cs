using System.Globalization;

namespace FirmwarePlanner.Inputs;

/// <summary>
/// The one way the CLI reads a file a user named — inputs, bundles, profiles, check configs, fleet baselines: a
/// regular file, a device, a FIFO or a pipe alike. The byte cap is enforced while reading, so a stream whose length
/// reads as 0 (<c>/dev/zero</c>, a FIFO, procfs) stops at the cap instead of exhausting memory; a length the file
/// system reports only makes a too-large regular file fail before any byte is read. Opening is bounded in time
/// too: a FIFO nobody writes to never finishes opening, and is reported instead of waited for.
/// </summary>
public static class BoundedFile
{
    /// <summary>The cap for one input file or bundle (a 2M-descriptor binary map is 96 MiB).</summary>
    public const long MaxInputBytes = 128L << 20;

    /// <summary>The cap for a profile, a check config or a fleet baseline (JSON a person or fwplan wrote).</summary>
    public const long MaxSettingsBytes = 16L << 20;

    /// <summary>How long opening may take before the path is reported as not opening (a FIFO with no writer).</summary>
    public static TimeSpan OpenTimeout { get; } = TimeSpan.FromSeconds(2);

    private const int Chunk = 1 << 20;

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> bytes of <paramref name="path"/>; false with a one-line reason
    /// (starting with the path) when it cannot be opened or read, or holds more.
    /// </summary>
    public static bool TryRead(string path, long maxBytes, out byte[] bytes, out string? error) =>
        TryRead(path, path, maxBytes, out bytes, out error);

    /// <summary>
    /// <see cref="TryRead(string, long, out byte[], out string?)"/> of <paramref name="path"/>, the reasons starting with
    /// <paramref name="shownAs"/> (the path as the user named it, when <paramref name="path"/> is its absolute form).
    /// </summary>
    public static bool TryRead(string path, string shownAs, long maxBytes, out byte[] bytes, out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(shownAs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        bytes = [];
        error = null;
        if (!TryOpen(path, shownAs, out var stream, out error))
        {
            return false;
        }

        using (stream)
        {
            try
            {
                return Read(stream, shownAs, maxBytes, out bytes, out error);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                bytes = [];
                error = $"{shownAs}: {ex.Message}";
                return false;
            }
        }
    }

    private static bool Read(FileStream stream, string shownAs, long maxBytes, out byte[] bytes, out string? error)
    {
        bytes = [];
        error = null;
        var known = stream.CanSeek ? stream.Length : 0;
        if (known > maxBytes)
        {
            error = Inv($"{shownAs}: {known} bytes is more than the {maxBytes} bytes this file may have");
            return false;
        }

        // A regular file is read into one array of its reported size; anything past that size (a file that
        // grows, a device that reports 0) goes on in chunks, each counted against the cap before it is kept.
        var first = new byte[known > 0 ? known : Math.Min(Chunk, maxBytes + 1)];
        var filled = Fill(stream, first);
        if (filled < first.Length)
        {
            bytes = first.AsSpan(0, filled).ToArray();
            return true;
        }

        // Read to its reported size: one byte more tells whether it ended there, without a chunk per file.
        Span<byte> probe = stackalloc byte[1];
        if (known > 0 && stream.Read(probe) == 0)
        {
            bytes = first;
            return true;
        }

        // It went on (a file that grew): the probed byte counts like any other against the cap below.
        List<byte[]> chunks = known > 0 ? [first, [probe[0]]] : [first];
        var total = (long)filled + (known > 0 ? 1 : 0);

        while (true)
        {
            var chunk = new byte[(int)Math.Min(Chunk, maxBytes + 1 - total)];
            var n = Fill(stream, chunk);
            total += n;
            if (total > maxBytes)
            {
                error = Inv($"{shownAs}: more than the {maxBytes} bytes this file may have (read until the cap; its reported length was {known})");
                return false;
            }

            if (n == 0)
            {
                break;
            }

            chunks.Add(n == chunk.Length ? chunk : chunk[..n]);
            if (n < chunk.Length)
            {
                break;
            }
        }

        bytes = new byte[total];
        var at = 0;
        foreach (var c in chunks)
        {
            c.CopyTo(bytes, at);
            at += c.Length;
        }

        return true;
    }

    /// <summary>
    /// Opens <paramref name="path"/> for reading. A regular file with content opens at once (the common case,
    /// thousands of times in a fleet); anything else (a device, a FIFO, procfs, an empty file) is opened on its own
    /// thread with a timeout, since opening a FIFO nobody writes to never returns.
    /// </summary>
    private static bool TryOpen(string path, string shownAs, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FileStream? stream, out string? error)
    {
        stream = null;
        error = null;
        try
        {
            if (IsNonEmptyRegularFile(path))
            {
                stream = Open(path);
                return true;
            }

            // Its own thread (LongRunning), not the pool's: a busy pool must not make a plain file look like it hangs.
            var open = Task.Factory.StartNew(() => Open(path), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (!open.Wait(OpenTimeout))
            {
                // The thread stays in open(2) until a writer appears; the stream it may still yield is closed then.
                _ = open.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                error = Inv($"{shownAs}: did not open within {OpenTimeout.TotalSeconds:0} s (a FIFO with no writer?)");
                return false;
            }

            stream = open.Result;
            return true;
        }
        catch (AggregateException ex) when (ex.InnerException is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error = $"{shownAs}: {ex.InnerException.Message}";
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error = $"{shownAs}: {ex.Message}";
            return false;
        }
    }

    private static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);

    /// <summary>A path stat(2) reports as a file with a size: not a directory, a device, a FIFO or procfs (all size 0).</summary>
    private static bool IsNonEmptyRegularFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length > 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Reads until the buffer is full or the stream ends; returns the bytes read.</summary>
    private static int Fill(Stream stream, byte[] buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = stream.Read(buffer, filled, buffer.Length - filled);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        return filled;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
