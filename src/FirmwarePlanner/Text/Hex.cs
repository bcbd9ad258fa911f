using System.Globalization;

namespace FirmwarePlanner.Text;

/// <summary>Hex and decimal field parsing for text readers (invariant, no sign, no prefix).</summary>
public static class Hex
{
    /// <summary>Parses up to 16 significant hex digits; longer values (after leading zeros) fail.</summary>
    public static bool TryParse(ReadOnlySpan<char> digits, out ulong value)
    {
        digits = digits.TrimStart('0');
        if (digits.IsEmpty)
        {
            value = 0;
            return true;
        }

        return ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses <c>0x…</c> or bare hex.</summary>
    public static bool TryParsePrefixed(ReadOnlySpan<char> text, out ulong value)
    {
        text = text.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        value = 0;
        return !text.IsEmpty && TryParse(text, out value);
    }

    public static bool TryParseDecimal(ReadOnlySpan<char> digits, out ulong value) =>
        ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
