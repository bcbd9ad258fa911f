using System.Text.RegularExpressions;

namespace FirmwarePlanner.Efi;

/// <summary>
/// Every kernel-log line about the EFI memory map that FirmwarePlanner reads, each as the inverse of the printk
/// format that wrote it. Patterns match the message after <see cref="Text.KernelLogLine.Message"/> removed
/// timestamps and collector prefixes. Hex is matched with or without zero padding and in either case.
/// </summary>
internal static partial class EfiLogPatterns
{
    /// <summary>
    /// 3.19 and later, x86 <c>efi_print_memmap()</c>: <c>"mem%02u: %s range=[0x%016llx-0x%016llx] (%lluMB)"</c>
    /// (pr_fmt <c>"efi: "</c>) where %s is <c>efi_md_typeattr_format()</c>'s <c>[Type|cols]</c>. Up to 4.x the end
    /// was exclusive and closed with <c>)</c>; since then it is inclusive with <c>]</c>. The invalid-entry print of
    /// <c>efi_memmap_entry_valid()</c> reuses it with <c>(invalid)</c> instead of the size and possibly an end of
    /// more than 16 hex digits (<c>0x%llx%016llx</c>).
    /// </summary>
    [GeneratedRegex(@"^(?:efi: )?mem(?<idx>\d{2,}): \[(?<ta>[^\]]*)\] range=\[0x(?<s>[0-9a-fA-F]{1,16})-0x(?<e>[0-9a-fA-F]{1,33})(?<close>[\])]) \((?:(?<mb>\d{1,20})MB|(?<inv>invalid))\)\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex Bracket();

    /// <summary>
    /// Before 3.19 (RHEL 7's 3.10, and the 2.6 i386 form without the <c>efi: </c> prefix):
    /// <c>"mem%02u: type=%u, attr=0x%llx, range=[0x%016llx-0x%016llx) (%lluMB)"</c>, exclusive end.
    /// </summary>
    [GeneratedRegex(@"^(?:efi: )?mem(?<idx>\d{2,}): type=(?<type>\d{1,10}), attr=0x(?<attr>[0-9a-fA-F]{1,16}), range=\[0x(?<s>[0-9a-fA-F]{1,16})-0x(?<e>[0-9a-fA-F]{1,16})\) \((?<mb>\d{1,20})MB\)\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex TypeAttr();

    /// <summary>
    /// arm64/riscv/loongarch <c>reserve_regions()</c> (drivers/firmware/efi/efi-init.c) with efi=debug, after
    /// <c>"Processing EFI memory map:"</c>: <c>"  0x%012llx-0x%012llx %s"</c>, inclusive end, no index and no size.
    /// </summary>
    [GeneratedRegex(@"^efi:\s+0x(?<s>[0-9a-fA-F]{1,16})-0x(?<e>[0-9a-fA-F]{1,16}) \[(?<ta>[^\]]*)\]\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex Arm64();

    /// <summary>Anything that starts like a descriptor line; when none of the three above matches it, the line is damaged.</summary>
    [GeneratedRegex(@"^(?:efi: )?mem\d+:|^efi:\s+0x[0-9a-fA-F]", RegexOptions.CultureInvariant)]
    public static partial Regex Candidate();

    /// <summary><c>efi_find_mirror()</c>: <c>pr_info("Memory: %lldM/%lldM mirrored memory\n", …)</c>.</summary>
    [GeneratedRegex(@"^efi: Memory: (?<m>\d{1,20})M/(?<t>\d{1,20})M mirrored memory\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex MirrorSummary();

    /// <summary><c>efi_enter_virtual_mode()</c> with efi=debug: <c>pr_info("EFI runtime memory map:\n")</c>; a runtime map follows.</summary>
    [GeneratedRegex(@"^efi: EFI runtime memory map:\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex RuntimeHeader();

    /// <summary>efi-init.c: <c>pr_info("Processing EFI memory map:\n")</c>; arm64 descriptor lines follow.</summary>
    [GeneratedRegex(@"^efi: Processing EFI memory map:\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex ProcessingHeader();

    /// <summary>
    /// Lines about the map that carry nothing to read again: the invalid-entries header and count of
    /// <c>efi_clean_memmap()</c>, the MMIO trimming of <c>efi_remove_e820_mmio()</c>
    /// (<c>"Remove mem%02u: MMIO range=[0x%08llx-0x%08llx] (%lluMB) from e820 map"</c> / <c>"Not removing mem%02u: …"</c>),
    /// and <c>efi_fake_mem: add attr=…</c>.
    /// </summary>
    [GeneratedRegex(@"^(?:efi: \[Firmware Bug\]: Invalid EFI memory map entries:|efi: Removing \d+ invalid memory map entries\.|efi: (?:Remove|Not removing) mem\d+: |efi_fake_mem: add attr=)", RegexOptions.CultureInvariant)]
    public static partial Regex Informational();

    /// <summary>A line that only says lines were left out (mail excerpts): <c>...</c> or <c>…</c>, maybe <c>[...]</c>.</summary>
    [GeneratedRegex(@"^(?:\.{3,}|…|\[(?:\.{3}|…)\])\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex Elision();
}
