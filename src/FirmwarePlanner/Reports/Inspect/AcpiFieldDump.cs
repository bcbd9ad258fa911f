using FirmwarePlanner.Numa;
using FirmwarePlanner.Acpi;
using System.Globalization;
using System.Text;
using FirmwarePlanner.Binary;

namespace FirmwarePlanner.Reports.Inspect;

/// <summary>
/// iasl-style field lines driven by the layouts: <c>[030h 0048 001h]  Subtable Type : 00</c>. Values are read
/// from the table bytes through each <see cref="FieldSpec"/>; fields past the available bytes are shown as
/// <c>(missing)</c>.
/// </summary>
public static class AcpiFieldDump
{
    public static void Append(StringBuilder sb, ReadOnlySpan<byte> table, int baseOffset, IReadOnlyList<FieldSpec> fields)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(fields);
        var r = new ByteReader(table);
        foreach (var f in fields)
        {
            var at = baseOffset + f.Offset;
            sb.Append(CultureInfo.InvariantCulture, $"[{at:X3}h {at:D4} {f.Length:X3}h] {f.Name,28} : ");
            if (!r.Has(at, f.Length))
            {
                sb.Append("(missing)\n");
                continue;
            }

            sb.Append(Value(table.Slice(at, f.Length), f)).Append('\n');
        }
    }

    /// <summary>A field's value: quoted ASCII, space-separated bytes, or a zero-padded little-endian hex number.</summary>
    public static string Value(ReadOnlySpan<byte> bytes, FieldSpec field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Kind == FieldKind.Ascii)
        {
            var bad = false;
            return "\"" + AcpiTableHeader.Text(bytes, 0, bytes.Length, ref bad) + "\"";
        }

        if (field.Kind == FieldKind.Bytes || bytes.Length > 8)
        {
            return string.Join(' ', bytes.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
        }

        ulong v = 0;
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            v = (v << 8) | bytes[i];
        }

        return v.ToString("X" + (bytes.Length * 2).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
