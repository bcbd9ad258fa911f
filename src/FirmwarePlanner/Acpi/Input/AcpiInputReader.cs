using System.Collections.Immutable;
using System.Text;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Acpi.Input;

/// <summary>
/// Recognises an ACPI input by its content (never its name) and reads every table in it: a binary table, acpidump
/// text, or iasl disassembly. Returns <see cref="AcpiInputKind.None"/> when the content is none of them.
/// </summary>
public static class AcpiInputReader
{
    /// <summary>
    /// How much of a text input detection reads: the first table's header line (acpidump) or first field line (iasl)
    /// comes at the top, so a large log that is neither costs a bounded read, not a decode of all of it.
    /// </summary>
    public const int DetectBytes = 1 << 20;

    /// <summary>The kind of ACPI input <paramref name="content"/> is, or None.</summary>
    public static AcpiInputKind Detect(ReadOnlySpan<byte> content)
    {
        if (LooksBinary(content))
        {
            return AcpiInputKind.BinaryTable;
        }

        if (content.IndexOf((byte)0) >= 0)
        {
            return AcpiInputKind.None;
        }

        // iasl's markers anywhere in the head win over acpidump header lines; then the first header line decides.
        var head = content[..Text.TextLines.HeadLength(content, DetectBytes)];
        if (IaslTextReader.Looks(head))
        {
            return AcpiInputKind.IaslDisassembly;
        }

        foreach (var line in new Text.Utf8TextLines(head))
        {
            if (AcpiDumpTextReader.IsHeaderLine(line, out _, out _))
            {
                return AcpiInputKind.AcpiDumpText;
            }
        }

        return AcpiInputKind.None;
    }

    public static AcpiTableSet Read(ReadOnlyMemory<byte> content, string source)
    {
        var kind = Detect(content.Span);
        switch (kind)
        {
            case AcpiInputKind.BinaryTable:
                var header = AcpiTableHeader.TryRead(content.Span);
                var sig = header?.Signature ?? Encoding.ASCII.GetString(content.Span[..Math.Min(4, content.Length)]);
                return new AcpiTableSet(source, kind, [AcpiTable.FromBytes(sig, content, AcpiTableFormat.Binary, source)], []);
            case AcpiInputKind.AcpiDumpText:
                return AcpiDumpTextReader.Read(content.Span, source);
            case AcpiInputKind.IaslDisassembly:
                return IaslTextReader.Read(content.Span, source);
            default:
                var bag = new DiagnosticBag();
                bag.Report(AcpiDiagnostics.UnrecognizedInput, SourceLocation.Whole(source), "not a binary ACPI table, acpidump text or iasl output");
                return new AcpiTableSet(source, AcpiInputKind.None, [], [.. bag.Items]);
        }
    }

    /// <summary>
    /// A binary table starts with a 4-character signature and a little-endian length; a length below 16 MiB has a
    /// zero top byte, which text never has.
    /// </summary>
    public static bool LooksBinary(ReadOnlySpan<byte> content) =>
        content.Length >= 4 && AcpiTableHeader.LooksLikeSignature(content) && content[0] != (byte)' '
        && (content.Length < 8 || content[7] == 0 || content[4..8].IndexOfAnyInRange((byte)0x80, (byte)0xff) >= 0 || content[4..8].IndexOfAnyInRange((byte)0, (byte)8) >= 0);
}
