namespace FirmwarePlanner.Acpi;

/// <summary>The ACPI table checksum: all bytes of the table, including the checksum byte, sum to 0 mod 256.</summary>
public static class AcpiChecksum
{
    /// <summary>8-bit sum of <paramref name="bytes"/>.</summary>
    public static byte Sum(ReadOnlySpan<byte> bytes)
    {
        byte sum = 0;
        foreach (var b in bytes)
        {
            sum = unchecked((byte)(sum + b));
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
