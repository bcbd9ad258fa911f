using System.Globalization;
using System.Text;
using CsCheck;
using FirmwarePlanner.Acpi;
using FirmwarePlanner.Acpi.Input;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>
/// acpidump's hex rows (<c>    0030: 00 10 01 00 …  ascii</c>) and the detection of ACPI text inputs: the forms the
/// readers accept, written out by hand and generated.
/// </summary>
public class HexRowTests
{
    [Fact]
    public void Generated_rows_parse_back_to_their_offset_and_bytes()
    {
        Gen.Select(Gen.Int[0, 8], Gen.UInt, Gen.Int[4, 8], Gen.Byte.Array[1, 16], Gen.Bool, Gen.Bool).Sample((indent, offset, digits, bytes, upper, ascii) =>
        {
            var shown = offset & (uint)((1L << (4 * digits)) - 1);
            var hex = upper ? "X" : "x";
            var sb = new StringBuilder(new string(' ', indent)).Append(shown.ToString(hex + digits, CultureInfo.InvariantCulture)).Append(':');
            foreach (var b in bytes)
            {
                sb.Append(' ').Append(b.ToString(hex + "2", CultureInfo.InvariantCulture));
            }

            if (ascii)
            {
                sb.Append("  ").Append(new string('.', bytes.Length));
            }

            Span<byte> row = stackalloc byte[16];
            Assert.True(HexRow.TryParse(sb.ToString(), out var parsedOffset, row, out var count), sb.ToString());
            Assert.Equal((long)shown, parsedOffset);
            Assert.Equal(bytes, row[..count].ToArray());
        });
    }

    [Theory]
    [InlineData("    0030: 00 10 01", 0x30, "00 10 01")]
    [InlineData("0010: ab CD", 0x10, "AB CD")]
    [InlineData("  FFFFFFFF: 7f", 0xFFFFFFFF, "7F")]
    [InlineData("0010: 00 1G 22", 0x10, "00")] // a pair that is not hex ends the row
    [InlineData("0010: 00 112", 0x10, "00")] // so does a pair not followed by a space or the end
    [InlineData("0010: 00  11", 0x10, "00")] // two spaces: the ASCII column starts
    [InlineData("0000: 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10", 0, "00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F")]
    public void Rows_take_single_space_separated_pairs_up_to_sixteen(string line, long offset, string bytes)
    {
        Span<byte> row = stackalloc byte[16];
        Assert.True(HexRow.TryParse(line, out var parsed, row, out var count));
        Assert.Equal(offset, parsed);
        Assert.Equal(bytes, Convert.ToHexString(row[..count]).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + " " + b));
    }

    [Theory]
    [InlineData("0000:")] // no byte
    [InlineData("000: 00")] // three offset digits
    [InlineData("000000000: 00")] // nine
    [InlineData("0010 00 11")] // no colon
    [InlineData("0010: 0x")]
    [InlineData("0010: \uff10\uff11")] // fullwidth digits are not hex
    [InlineData("SRAT @ 0x0000000000000000")]
    [InlineData("")]
    public void Lines_that_are_not_rows(string line)
    {
        Span<byte> row = stackalloc byte[16];
        Assert.False(HexRow.TryParse(line, out _, row, out _));
    }

    [Fact]
    public void Iasl_markers_anywhere_in_the_head_win_over_an_acpidump_header_line()
    {
        const string dump = "SRAT @ 0x0000000000000000\n    0000: 53 52 41 54\n";
        Assert.Equal(AcpiInputKind.AcpiDumpText, AcpiInputReader.Detect(Encoding.UTF8.GetBytes(dump)));
        Assert.Equal(AcpiInputKind.IaslDisassembly, AcpiInputReader.Detect(Encoding.UTF8.GetBytes(dump + "[000h 0000   4]  Signature : \"SRAT\"\n")));
        Assert.Equal(AcpiInputKind.IaslDisassembly, AcpiInputReader.Detect(Encoding.UTF8.GetBytes("junk\nRaw Table Data: Length 48 (0x30)\n" + dump)));
        Assert.Equal(AcpiInputKind.None, AcpiInputReader.Detect(Encoding.UTF8.GetBytes("junk\n    0000: 53 52 41 54\n")));
    }

    [Fact]
    public void Markers_past_the_detection_head_are_not_looked_at()
    {
        var filler = new string('x', 79) + "\n";
        var text = new StringBuilder("SRAT @ 0x0000000000000000\n");
        while (text.Length <= AcpiInputReader.DetectBytes)
        {
            text.Append(filler);
        }

        text.Append("[000h 0000   4]  Signature : \"SRAT\"\n");
        Assert.Equal(AcpiInputKind.AcpiDumpText, AcpiInputReader.Detect(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
