using System.Globalization;

namespace FirmwarePlanner.Common;

/// <summary>Byte-size constants and human-readable rendering (binary units, invariant culture).</summary>
public static class Sizes
{
    public const ulong KiB = 1UL << 10;
    public const ulong MiB = 1UL << 20;
    public const ulong GiB = 1UL << 30;
    public const ulong TiB = 1UL << 40;
    public const ulong PageSize = 4096;
    public const int PageShift = 12;

    /// <summary>Largest exact unit: <c>4 KiB</c>, <c>1.5 GiB</c> is never printed; <c>1536 MiB</c> is.</summary>
    public static string Human(ulong bytes)
    {
        if (bytes == 0)
        {
            return "0 B";
        }

        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var unit = 0;
        var value = bytes;
        while (unit < units.Length - 1 && value % 1024 == 0)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value} {units[unit]}");
    }

    /// <summary>Parses kernel-style sizes (<c>memparse</c>): decimal or 0x-hex with an optional K/M/G/T/P/E suffix.</summary>
    public static bool TryParseMemparse(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        var shift = 0;
        var last = char.ToUpperInvariant(text[^1]);
        var suffixes = "KMGTPE";
        var idx = suffixes.IndexOf(last, StringComparison.Ordinal);
        if (idx >= 0)
        {
            shift = 10 * (idx + 1);
            text = text[..^1];
        }

        ulong n;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (!ulong.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out n))
            {
                return false;
            }
        }
        else if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n))
        {
            return false;
        }

        if (shift > 0 && n > (ulong.MaxValue >> shift))
        {
            return false;
        }

        value = n << shift;
        return true;
    }
}
