using System.Collections.Immutable;
using FirmwarePlanner.Binary;
using System.Globalization;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Acpi.Input;

/// <summary>
/// Reads <c>acpidump</c> text: blocks of <c>SIG @ 0xADDRESS</c> followed by hex rows. Both layouts are accepted:
/// sysfs-era dumps (address 0, 4-space indent) and older ones (real addresses, 2-space indent, the RSDP as an
/// <c>RSD </c> pseudo-table). Junk lines between tables (firmware warnings) are skipped; unreadable lines inside a
/// table are reported. The signature is taken from the block header (the table's own bytes are checked later).
/// </summary>
public static class AcpiDumpTextReader
{
    /// <summary>True when a line is an acpidump table header (<c>SSDT @ 0x0000000000000000</c>).</summary>
    public static bool IsHeaderLine(ReadOnlySpan<char> line, out string signature, out ulong address)
    {
        signature = string.Empty;
        address = 0;
        var t = line.TrimEnd();
        var at = t.IndexOf(" @ 0x", StringComparison.Ordinal);
        if (at < 4 || at > 6)
        {
            return false;
        }

        var sig = t[..at];
        var lead = sig.Length - sig.TrimStart().Length;
        sig = sig[lead..];
        if (lead > 2 || sig.Length is < 3 or > 4 || sig[0] == ' ')
        {
            return false;
        }

        if (!ulong.TryParse(t[(at + 5)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out address))
        {
            return false;
        }

        signature = sig.ToString().PadRight(4);
        return true;
    }

    /// <summary>Reads acpidump text given as its UTF-8 bytes (decoded a block at a time, <see cref="Text.Utf8TextLines"/>).</summary>
    public static AcpiTableSet Read(ReadOnlySpan<byte> text, string source)
    {
        var bag = new DiagnosticBag();
        var tables = ImmutableArray.CreateBuilder<AcpiTable>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        TableBytesBuilder? current = null;
        (string Sig, ulong Addr, int Line) head = default;
        Span<byte> row = stackalloc byte[16];
        var lineNo = 0;
        var badLines = 0;
        var closed = false;
        foreach (var line in new Text.Utf8TextLines(text))
        {
            lineNo++;

            // Rows first: nearly every line is one. No line is both (a row's 4-8 hex digits end with a colon, a header's
            // signature with " @ 0x").
            if (current is not null && HexRow.TryParse(line, out var off, row, out var n))
            {
                var first = current.Length == 0;
                current.AddRow(off, row[..n], lineNo, bag);
                if (first && new ByteReader(row[..n]).TryU32(AcpiTableHeaderLayout.Length, out var declared) && head.Sig != "RSD ")
                {
                    // The header's Length field (the RSDP pseudo-table has none there); each dumped byte takes at least
                    // three characters of text.
                    current.Reserve(declared, text.Length / 3);
                }
            }
            else if (IsHeaderLine(line, out var sig, out var addr))
            {
                Flush();
                head = (sig, addr, lineNo);
                current = new TableBytesBuilder(source, sig);
                closed = false;
            }
            else if (line.IsWhiteSpace())
            {
                closed = current is not null && current.Length > 0;
            }
            else if (current is not null && !closed && current.Length > 0 && badLines++ < 16)
            {
                bag.Report(AcpiDiagnostics.DumpRowMalformed, SourceLocation.AtLine(source, lineNo),
                    $"{head.Sig}: line is not a hex row; skipped");
            }
        }

        Flush();
        return new AcpiTableSet(source, AcpiInputKind.AcpiDumpText, tables.ToImmutable(), [.. bag.Items]);

        void Flush()
        {
            if (current is null || current.Length == 0)
            {
                current = null;
                return;
            }

            head.Sig ??= "????";
            counts.TryGetValue(head.Sig, out var instance);
            counts[head.Sig] = instance + 1;
            var name = instance == 0 ? $"{source}#{head.Sig.TrimEnd()}" : string.Create(CultureInfo.InvariantCulture, $"{source}#{head.Sig.TrimEnd()}[{instance}]");
            tables.Add(AcpiTable.FromBytes(head.Sig, current.ToMemory(), AcpiTableFormat.AcpiDump, name, instance, head.Addr, head.Line));
            current = null;
        }
    }
}
