using System.Globalization;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Acpi;

/// <summary>
/// The checks every table gets before its body is decoded, in order: a header is there, the declared length
/// is at least the fixed part and fits the bytes supplied, nothing trails it, and the checksum is zero.
/// </summary>
public static class AcpiTableFraming
{
    /// <summary>Runs every framing check; returns false only when there is no header to go on.</summary>
    public static bool Check(AcpiTable table, int fixedSize, DiagnosticBag bag)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(bag);
        if (!HeaderPresent(table, bag))
        {
            return false;
        }

        var lengthOk = LengthAtLeastFixed(table, fixedSize, bag);
        LengthFitsData(table, bag);
        if (lengthOk)
        {
            ChecksumZero(table, bag);
        }

        HeaderTextPrintable(table, bag);
        return true;
    }

    /// <summary>At least 36 bytes were supplied.</summary>
    private static bool HeaderPresent(AcpiTable table, DiagnosticBag bag)
    {
        if (table.Header is not null)
        {
            return true;
        }

        bag.Report(AcpiDiagnostics.HeaderTooShort, At(table, 0),
            Inv($"{table.Signature}: {table.Bytes.Length} bytes, the ACPI header alone needs {AcpiTableHeaderLayout.Size}"));
        return false;
    }

    /// <summary>The declared length covers the header and the table's fixed part.</summary>
    private static bool LengthAtLeastFixed(AcpiTable table, int fixedSize, DiagnosticBag bag)
    {
        var length = table.Header!.Length;
        if (length >= (uint)fixedSize)
        {
            return true;
        }

        bag.Report(AcpiDiagnostics.LengthBelowHeader, At(table, AcpiTableHeaderLayout.Length),
            Inv($"{table.Signature}: declared length {length} is below the {fixedSize}-byte fixed part"));
        return false;
    }

    /// <summary>The declared length equals the bytes supplied (reports truncation and trailing bytes).</summary>
    private static void LengthFitsData(AcpiTable table, DiagnosticBag bag)
    {
        var length = table.Header!.Length;
        var have = (uint)table.Bytes.Length;
        if (length > have)
        {
            bag.Report(AcpiDiagnostics.LengthExceedsData, At(table, have),
                Inv($"{table.Signature}: header declares {length} (0x{length:X}) bytes, only {have} (0x{have:X}) supplied; the table is truncated"));
        }
        else if (length < have && length >= AcpiTableHeaderLayout.Size)
        {
            bag.Report(AcpiDiagnostics.TrailingData, At(table, length),
                Inv($"{table.Signature}: {have - length} bytes after the declared length {length} are ignored"));
        }
    }

    /// <summary>The bytes of the declared length sum to zero (a warning: Linux keeps the table).</summary>
    private static void ChecksumZero(AcpiTable table, DiagnosticBag bag)
    {
        if (table.Header!.Length > (uint)table.Bytes.Length)
        {
            return; // truncated: a checksum over missing bytes means nothing, FP3002 already says why
        }

        var bytes = table.DeclaredBytes.Span;
        if (AcpiChecksum.Sum(bytes) != 0)
        {
            bag.Report(AcpiDiagnostics.ChecksumMismatch, At(table, AcpiTableHeaderLayout.Checksum),
                Inv($"Incorrect checksum in table [{table.Signature}] - 0x{table.Header.Checksum:X2}, should be 0x{AcpiChecksum.Expected(bytes):X2}"));
        }
    }

    private static void HeaderTextPrintable(AcpiTable table, DiagnosticBag bag)
    {
        if (table.Header!.HasNonPrintableText)
        {
            bag.Report(AcpiDiagnostics.NonPrintableHeaderText, At(table, AcpiTableHeaderLayout.OemId),
                Inv($"{table.Signature}: OEM/compiler id fields hold non-printable bytes"));
        }
    }

    public static SourceLocation At(AcpiTable table, long offset) => SourceLocation.AtOffset(table.Source, offset);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
