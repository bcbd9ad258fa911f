using System.Globalization;
using FirmwarePlanner.Binary;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Acpi.Slit;

/// <summary>
/// Decodes a SLIT and judges it as Linux does (<c>slit_valid()</c>: every diagonal entry 10, every other entry
/// above 10), reporting the first offending entry of each kind with its byte offset.
/// </summary>
public static class SlitParser
{
    private const int MaxReportsPerKind = 8;

    public static SlitParseResult Parse(ReadOnlyMemory<byte> bytes, string source) =>
        Parse(AcpiTable.FromBytes(SlitLayout.Signature, bytes, AcpiTableFormat.Binary, source));

    public static SlitParseResult Parse(AcpiTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var bag = new DiagnosticBag();
        if (!AcpiTableFraming.Check(table, SlitLayout.Size, bag))
        {
            return new SlitParseResult(null, [.. bag.Items]);
        }

        var header = table.Header!;
        if (!string.Equals(header.Signature, SlitLayout.Signature, StringComparison.Ordinal))
        {
            bag.Report(AcpiDiagnostics.UnexpectedSignature, AcpiTableFraming.At(table, 0), $"expected SLIT, found '{header.Signature}'");
            return new SlitParseResult(null, [.. bag.Items]);
        }

        var span = table.Bytes.Span;
        var end = (int)Math.Min(header.Length, (uint)span.Length);
        if (!new ByteReader(span).TryU64(SlitLayout.LocalityCount, out var declared))
        {
            return new SlitParseResult(null, [.. bag.Items]);
        }

        var count = FittingCount(declared, Math.Max(0, end - SlitLayout.Entry));
        if ((ulong)count < declared)
        {
            bag.Report(SlitDiagnostics.MatrixTruncated, AcpiTableFraming.At(table, SlitLayout.LocalityCount),
                Inv($"SLIT declares {declared} localities ({(declared > 0xFFFF_FFFF ? "more than 2^64" : (declared * declared).ToString(CultureInfo.InvariantCulture))} bytes of matrix), the table holds {Math.Max(0, end - SlitLayout.Entry)}; {count} decoded"));
        }
        else if (SlitLayout.Entry + (count * count) < end)
        {
            bag.Report(SlitDiagnostics.TrailingBytes, AcpiTableFraming.At(table, SlitLayout.Entry + (count * count)),
                Inv($"{end - SlitLayout.Entry - (count * count)} bytes after the {count}x{count} matrix"));
        }

        var entries = span.Slice(SlitLayout.Entry, count * count);
        var valid = CheckEntries(table, entries, count, bag) && (ulong)count == declared;
        if (!valid)
        {
            bag.Report(SlitDiagnostics.SlitNotUsed, AcpiTableFraming.At(table, SlitLayout.Entry), "SLIT table looks invalid. Not used.");
        }

        return new SlitParseResult(new SlitTable(table, header, declared, count, [.. entries], valid), [.. bag.Items]);
    }

    /// <summary>The largest n ≤ declared with n² ≤ available bytes (never allocates by the declared count).</summary>
    private static int FittingCount(ulong declared, int available)
    {
        if (available <= 0)
        {
            return 0; // a declared length below the fixed part (FP3005) leaves no matrix bytes
        }

        var n = (int)Math.Sqrt(Math.Max(0, available));
        while ((long)(n + 1) * (n + 1) <= available)
        {
            n++;
        }

        while ((long)n * n > available)
        {
            n--;
        }

        return declared < (ulong)n ? (int)declared : n;
    }

    /// <summary>slit_valid(), plus the notes (asymmetry, unreachable); true when Linux would accept the matrix.</summary>
    private static bool CheckEntries(AcpiTable table, ReadOnlySpan<byte> m, int n, DiagnosticBag bag)
    {
        var valid = true;
        int diag = 0, small = 0, asym = 0, unreach = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var v = m[(i * n) + j];
                var at = AcpiTableFraming.At(table, SlitLayout.Entry + (i * n) + j);
                if (i == j && v != SlitLayout.LocalDistance)
                {
                    valid = false;
                    Limited(bag, ref diag, SlitDiagnostics.DiagonalNotLocal, at, Inv($"locality {i} to itself is {v}, must be 10"));
                }
                else if (i != j && v <= SlitLayout.LocalDistance)
                {
                    valid = false;
                    Limited(bag, ref small, SlitDiagnostics.OffDiagonalTooSmall, at, Inv($"locality {i} to {j} is {v}, must be above 10"));
                }
                else if (i != j && v == SlitLayout.Unreachable)
                {
                    Limited(bag, ref unreach, SlitDiagnostics.Unreachable, at, Inv($"locality {i} cannot reach {j} (0xFF)"));
                }

                if (j > i && v != m[(j * n) + i])
                {
                    Limited(bag, ref asym, SlitDiagnostics.Asymmetric, at, Inv($"locality {i} to {j} is {v}, {j} to {i} is {m[(j * n) + i]}"));
                }
            }
        }

        return valid;
    }

    private static void Limited(DiagnosticBag bag, ref int count, Diagnostics.DiagnosticDescriptor d, SourceLocation at, string message)
    {
        if (count++ < MaxReportsPerKind)
        {
            bag.Report(d, at, message);
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
