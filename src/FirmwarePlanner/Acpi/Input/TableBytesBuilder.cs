using System.Globalization;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Acpi.Input;

/// <summary>
/// Collects the hex rows of one dumped table. Rows should advance by exactly the bytes of the previous row;
/// a forward gap is zero-filled (bounded) and reported, a row at or before the previous one overwrites and is
/// reported. Never allocates by a number taken from the text beyond <see cref="MaxGap"/>.
/// </summary>
internal sealed class TableBytesBuilder(string source, string signature)
{
    /// <summary>The largest forward jump filled with zeros; a larger one appends the row where the previous ended.</summary>
    public const long MaxGap = 1 << 20;

    private byte[] _buffer = new byte[256];
    private int _length;
    private long _expected;
    private int _reports;

    public int Length => _length;

    /// <summary>
    /// The table's bytes. A buffer reserved far beyond what the rows filled (a header that claims more than the dump
    /// holds) is trimmed to them, so a reservation outlives its table only as its bytes.
    /// </summary>
    public ReadOnlyMemory<byte> ToMemory() =>
        _buffer.Length > 2L * _length + 4096 ? _buffer.AsSpan(0, _length).ToArray() : _buffer.AsMemory(0, _length);

    /// <summary>
    /// Makes room for <paramref name="declared"/> bytes at most <paramref name="bound"/> (what the rest of the text could
    /// hold), so a table of hundreds of KiB fills one buffer instead of a doubling series; once, before the second row.
    /// </summary>
    public void Reserve(long declared, long bound)
    {
        var size = Math.Min(declared, bound);
        if (size > _buffer.Length && size <= Array.MaxLength)
        {
            Array.Resize(ref _buffer, (int)size);
        }
    }

    public void AddRow(long offset, ReadOnlySpan<byte> bytes, int line, DiagnosticBag bag)
    {
        var at = offset;
        if (offset != _expected)
        {
            if (offset > _expected && offset - _expected <= MaxGap)
            {
                Report(bag, AcpiDiagnostics.DumpRowOffsetGap, line,
                    $"{signature}: row at 0x{offset:X4} follows a row ending at 0x{_expected:X4}; {offset - _expected} missing bytes read as zero");
            }
            else if (offset < _expected)
            {
                Report(bag, AcpiDiagnostics.RepeatedRowOffset, line,
                    $"{signature}: row at 0x{offset:X4} goes back before 0x{_expected:X4}");
            }
            else
            {
                Report(bag, AcpiDiagnostics.DumpRowOffsetGap, line,
                    $"{signature}: row offset 0x{offset:X} jumps too far past 0x{_expected:X4}; its bytes are placed at 0x{_expected:X4}");
                at = _expected;
            }
        }

        Place((int)at, bytes);
        _expected = at + bytes.Length;
    }

    private void Place(int at, ReadOnlySpan<byte> bytes)
    {
        var end = at + bytes.Length;
        if (end > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(end, _buffer.Length * 2));
        }

        bytes.CopyTo(_buffer.AsSpan(at));
        _length = Math.Max(_length, end);
    }

    private void Report(DiagnosticBag bag, Diagnostics.DiagnosticDescriptor d, int line, FormattableString message)
    {
        if (_reports++ < 8)
        {
            bag.Report(d, SourceLocation.AtLine(source, line), message.ToString(CultureInfo.InvariantCulture));
        }
    }
}
