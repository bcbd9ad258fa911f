using System.Buffers.Binary;

namespace FirmwarePlanner.Binary;

/// <summary>
/// The one bounds-checked little-endian reader every binary parser uses. It never throws on short input:
/// every read is a Try that fails when the bytes are not there, so callers turn truncation into diagnostics.
/// Offsets are absolute within the span the reader was built on.
/// </summary>
public readonly ref struct ByteReader
{
    private readonly ReadOnlySpan<byte> _data;

    public ByteReader(ReadOnlySpan<byte> data) => _data = data;

    public int Length => _data.Length;

    public ReadOnlySpan<byte> Span => _data;

    /// <summary>True when <paramref name="count"/> bytes exist at <paramref name="offset"/> (overflow-safe).</summary>
    public bool Has(long offset, long count) => offset >= 0 && count >= 0 && offset <= _data.Length && count <= _data.Length - offset;

    public bool TryU8(long offset, out byte value)
    {
        value = 0;
        if (!Has(offset, 1))
        {
            return false;
        }

        value = _data[(int)offset];
        return true;
    }

    public bool TryU16(long offset, out ushort value)
    {
        value = 0;
        if (!Has(offset, 2))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt16LittleEndian(_data.Slice((int)offset, 2));
        return true;
    }

    public bool TryU32(long offset, out uint value)
    {
        value = 0;
        if (!Has(offset, 4))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(_data.Slice((int)offset, 4));
        return true;
    }

    public bool TryU64(long offset, out ulong value)
    {
        value = 0;
        if (!Has(offset, 8))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(_data.Slice((int)offset, 8));
        return true;
    }

    public bool TrySlice(long offset, long count, out ReadOnlySpan<byte> slice)
    {
        slice = default;
        if (!Has(offset, count))
        {
            return false;
        }

        slice = _data.Slice((int)offset, (int)count);
        return true;
    }

    /// <summary>Reads a field whose position is known to be in range (checked by the caller with <see cref="Has"/>).</summary>
    public byte U8(long offset) => _data[(int)offset];

    public ushort U16(long offset) => BinaryPrimitives.ReadUInt16LittleEndian(_data.Slice((int)offset, 2));

    public uint U32(long offset) => BinaryPrimitives.ReadUInt32LittleEndian(_data.Slice((int)offset, 4));

    public ulong U64(long offset) => BinaryPrimitives.ReadUInt64LittleEndian(_data.Slice((int)offset, 8));
}
