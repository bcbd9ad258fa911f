using System.Runtime.CompilerServices;

namespace FirmwarePlanner.Memblock.Storage;

/// <summary>
/// A sorted list stored as a sequence of small arrays ("chunks") with a prefix index. Index access is
/// O(1) for the sequential walks the kernel algorithm makes (the last chunk is cached) and O(log chunks)
/// otherwise; insert and remove shift at most one chunk and update the prefix counts; search is a binary
/// search. With fewer than <see cref="ChunkCapacity"/> regions it is a single array.
/// </summary>
internal sealed class ChunkedRegionTable : RegionTable
{
    private const int ChunkCapacity = 256;

    private readonly List<Chunk> _chunks = [new Chunk()];

    // _starts[c] = index of the first region of chunk c; valid for c < _validStarts.
    private int[] _starts = new int[4];
    private int _validStarts;
    private int _count;
    private int _cachedChunk;

    public override int Count => _count;

    public override MemblockRegion this[int index]
    {
        get
        {
            var c = Locate(index);
            return _chunks[c].Items[index - _starts[c]];
        }

        set
        {
            var c = Locate(index);
            _chunks[c].Items[index - _starts[c]] = value;
        }
    }

    public override void Insert(int index, MemblockRegion region)
    {
        int c;
        if (index == _count)
        {
            c = _chunks.Count - 1;
            EnsureStarts(c);
        }
        else
        {
            c = Locate(index);
        }

        var chunk = _chunks[c];
        var local = index - _starts[c];
        var edited = c;
        if (chunk.Count == ChunkCapacity)
        {
            // Split the full chunk in two halves, then insert into the proper half.
            var upper = new Chunk();
            var half = ChunkCapacity / 2;
            Array.Copy(chunk.Items, half, upper.Items, 0, ChunkCapacity - half);
            upper.Count = ChunkCapacity - half;
            chunk.Count = half;
            _chunks.Insert(c + 1, upper);
            if (local > half)
            {
                c++;
                chunk = upper;
                local -= half;
            }
        }

        Array.Copy(chunk.Items, local, chunk.Items, local + 1, chunk.Count - local);
        chunk.Items[local] = region;
        chunk.Count++;
        _count++;
        Invalidate(edited);
    }

    public override void RemoveRange(int index, int count)
    {
        while (count > 0)
        {
            var c = Locate(index);
            var chunk = _chunks[c];
            var local = index - _starts[c];
            var n = Math.Min(count, chunk.Count - local);
            Array.Copy(chunk.Items, local + n, chunk.Items, local, chunk.Count - local - n);
            chunk.Count -= n;
            _count -= n;
            count -= n;
            if (chunk.Count == 0 && _chunks.Count > 1)
            {
                _chunks.RemoveAt(c);
            }

            Invalidate(c);
        }
    }

    // Hot in every walk: compiled optimized at once (a single simulate run ends before tiering would pay off).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int FirstEndingAbove(ulong address)
    {
        // Binary search over chunks by their last region's end, then inside the chunk.
        int lo = 0, hi = _chunks.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var m = _chunks[mid];
            if (m.Count > 0 && m.Items[m.Count - 1].End > address)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        var chunk = _chunks[lo];
        int a = 0, b = chunk.Count;
        while (a < b)
        {
            var mid = (a + b) >>> 1;
            if (chunk.Items[mid].End > address)
            {
                b = mid;
            }
            else
            {
                a = mid + 1;
            }
        }

        EnsureStarts(lo);
        return _starts[lo] + a;
    }

    public override MemblockRegion[] ToArray()
    {
        var result = new MemblockRegion[_count];
        var at = 0;
        foreach (var chunk in _chunks)
        {
            Array.Copy(chunk.Items, 0, result, at, chunk.Count);
            at += chunk.Count;
        }

        return result;
    }

    // Hot in every walk: compiled optimized at once (a single simulate run ends before tiering would pay off).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Locate(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        var c = _cachedChunk;
        if (c < _chunks.Count && c < _validStarts && index >= _starts[c] && index < _starts[c] + _chunks[c].Count)
        {
            return c;
        }

        // The next chunk is the common case of a forward walk.
        if (c + 1 < _chunks.Count)
        {
            EnsureStarts(c + 1);
            if (index >= _starts[c + 1] && index < _starts[c + 1] + _chunks[c + 1].Count)
            {
                return _cachedChunk = c + 1;
            }
        }

        EnsureStarts(_chunks.Count - 1);
        int lo = 0, hi = _chunks.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (_starts[mid] <= index)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        // Skip empty chunks that share a start (only the single, empty first chunk can be empty).
        while (_chunks[lo].Count == 0 || index >= _starts[lo] + _chunks[lo].Count)
        {
            lo++;
        }

        return _cachedChunk = lo;
    }

    // Hot in every walk: compiled optimized at once (a single simulate run ends before tiering would pay off).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EnsureStarts(int chunk)
    {
        if (chunk < _validStarts)
        {
            return;
        }

        if (_starts.Length < _chunks.Count)
        {
            Array.Resize(ref _starts, Math.Max(_chunks.Count, _starts.Length * 2));
        }

        var c = _validStarts;
        var at = c == 0 ? 0 : _starts[c - 1] + _chunks[c - 1].Count;
        for (; c <= chunk; c++)
        {
            _starts[c] = at;
            at += _chunks[c].Count;
        }

        _validStarts = chunk + 1;
    }

    private void Invalidate(int chunk)
    {
        // Starts up to and including `chunk` are unchanged by an edit inside it; later ones shift.
        _validStarts = Math.Min(_validStarts, chunk + 1);
        if (_cachedChunk >= _chunks.Count)
        {
            _cachedChunk = 0;
        }
    }

    private sealed class Chunk
    {
        public readonly MemblockRegion[] Items = new MemblockRegion[ChunkCapacity];
        public int Count;
    }
}
