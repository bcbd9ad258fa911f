namespace FirmwarePlanner.Text;

/// <summary>
/// The kernel's number readers used by boot parameters: <c>simple_strtoull(s, &amp;end, 0)</c> (base from the prefix:
/// <c>0x</c> hex, leading <c>0</c> octal, else decimal) and <c>memparse()</c> (that number plus an optional
/// K/M/G/T/P/E suffix). Both read a prefix and report how many characters they used, as the C functions do.
/// </summary>
public static class KernelParse
{
    /// <summary><c>simple_strtoull(text, &amp;end, 0)</c>: the value and the characters consumed (0 when no digit).</summary>
    public static (ulong Value, int Used) StrToUll(ReadOnlySpan<char> text)
    {
        var i = 0;
        var radix = 10u;
        if (text.Length >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') && text.Length > 2 && Digit(text[2]) < 16)
        {
            radix = 16;
            i = 2;
        }
        else if (text.Length >= 1 && text[0] == '0')
        {
            radix = 8;
        }

        ulong value = 0;
        var start = i;
        while (i < text.Length && Digit(text[i]) < radix)
        {
            value = unchecked((value * radix) + Digit(text[i]));
            i++;
        }

        return i == start ? (0, 0) : (value, i);
    }

    /// <summary><c>memparse()</c>: number with optional size suffix; Used is 0 when no number was read.</summary>
    public static (ulong Value, int Used) Memparse(ReadOnlySpan<char> text)
    {
        var (value, used) = StrToUll(text);
        if (used == 0)
        {
            return (0, 0);
        }

        if (used < text.Length)
        {
            var shift = SuffixShift(text[used]);
            if (shift != 0)
            {
                value = unchecked(value << shift);
                used++;
            }
        }

        return (value, used);
    }

    /// <summary>
    /// A whole value read by <see cref="Memparse"/> (surrounding white space allowed): false when no number is read or
    /// characters are left over. Profile and policy texts use this; boot parameters use the prefix forms as the kernel does.
    /// </summary>
    public static bool TryMemparseWhole(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        text = text.Trim();
        var (number, used) = StrToUll(text);
        if (used == 0 || Overflows(text[..used]))
        {
            return false;
        }

        var shift = used < text.Length ? SuffixShift(text[used]) : 0;
        if (used + (shift == 0 ? 0 : 1) != text.Length || (shift > 0 && number > (ulong.MaxValue >> shift)))
        {
            return false;
        }

        value = number << shift;
        return true;
    }

    private static int SuffixShift(char c) => char.ToUpperInvariant(c) switch
    {
        'K' => 10,
        'M' => 20,
        'G' => 30,
        'T' => 40,
        'P' => 50,
        'E' => 60,
        _ => 0,
    };

    /// <summary>True when the digits read by <see cref="StrToUll"/> do not fit 64 bits (the kernel would wrap).</summary>
    private static bool Overflows(ReadOnlySpan<char> digits)
    {
        var hex = digits.Length > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X');
        var radix = hex ? 16u : digits.Length > 1 && digits[0] == '0' ? 8u : 10u;
        ulong value = 0;
        foreach (var c in hex ? digits[2..] : digits)
        {
            var d = Digit(c);
            if (value > (ulong.MaxValue - d) / radix)
            {
                return true;
            }

            value = (value * radix) + d;
        }

        return false;
    }

    private static uint Digit(char c) => c switch
    {
        >= '0' and <= '9' => (uint)(c - '0'),
        >= 'a' and <= 'f' => (uint)(c - 'a' + 10),
        >= 'A' and <= 'F' => (uint)(c - 'A' + 10),
        _ => 99,
    };
}
