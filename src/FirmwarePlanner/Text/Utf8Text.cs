using System.Buffers;
using System.Text.Unicode;

namespace FirmwarePlanner.Text;

/// <summary>Where a byte sequence stops being UTF-8, for readers that must say so with an offset.</summary>
public static class Utf8Text
{
    /// <summary>The byte offset of the first sequence that is not well-formed UTF-8, or -1 when all of it is.</summary>
    public static long InvalidAt(ReadOnlySpan<byte> bytes)
    {
        Span<char> buffer = stackalloc char[1024];
        long consumed = 0;
        while (!bytes.IsEmpty)
        {
            var status = Utf8.ToUtf16(bytes, buffer, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            if (status is OperationStatus.InvalidData or OperationStatus.NeedMoreData)
            {
                return consumed + read;
            }

            consumed += read;
            bytes = bytes[read..];
            if (status == OperationStatus.Done)
            {
                break;
            }
        }

        return -1;
    }
}
