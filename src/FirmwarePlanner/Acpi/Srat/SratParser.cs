using FirmwarePlanner.Kernel;
using System.Collections.Immutable;
using System.Globalization;
using FirmwarePlanner.Binary;
using FirmwarePlanner.Diagnostics;


namespace FirmwarePlanner.Acpi.Srat;

/// <summary>
/// Decodes an SRAT the way Linux walks it (<c>acpi_parse_entries_array</c>): from offset 48, while more than
/// a 2-byte header fits before the table end, advancing by each subtable's declared length and stopping on a
/// zero length. Every departure from the canonical layout is reported with its offset; nothing throws.
/// </summary>
public static class SratParser
{
    /// <summary>Parses a binary SRAT given as bytes.</summary>
    public static SratParseResult Parse(ReadOnlyMemory<byte> bytes, string source, LinuxNumaOptions? options = null) =>
        Parse(AcpiTable.FromBytes(SratLayout.Signature, bytes, AcpiTableFormat.Binary, source), options);

    /// <summary>Frames, walks and validates <paramref name="table"/>.</summary>
    public static SratParseResult Parse(AcpiTable table, LinuxNumaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var bag = new DiagnosticBag();
        var srat = Decode(table, bag);
        if (srat is not null)
        {
            SratValidator.Validate(srat, options ?? LinuxNumaOptions.Default, bag);
        }

        return new SratParseResult(srat, [.. bag.Items]);
    }

    /// <summary>Framing and the walk, without semantic validation.</summary>
    internal static SratTable? Decode(AcpiTable table, DiagnosticBag bag)
    {
        if (!AcpiTableFraming.Check(table, SratLayout.Size, bag))
        {
            return null;
        }

        var header = table.Header!;
        if (!string.Equals(header.Signature, SratLayout.Signature, StringComparison.Ordinal))
        {
            bag.Report(AcpiDiagnostics.UnexpectedSignature, At(table, 0), $"expected SRAT, found '{header.Signature}'");
            return null;
        }

        var span = table.Bytes.Span;
        var r = new ByteReader(span);
        r.TryU32(SratLayout.TableRevision, out var tableRevision);
        r.TryU64(SratLayout.Reserved, out var reserved);
        CheckFixedPart(table, r, bag);

        // Linux walks up to the declared length; when fewer bytes were supplied we can only go that far.
        var end = (int)Math.Min(header.Length, (uint)span.Length);
        // The walk is stepped once to count it, so the headers take one array of the exact size (no doubling copies
        // of a table with tens of thousands of entries).
        var subtables = new SratSubtableHeader[CountWalk(span, end)];
        var count = 0;
        var offset = SratLayout.Size;
        var stoppedOnZero = false;
        while (offset + SratSubtableHeaderLayout.Size < end)
        {
            var type = span[offset + SratSubtableHeaderLayout.Type];
            var length = span[offset + SratSubtableHeaderLayout.Length];
            subtables[count++] = new SratSubtableHeader(offset, type, length);
            if (length == 0)
            {
                bag.Report(SratDiagnostics.ZeroLengthSubtable, At(table, offset + SratSubtableHeaderLayout.Length),
                    Inv($"[SRAT:0x{type:x2}] #{count - 1} declares length 0; the walk stops here ({end - offset} bytes of the table not walked)"));
                stoppedOnZero = true;
                break;
            }

            CheckLength(table, offset, type, length, end, count - 1, bag);
            offset += length;
        }

        if (!stoppedOnZero && offset < end)
        {
            bag.Report(SratDiagnostics.TrailingBytes, At(table, offset),
                Inv($"{end - offset} byte(s) after the last subtable are too few for a subtable header; Linux ignores them"));
        }

        var list = new SratSubtableList(table.Bytes[..end], subtables);
        return new SratTable(table, header, tableRevision, reserved, list, Math.Min(offset, end), stoppedOnZero);
    }

    /// <summary>How many subtable headers Linux's walk visits up to <paramref name="end"/> (a zero length ends it, counted).</summary>
    private static int CountWalk(ReadOnlySpan<byte> span, int end)
    {
        var count = 0;
        for (var offset = SratLayout.Size; offset + SratSubtableHeaderLayout.Size < end; count++)
        {
            var length = span[offset + SratSubtableHeaderLayout.Length];
            if (length == 0)
            {
                return count + 1;
            }

            offset += length;
        }

        return count;
    }

    /// <summary>The u32 at 36 is 1 and the reserved u64 at 40 is zero.</summary>
    private static void CheckFixedPart(AcpiTable table, ByteReader r, DiagnosticBag bag)
    {
        if (r.TryU32(SratLayout.TableRevision, out var rev) && rev != 1)
        {
            bag.Report(SratDiagnostics.TableRevisionNotOne, At(table, SratLayout.TableRevision),
                Inv($"SRAT Table Revision (offset 36) is {rev}, must be 1"));
        }

        if (r.TryU64(SratLayout.Reserved, out var res) && res != 0)
        {
            bag.Report(SratDiagnostics.FixedReservedNonZero, At(table, SratLayout.Reserved),
                Inv($"SRAT reserved bytes 40-47 hold 0x{res:X16}"));
        }
    }

    /// <summary>Declared length against the type's size and the table's end.</summary>
    private static void CheckLength(AcpiTable table, int offset, byte type, byte length, int end, int index, DiagnosticBag bag)
    {
        var canonical = SratSubtableTypes.CanonicalSize(type);
        if (canonical is null)
        {
            bag.Report(SratDiagnostics.UnknownSubtableType, At(table, offset),
                Inv($"[SRAT:0x{type:x2}] #{index}: reserved subtable type {type}; Linux skips its {length} bytes silently"));
        }
        else if (length > canonical)
        {
            bag.Report(SratDiagnostics.SubtableLongerThanCanonical, At(table, offset + 1),
                Inv($"[SRAT:0x{type:x2}] #{index} {SratSubtableTypes.Name(type)}: length 0x{length:x2}, should be 0x{canonical:x2}; Linux continues at 0x{offset + length:x}, fwts at 0x{offset + canonical:x}"));
        }
        else if (length < canonical)
        {
            bag.Report(SratDiagnostics.SubtableShorterThanCanonical, At(table, offset + 1),
                Inv($"[SRAT:0x{type:x2}] #{index} {SratSubtableTypes.Name(type)}: length 0x{length:x2}, should be 0x{canonical:x2}; Linux continues at 0x{offset + length:x}, fwts at 0x{offset + canonical:x}"));
        }

        if (offset + length > end)
        {
            bag.Report(SratDiagnostics.SubtableOverrunsTable, At(table, offset),
                Inv($"[SRAT:0x{type:x2}] #{index} at 0x{offset:x} with length {length} ends at 0x{offset + length:x}, past the table end 0x{end:x}"));
        }
    }

    private static SourceLocation At(AcpiTable table, long offset) => AcpiTableFraming.At(table, offset);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
