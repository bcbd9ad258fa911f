using System.Text;
using FirmwarePlanner.Binary;

namespace FirmwarePlanner.Acpi;

/// <summary>
/// The decoded 36-byte ACPI table header. Text fields keep every byte (non-printable bytes become <c>?</c>
/// in <see cref="OemId"/> and friends; <see cref="HasNonPrintableText"/> says so).
/// </summary>
public sealed record AcpiTableHeader(
    string Signature,
    uint Length,
    byte Revision,
    byte Checksum,
    string OemId,
    string OemTableId,
    uint OemRevision,
    string AslCompilerId,
    uint AslCompilerRevision,
    bool HasNonPrintableText)
{
    /// <summary>Reads the header from the first 36 bytes; null when fewer are present.</summary>
    public static AcpiTableHeader? TryRead(ReadOnlySpan<byte> table)
    {
        var r = new ByteReader(table);
        if (!r.Has(0, AcpiTableHeaderLayout.Size))
        {
            return null;
        }

        var bad = false;
        return new AcpiTableHeader(
            Text(table, AcpiTableHeaderLayout.Signature, 4, ref bad),
            r.U32(AcpiTableHeaderLayout.Length),
            r.U8(AcpiTableHeaderLayout.Revision),
            r.U8(AcpiTableHeaderLayout.Checksum),
            Text(table, AcpiTableHeaderLayout.OemId, 6, ref bad),
            Text(table, AcpiTableHeaderLayout.OemTableId, 8, ref bad),
            r.U32(AcpiTableHeaderLayout.OemRevision),
            Text(table, AcpiTableHeaderLayout.AslCompilerId, 4, ref bad),
            r.U32(AcpiTableHeaderLayout.AslCompilerRevision),
            bad);
    }

    /// <summary>
    /// Fixed-width ASCII. NUL bytes (padding, common in AMI tables) become spaces; other non-printable bytes
    /// become <c>?</c> and set <paramref name="bad"/>.
    /// </summary>
    internal static string Text(ReadOnlySpan<byte> bytes, int offset, int length, ref bool bad)
    {
        var sb = new StringBuilder(length);
        foreach (var b in bytes.Slice(offset, length))
        {
            if (b is >= 0x20 and < 0x7f)
            {
                sb.Append((char)b);
            }
            else if (b == 0)
            {
                sb.Append(' ');
            }
            else
            {
                sb.Append('?');
                bad = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>True when 4 bytes look like a table signature: upper-case letters, digits, <c>_</c> or a space.</summary>
    public static bool LooksLikeSignature(ReadOnlySpan<byte> four)
    {
        if (four.Length < 4)
        {
            return false;
        }

        foreach (var b in four[..4])
        {
            if (!(b is >= (byte)'A' and <= (byte)'Z' || b is >= (byte)'0' and <= (byte)'9' || b == (byte)'_' || b == (byte)' '))
            {
                return false;
            }
        }

        return true;
    }
}
