using System.Numerics;

namespace FirmwarePlanner.Acpi;

/// <summary>The ACPI table checksum: all bytes of the table, including the checksum byte, sum to 0 mod 256.</summary>
public static class AcpiChecksum
{
    /// <summary>8-bit sum of <paramref name="bytes"/>.</summary>
    public static byte Sum(ReadOnlySpan<byte> bytes)
    {
        // Addition mod 256 is associative and commutative, so lanes of wrapping byte adds, then the lanes and the
        // tail, give the same sum as byte by byte (a table can be megabytes and is summed more than once).
        var lanes = Vector<byte>.Zero;
        var i = 0;
        for (; i <= bytes.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            lanes += new Vector<byte>(bytes.Slice(i, Vector<byte>.Count));
        }

        byte sum = 0;
        for (var k = 0; k < Vector<byte>.Count; k++)
        {
            sum = unchecked((byte)(sum + lanes[k]));
        }

        for (; i < bytes.Length; i++)
        {
            sum = unchecked((byte)(sum + bytes[i]));
        }

        return sum;
    }

    /// <summary>The checksum byte that would make <paramref name="table"/> sum to zero (the byte at offset 9 excluded).</summary>
    public static byte Expected(ReadOnlySpan<byte> table)
    {
        if (table.Length <= AcpiTableHeaderLayout.Checksum)
        {
            return 0;
        }

        var sum = unchecked((byte)(Sum(table) - table[AcpiTableHeaderLayout.Checksum]));
        return unchecked((byte)(0 - sum));
    }
}
