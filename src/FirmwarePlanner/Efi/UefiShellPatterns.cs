using System.Text.RegularExpressions;

namespace FirmwarePlanner.Efi;

/// <summary>
/// EDK2 ShellPkg <c>memmap</c> output (UefiShellDebug1CommandsLib/MemMap.c): a header, one line per descriptor
/// <c>L"%-10s %016LX-%016LX %016LX %016LX\r\n"</c> (type, start, inclusive end, pages, attributes — all hex), then a
/// per-type summary with decimal page counts.
/// </summary>
internal static partial class UefiShellPatterns
{
    [GeneratedRegex(@"^\s*Type\s+Start\s+End\s+#\s*Pages\s+Attributes\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex Header();

    [GeneratedRegex(@"^\s*(?<type>\S+)\s+(?<s>[0-9A-Fa-f]{16})-(?<e>[0-9A-Fa-f]{16})\s+(?<pages>[0-9A-Fa-f]{16})\s+(?<attr>[0-9A-Fa-f]{16})\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex Entry();

    /// <summary>Summary lines (<c>  Available :   22,674 Pages (92,872,704 Bytes)</c>, <c>Total Memory: 127 MB (…)</c>), rules and the prompt.</summary>
    [GeneratedRegex(@"^\s*(?:[A-Za-z_][A-Za-z_ ]*:\s+[\d,]+ (?:Pages|MB) \([\d,]+ Bytes\)|-+|\S*>\s*memmap\b.*)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex Ignored();

    /// <summary>Looks like an entry (a 16-digit hex range) but did not match <see cref="Entry"/>.</summary>
    [GeneratedRegex(@"[0-9A-Fa-f]{16}-[0-9A-Fa-f]{0,16}", RegexOptions.CultureInvariant)]
    public static partial Regex Candidate();
}
