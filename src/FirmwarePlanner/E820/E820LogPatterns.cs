using System.Text.RegularExpressions;

namespace FirmwarePlanner.E820;

/// <summary>The e820 lines of a kernel log, each the inverse of the printk that wrote it.</summary>
internal static partial class E820LogPatterns
{
    /// <summary>
    /// 3.6 and later, <c>e820__print_table(who)</c> (arch/x86/kernel/e820.c): <c>"%s: [mem %#018Lx-%#018Lx] "</c> then
    /// <c>e820_print_type()</c>; inclusive end. <c>who</c> is <c>BIOS-e820</c> (or another firmware source such as
    /// <c>Xen-e820</c>), <c>user</c>, <c>reserve setup_data</c>, <c>extended</c>, <c>modified</c>, <c>bad_ppro</c>;
    /// 3.x/4.x kernels put <c>e820: </c> before it.
    /// </summary>
    [GeneratedRegex(@"^(?:e820: )?(?<who>[A-Za-z0-9]+-e8[0-9]{2}|BIOS-88|user|reserve setup_data|extended|modified|bad_ppro): \[mem 0x(?<s>[0-9a-fA-F]{1,16})-0x(?<e>[0-9a-fA-F]{1,16})\] (?<type>\S.*?)\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex Table();

    /// <summary>
    /// 7.x <c>e820__print_table(who)</c> prints a hole between entries as its own line:
    /// <c>"%s: [gap %#018Lx-%#018Lx]"</c> (inclusive end) before the entry that follows it.
    /// </summary>
    [GeneratedRegex(@"^(?:e820: )?(?<who>[A-Za-z0-9]+-e8[0-9]{2}|BIOS-88|user|reserve setup_data|extended|modified|bad_ppro): \[gap 0x(?<s>[0-9a-fA-F]{1,16})-0x(?<e>[0-9a-fA-F]{1,16})\]\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex Gap();

    /// <summary>Before 3.6: <c>" %s: %016Lx - %016Lx "</c> then the type in parentheses; exclusive end.</summary>
    [GeneratedRegex(@"^(?<who>[A-Za-z0-9]+-e8[0-9]{2}|BIOS-88|user): (?<s>[0-9a-fA-F]{16}) - (?<e>[0-9a-fA-F]{16}) \((?<type>.+?)\)\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex Legacy();

    /// <summary>Lines that start like a table entry; when neither form matches, the line is damaged.</summary>
    [GeneratedRegex(@"^(?:e820: )?(?:[A-Za-z0-9]+-e8[0-9]{2}|BIOS-88|user|reserve setup_data|extended|modified|bad_ppro): (?:\[mem|\[gap|[0-9a-fA-F]{8})", RegexOptions.CultureInvariant)]
    public static partial Regex Candidate();

    /// <summary>The kernel's own x86 boot command line: <c>"Command line: %s"</c> (setup_arch); arm64 and later boot stages print <c>"Kernel command line: %s"</c>.</summary>
    [GeneratedRegex(@"^(?<kind>Kernel command line|Command line): (?<text>.*?)\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex CommandLine();
}
