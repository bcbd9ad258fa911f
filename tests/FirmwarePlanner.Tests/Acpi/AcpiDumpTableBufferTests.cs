using System.Runtime.InteropServices;
using System.Text;
using FirmwarePlanner.Acpi.Input;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>
/// The acpidump reader sizes a table's buffer from the Length in its first row (bounded by what the text could hold),
/// so a big DSDT fills one buffer; a Length the rows do not back leaves the table holding only its bytes.
/// </summary>
public class AcpiDumpTableBufferTests
{
    private static string Row(int offset, string hex) => $"    {offset:X4}: {hex}\n";

    [Fact]
    public void A_table_claiming_4_GiB_in_two_rows_holds_its_32_bytes()
    {
        // "SSDT", Length 0xFFFFFFFF, then one more row: 32 bytes in all.
        var text = "SSDT @ 0x0000000000000000\n"
            + Row(0, "53 53 44 54 FF FF FF FF 02 00 4F 45 4D 49 44 20")
            + Row(16, "00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF")
            + "\n";
        var set = AcpiDumpTextReader.Read(Encoding.ASCII.GetBytes(text), "t.txt");

        var table = Assert.Single(set.Tables);
        Assert.Equal(32, table.Bytes.Length);
        Assert.True(MemoryMarshal.TryGetArray(table.Bytes, out var segment));
        Assert.True(segment.Array!.Length <= 4096, $"buffer of {segment.Array.Length} bytes kept for 32");
        Assert.Equal(0xFF, table.Bytes.Span[31]);
    }

    [Fact]
    public void A_table_whose_rows_back_its_length_fills_one_buffer_of_that_length()
    {
        // A 768-byte table in 48 rows: the first row's Length (0x300) sizes the buffer once (it starts at 256 bytes; doubling
        // would have ended at 1 024).
        var sb = new StringBuilder("APIC @ 0x0000000000000000\n");
        sb.Append(Row(0, "41 50 49 43 00 03 00 00 01 00 4F 45 4D 49 44 20"));
        for (var i = 1; i < 48; i++)
        {
            sb.Append(Row(i * 16, string.Join(' ', Enumerable.Repeat((i % 256).ToString("X2", System.Globalization.CultureInfo.InvariantCulture), 16))));
        }

        var set = AcpiDumpTextReader.Read(Encoding.ASCII.GetBytes(sb.Append('\n').ToString()), "t.txt");

        var table = Assert.Single(set.Tables);
        Assert.Equal(768, table.Bytes.Length);
        Assert.True(MemoryMarshal.TryGetArray(table.Bytes, out var segment));
        Assert.Equal(768, segment.Array!.Length);
        Assert.Equal(47, table.Bytes.Span[767]);
    }
}
