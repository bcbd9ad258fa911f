using System.Globalization;

namespace FirmwarePlanner.Acpi.Input;

/// <summary>
/// One iasl field line, <c>[04Ch 0076   4]        Flags (decoded below) : 00000001</c> (iasl ≤ 2020) or
/// <c>[04Ch 0076 004h] …</c> (newer iasl), and the bytes its value stands for.
/// </summary>
internal static class IaslFieldLine
{
    public static bool TryParse(ReadOnlySpan<char> line, out int offset, out int length, out ReadOnlySpan<char> value)
    {
        offset = 0;
        length = 0;
        value = default;
        var t = line.TrimStart();
        var close = t.IndexOf(']');
        if (!t.StartsWith('[') || close < 0)
        {
            return false;
        }

        var parts = t[1..close].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || !parts[0].EndsWith('h')
            || !int.TryParse(parts[0].AsSpan(0, parts[0].Length - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out offset))
        {
            return false;
        }

        var lenText = parts[2];
        var ok = lenText.EndsWith('h')
            ? int.TryParse(lenText.AsSpan(0, lenText.Length - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out length)
            : int.TryParse(lenText, NumberStyles.None, CultureInfo.InvariantCulture, out length);
        var colon = t.IndexOf(" : ", StringComparison.Ordinal);
        if (!ok || colon < 0)
        {
            return false;
        }

        value = t[(colon + 3)..];
        return true;
    }

    /// <summary>
    /// The bytes of a value: a quoted string (ASCII, zero-padded), a list of exactly <paramref name="length"/>
    /// hex bytes, or one hex number (little-endian); any <c>[name]</c> or comment after it is ignored.
    /// </summary>
    public static byte[]? ValueBytes(ReadOnlySpan<char> value, int length)
    {
        if (length > 64)
        {
            return null;
        }

        var v = value.Trim();
        var bytes = new byte[length];
        if (v.StartsWith('"'))
        {
            var end = v[1..].IndexOf('"');
            if (end < 0)
            {
                return null;
            }

            var s = v.Slice(1, end);
            for (var i = 0; i < Math.Min(length, s.Length); i++)
            {
                bytes[i] = (byte)s[i];
            }

            return bytes;
        }

        var tokens = v.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hexTokens = tokens.TakeWhile(IsHex).ToArray();
        if (hexTokens.Length == length && length > 1 && hexTokens.All(h => h.Length == 2))
        {
            for (var i = 0; i < length; i++)
            {
                bytes[i] = byte.Parse(hexTokens[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            }

            return bytes;
        }

        if (hexTokens.Length == 0 || hexTokens[0].Length > 16 || length > 8
            || !ulong.TryParse(hexTokens[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(n >> (8 * i));
        }

        return bytes;
    }

    private static bool IsHex(string s) => s.Length > 0 && s.All(Uri.IsHexDigit);
}
