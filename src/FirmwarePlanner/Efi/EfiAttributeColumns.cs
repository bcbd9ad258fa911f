namespace FirmwarePlanner.Efi;

/// <summary>One column of the kernel's attribute block: its token, printed width and bit.</summary>
public sealed record EfiAttributeColumn(string Token, int Width, EfiMemoryAttribute Bit);

/// <summary>
/// The attribute columns of <c>efi_md_typeattr_format()</c> (drivers/firmware/efi/efi.c, 6.12 and 7.2), in print
/// order: <c>"|%3s|%2s|%2s|%2s|%2s|%2s|%2s|%2s|%2s|%2s|%3s|%2s|%2s|%2s|%2s]"</c>. Older kernels printed a subset
/// (no HP before 2025, no CC before 5.9, no SP before ~5.5, no MR before 4.3) and the 2015 mirror patches spelled
/// RUN as <c>RT</c>; readers therefore match tokens, never positions.
/// </summary>
public static class EfiAttributeColumns
{
    public static IReadOnlyList<EfiAttributeColumn> All { get; } =
    [
        new("RUN", 3, EfiMemoryAttribute.Runtime),
        new("HP", 2, EfiMemoryAttribute.HotPluggable),
        new("MR", 2, EfiMemoryAttribute.MoreReliable),
        new("CC", 2, EfiMemoryAttribute.CpuCrypto),
        new("SP", 2, EfiMemoryAttribute.SP),
        new("NV", 2, EfiMemoryAttribute.NV),
        new("XP", 2, EfiMemoryAttribute.XP),
        new("RP", 2, EfiMemoryAttribute.RP),
        new("WP", 2, EfiMemoryAttribute.WP),
        new("RO", 2, EfiMemoryAttribute.RO),
        new("UCE", 3, EfiMemoryAttribute.UCE),
        new("WB", 2, EfiMemoryAttribute.WB),
        new("WT", 2, EfiMemoryAttribute.WT),
        new("WC", 2, EfiMemoryAttribute.WC),
        new("UC", 2, EfiMemoryAttribute.UC),
    ];

    /// <summary>The bit a printed token stands for (<c>RT</c> is the 2015 spelling of <c>RUN</c>).</summary>
    public static bool TryParseToken(ReadOnlySpan<char> token, out EfiMemoryAttribute bit)
    {
        if (token.Equals("RT", StringComparison.Ordinal))
        {
            bit = EfiMemoryAttribute.Runtime;
            return true;
        }

        foreach (var c in All)
        {
            if (token.Equals(c.Token, StringComparison.Ordinal))
            {
                bit = c.Bit;
                return true;
            }
        }

        bit = EfiMemoryAttribute.None;
        return false;
    }

    /// <summary>
    /// Names of the set bits in column order, then unknown bits as one hex word: <c>RUN MR WB WT WC UC</c>,
    /// <c>WB +0x0000000000200000</c>. ISA_VALID is named <c>ISA</c>.
    /// </summary>
    public static string Names(EfiMemoryAttribute attribute)
    {
        var parts = new List<string>();
        foreach (var c in All)
        {
            if ((attribute & c.Bit) != 0)
            {
                parts.Add(c.Token);
            }
        }

        if ((attribute & EfiMemoryAttribute.IsaValid) != 0)
        {
            parts.Add("ISA");
        }

        var unknown = (ulong)attribute & ~(ulong)(EfiMemoryAttributes.LinuxKnown | EfiMemoryAttribute.IsaValid);
        if (unknown != 0)
        {
            parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"+0x{unknown:x16}"));
        }

        return string.Join(' ', parts);
    }
}
