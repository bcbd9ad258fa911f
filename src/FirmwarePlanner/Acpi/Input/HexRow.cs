namespace FirmwarePlanner.Acpi.Input;

/// <summary>
/// One hex row of an acpidump or iasl <c>Raw Table Data</c> dump: <c>    0030: 00 10 01 00 …  ascii</c>. The row
/// offset is 4–8 hex digits before a colon; bytes are single-space separated pairs, at most 16; the ASCII
/// column (after two spaces or <c>//</c>) is ignored because it repeats the bytes.
/// </summary>
internal static class HexRow
{
    /// <summary>Parses a row into <paramref name="bytes"/> (16 long); false when the line is not a hex row.</summary>
    public static bool TryParse(ReadOnlySpan<char> line, out long offset, Span<byte> bytes, out int count)
    {
        offset = 0;
        count = 0;
        var i = 0;
        while (i < line.Length && line[i] == ' ')
        {
            i++;
        }

        var start = i;
        int digit;
        while (i < line.Length && i - start < 9 && (digit = Hex(line[i])) >= 0)
        {
            offset = (offset << 4) | (long)digit;
            i++;
        }

        if (i - start < 4 || i - start > 8 || i >= line.Length || line[i] != ':')
        {
            return false;
        }

        // Pairs of hex digits, each after one space and followed by a space or the line's end.
        i++;
        while (count < 16 && i + 2 < line.Length && line[i] == ' ')
        {
            var high = Hex(line[i + 1]);
            var low = Hex(line[i + 2]);
            if ((high | low) < 0 || (i + 3 != line.Length && line[i + 3] != ' '))
            {
                break;
            }

            bytes[count++] = (byte)((high << 4) | low);
            i += 3;
        }

        return count > 0;
    }

    /// <summary>The value of a hex digit, or -1.</summary>
    private static int Hex(char c)
    {
        var digit = (uint)(c - '0');
        if (digit <= 9)
        {
            return (int)digit;
        }

        var letter = (uint)((c | 0x20) - 'a');
        return letter <= 5 ? (int)letter + 10 : -1;
    }
}
