using System.Globalization;
using System.Text.RegularExpressions;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Efi;

/// <summary>What one EFI map log line says.</summary>
internal enum EfiLineKind
{
    /// <summary>A descriptor; <c>Index</c> is the printed memNN, or -1 for the arm64 form that has none.</summary>
    Descriptor,

    /// <summary>An <c>(invalid)</c> entry that efi_clean_memmap() removed.</summary>
    Invalid,

    /// <summary>Looks like a descriptor line but does not parse.</summary>
    Damaged,
}

/// <summary>One parsed EFI map line; <c>Problem</c> holds a size-consistency finding for an otherwise good line.</summary>
internal sealed record EfiLine(EfiLineKind Kind, int Index, EfiMemoryDescriptor? Descriptor, string? Problem);

/// <summary>Turns one kernel-log message into an <see cref="EfiLine"/>, using the patterns of <see cref="EfiLogPatterns"/>.</summary>
internal static class EfiLogLineParser
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Null when the message is not an EFI map line at all.</summary>
    public static EfiLine? Parse(string message, SourceLocation at)
    {
        if (!EfiLogPatterns.Candidate().IsMatch(message))
        {
            return null;
        }

        var m = EfiLogPatterns.Bracket().Match(message);
        if (m.Success)
        {
            return FromBracket(m, at);
        }

        m = EfiLogPatterns.TypeAttr().Match(message);
        if (m.Success)
        {
            return FromTypeAttr(m, at);
        }

        m = EfiLogPatterns.Arm64().Match(message);
        return m.Success ? FromArm64(m, at) : Damaged("does not match any efi: mem line format");
    }

    private static EfiLine FromBracket(Match m, SourceLocation at)
    {
        if (!int.TryParse(m.Groups["idx"].ValueSpan, NumberStyles.None, Inv, out var index))
        {
            return Damaged("index out of range");
        }

        if (!TryTypeAttr(m.Groups["ta"].Value, out var type, out var attribute, out var why))
        {
            return Damaged(why);
        }

        if (m.Groups["inv"].Success)
        {
            return new EfiLine(EfiLineKind.Invalid, index, null, null);
        }

        return Build(index, type, attribute, m, inclusive: m.Groups["close"].Value == "]", at);
    }

    private static EfiLine FromTypeAttr(Match m, SourceLocation at)
    {
        if (!int.TryParse(m.Groups["idx"].ValueSpan, NumberStyles.None, Inv, out var index) ||
            !uint.TryParse(m.Groups["type"].ValueSpan, NumberStyles.None, Inv, out var type) ||
            !Hex.TryParse(m.Groups["attr"].ValueSpan, out var attribute))
        {
            return Damaged("index, type or attribute out of range");
        }

        return Build(index, (EfiMemoryType)type, (EfiMemoryAttribute)attribute, m, inclusive: false, at);
    }

    private static EfiLine FromArm64(Match m, SourceLocation at) =>
        TryTypeAttr(m.Groups["ta"].Value, out var type, out var attribute, out var why)
            ? Build(-1, type, attribute, m, inclusive: true, at)
            : Damaged(why);

    /// <summary>Range to pages: inclusive or exclusive end as printed; the range must be whole pages and match (NMB).</summary>
    private static EfiLine Build(int index, EfiMemoryType type, EfiMemoryAttribute attribute, Match m, bool inclusive, SourceLocation at)
    {
        if (!Hex.TryParse(m.Groups["s"].ValueSpan, out var start) || !Hex.TryParse(m.Groups["e"].ValueSpan, out var end))
        {
            return Damaged("address out of range");
        }

        // A zero-page descriptor prints as [s-s) or, inclusive, [s-(s-1)]: read it (validation reports FP1010).
        var endExclusive = (UInt128)end + (inclusive ? 1u : 0u);
        if (endExclusive < start)
        {
            return Damaged(string.Create(Inv, $"range end 0x{end:x} before start 0x{start:x}"));
        }

        var size = endExclusive - start;
        var pages = (ulong)(size >> 12);
        string? problem = null;
        if ((size & 0xfff) != 0)
        {
            problem = string.Create(Inv, $"range is {size} bytes, not whole 4 KiB pages");
        }
        else if (m.Groups["mb"].Success && Hex.TryParseDecimal(m.Groups["mb"].ValueSpan, out var mb) && mb != pages >> 8)
        {
            problem = string.Create(Inv, $"printed ({mb}MB) but the range holds {pages >> 8}MB");
        }

        var descriptor = new EfiMemoryDescriptor(Math.Max(index, 0), type, start, 0, pages, attribute, at);
        return new EfiLine(EfiLineKind.Descriptor, index, descriptor, problem);
    }

    /// <summary>
    /// Inverts <c>efi_md_typeattr_format()</c> of any era: a type name (any Linux spelling, padding trimmed) or
    /// <c>type=N</c>, then either <c>attr=0x…</c> or column tokens matched by name (blank columns ignored).
    /// </summary>
    internal static bool TryTypeAttr(string text, out EfiMemoryType type, out EfiMemoryAttribute attribute, out string why)
    {
        type = default;
        attribute = EfiMemoryAttribute.None;
        why = string.Empty;
        var parts = text.Split('|');
        var name = parts[0].TrimEnd();
        if (name.StartsWith("type=", StringComparison.Ordinal))
        {
            if (!uint.TryParse(name.AsSpan(5), NumberStyles.None, Inv, out var raw))
            {
                why = $"type '{name}' is not a number";
                return false;
            }

            type = (EfiMemoryType)raw;
        }
        else if (!EfiMemoryTypes.TryParseLinuxName(name, out type))
        {
            why = $"unknown type name '{name}'";
            return false;
        }

        if (parts.Length == 2 && parts[1].StartsWith("attr=0x", StringComparison.Ordinal))
        {
            if (!Hex.TryParse(parts[1].AsSpan(7), out var raw))
            {
                why = $"attribute '{parts[1]}' is not 64-bit hex";
                return false;
            }

            attribute = (EfiMemoryAttribute)raw;
            return true;
        }

        if (parts.Length < 2)
        {
            why = "no attribute columns";
            return false;
        }

        foreach (var part in parts.AsSpan(1))
        {
            var token = part.Trim();
            if (token.Length == 0)
            {
                continue;
            }

            if (!EfiAttributeColumns.TryParseToken(token, out var bit))
            {
                why = $"unknown attribute column '{token}'";
                return false;
            }

            attribute |= bit;
        }

        return true;
    }

    private static EfiLine Damaged(string why) => new(EfiLineKind.Damaged, -1, null, why);
}
