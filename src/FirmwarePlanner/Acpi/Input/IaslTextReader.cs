using System.Collections.Immutable;
using System.Globalization;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Acpi.Input;

/// <summary>
/// Reads iasl disassembly: a single-table <c>.dsl</c> or a linuxhw "decoded" bundle (sections <c>NAME</c> /
/// <c>----</c>). A table's bytes come from its <c>Raw Table Data</c> hex when present; otherwise they are rebuilt
/// from the decoded field lines <c>[OFFh DEC LEN]  Name : Value</c> (both iasl length-column styles: <c>  4</c>
/// and <c>004h</c>), writing each value at its offset.
/// </summary>
public static class IaslTextReader
{
    /// <summary>True when the text looks like iasl output (a field line or a Raw Table Data line).</summary>
    public static bool Looks(ReadOnlySpan<char> text) =>
        text.Contains("Raw Table Data: Length", StringComparison.Ordinal) || text.Contains("[000h 0000", StringComparison.Ordinal);

    /// <summary>
    /// <see cref="Looks(ReadOnlySpan{char})"/> of UTF-8 text, searched as bytes: the markers are ASCII without a line
    /// break, so they occur in the bytes exactly where they occur in some decoded line.
    /// </summary>
    public static bool Looks(ReadOnlySpan<byte> utf8) =>
        utf8.IndexOf("Raw Table Data: Length"u8) >= 0 || utf8.IndexOf("[000h 0000"u8) >= 0;

    /// <summary>Reads iasl output given as its UTF-8 bytes (decoded a block at a time, <see cref="Text.Utf8TextLines"/>).</summary>
    public static AcpiTableSet Read(ReadOnlySpan<byte> text, string source)
    {
        var bag = new DiagnosticBag();
        var tables = ImmutableArray.CreateBuilder<AcpiTable>();
        var textLength = text.Length;
        var section = new Section(source, textLength);
        string? pendingName = null;
        string? sectionName = null;
        var sectionLine = 1;
        var lineNo = 0;
        Span<byte> row = stackalloc byte[16];
        foreach (var line in new Text.Utf8TextLines(text))
        {
            lineNo++;
            if (line.Length >= 4 && line.TrimEnd().SequenceEqual("----") && pendingName is not null)
            {
                Flush();
                sectionName = pendingName;
                sectionLine = lineNo - 1;
                pendingName = null;
                continue;
            }

            pendingName = IsSectionName(line) ? line.ToString() : null;
            if (line.StartsWith("Raw Table Data: Length", StringComparison.Ordinal))
            {
                section.BeginRaw(line, lineNo);
            }
            else if (section.InRaw && HexRow.TryParse(CutComment(line), out var off, row, out var n))
            {
                section.Raw!.AddRow(off, row[..n], lineNo, bag);
            }
            else if (line.TrimStart().StartsWith('['))
            {
                section.AddField(line, lineNo);
            }
        }

        Flush();
        return new AcpiTableSet(source, AcpiInputKind.IaslDisassembly, tables.ToImmutable(), [.. bag.Items]);

        void Flush()
        {
            var table = section.Build(sectionName, sectionLine, tables.Count, bag);
            if (table is not null)
            {
                tables.Add(table);
            }

            section = new Section(source, textLength);
        }
    }

    /// <summary>A bundle section title: 1–8 upper-case letters/digits/underscores, nothing else on the line.</summary>
    private static bool IsSectionName(ReadOnlySpan<char> line)
    {
        if (line.Length is < 1 or > 8)
        {
            return false;
        }

        foreach (var c in line)
        {
            if (!(c is >= 'A' and <= 'Z' || c is >= '0' and <= '9' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<char> CutComment(ReadOnlySpan<char> line)
    {
        var i = line.IndexOf("//", StringComparison.Ordinal);
        return i >= 0 ? line[..i] : line;
    }

    /// <summary>One table's worth of field lines and raw rows.</summary>
    private sealed class Section(string source, int maxBytes)
    {
        private readonly List<(int Offset, byte[] Bytes)> _fields = [];
        private readonly List<Diagnostic> _unreadable = [];
        private int _declaredRaw = -1;
        private int _rawLine;
        private int _fieldEnd;

        public TableBytesBuilder? Raw { get; private set; }

        public bool InRaw => Raw is not null;

        public void BeginRaw(ReadOnlySpan<char> line, int lineNo)
        {
            Raw = new TableBytesBuilder(source, "raw");
            _rawLine = lineNo;
            var rest = line["Raw Table Data: Length".Length..].Trim();
            var sp = rest.IndexOf(' ');
            _ = int.TryParse(sp < 0 ? rest : rest[..sp], NumberStyles.None, CultureInfo.InvariantCulture, out _declaredRaw);
        }

        public void AddField(ReadOnlySpan<char> line, int lineNo)
        {
            if (!IaslFieldLine.TryParse(line, out var offset, out var length, out var value))
            {
                return;
            }

            if (offset < 0 || length <= 0 || (long)offset + length > maxBytes)
            {
                return;
            }

            if (value.TrimStart().StartsWith('['))
            {
                return; // a container such as "[Generic Address Structure]": its members follow on their own lines
            }

            var bytes = IaslFieldLine.ValueBytes(value, length);
            if (bytes is null)
            {
                // Kept until the end of the section: it matters only when there is no Raw Table Data.
                _unreadable.Add(AcpiDiagnostics.DecodedLineUnreadable.At(SourceLocation.AtLine(source, lineNo),
                    $"value '{value.ToString().Trim()}' of a {length}-byte field at 0x{offset:X} is not understood"));
                return;
            }

            _fields.Add((offset, bytes));
            _fieldEnd = Math.Max(_fieldEnd, offset + length);
        }

        public AcpiTable? Build(string? name, int line, int index, DiagnosticBag bag)
        {
            ReadOnlyMemory<byte> bytes;
            AcpiTableFormat format;
            if (Raw is { Length: > 0 })
            {
                bytes = Raw.ToMemory();
                format = AcpiTableFormat.IaslRawData;
                if (_declaredRaw >= 0 && _declaredRaw != bytes.Length)
                {
                    bag.Report(AcpiDiagnostics.RawDataLengthMismatch, SourceLocation.AtLine(source, _rawLine),
                        string.Create(CultureInfo.InvariantCulture, $"Raw Table Data says {_declaredRaw} bytes, the rows hold {bytes.Length}"));
                }
            }
            else if (_fields.Count > 0)
            {
                var buffer = new byte[_fieldEnd];
                foreach (var (o, b) in _fields)
                {
                    b.CopyTo(buffer, o);
                }

                bytes = buffer;
                format = AcpiTableFormat.IaslFields;
            }
            else
            {
                return null;
            }

            var sig = AcpiTableHeader.TryRead(bytes.Span)?.Signature ?? name ?? "????";
            if (name is not null && sig.Length == 4 && !name.StartsWith(sig, StringComparison.Ordinal) && name.Length >= 4)
            {
                sig = name[..4]; // FACS, RSDP: sections whose bytes have no common header
            }

            var label = name ?? sig;
            var table = AcpiTable.FromBytes(sig, bytes, format, $"{source}#{label}", 0, null, line);
            if (format == AcpiTableFormat.IaslFields)
            {
                bag.AddRange(_unreadable.Take(16));
                bag.Report(AcpiDiagnostics.RebuiltFromFields, SourceLocation.AtLine(source, line),
                    $"{label}: no Raw Table Data; {bytes.Length} bytes rebuilt from {_fields.Count} field lines");
            }

            _ = index;
            return table;
        }
    }
}
