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
        while (i < line.Length && Hex(line[i]) >= 0 && i - start < 9)
        {
            offset = (offset << 4) | (long)Hex(line[i]);
            i++;
        }

        if (i - start < 4 || i - start > 8 || i >= line.Length || line[i] != ':')
        {
            return false;
        }

        i++;
        while (count < 16 && i + 2 < line.Length + 0 && line[i] == ' ' && Hex(line[i + 1]) >= 0 && i + 2 < line.Length && Hex(line[i + 2]) >= 0
               && (i + 3 == line.Length || line[i + 3] == ' '))
        {
            bytes[count++] = (byte)((Hex(line[i + 1]) << 4) | Hex(line[i + 2]));
            i += 3;
        }

        return count > 0;
    }

    private static int Hex(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
