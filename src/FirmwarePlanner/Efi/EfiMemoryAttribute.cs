namespace FirmwarePlanner.Efi;

/// <summary>
/// The descriptor's <c>Attribute</c> field, full 64-bit width (UEFI 2.11 §7.2 plus the bits Linux knows).
/// Unknown bits are kept in the value; <see cref="EfiMemoryAttributes.Known"/> lists the defined ones.
/// </summary>
[Flags]
#pragma warning disable CA1711 // the spec's name
public enum EfiMemoryAttribute : ulong
#pragma warning restore CA1711
{
    None = 0,
    UC = 1UL << 0,
    WC = 1UL << 1,
    WT = 1UL << 2,
    WB = 1UL << 3,
    UCE = 1UL << 4,
    WP = 1UL << 12,
    RP = 1UL << 13,
    XP = 1UL << 14,
    NV = 1UL << 15,

    /// <summary><c>EFI_MEMORY_MORE_RELIABLE</c>: the range is mirrored (Address Range Mirroring).</summary>
    MoreReliable = 1UL << 16,
    RO = 1UL << 17,

    /// <summary><c>EFI_MEMORY_SP</c>: specific-purpose (soft reserved) memory.</summary>
    SP = 1UL << 18,
    CpuCrypto = 1UL << 19,

    /// <summary><c>EFI_MEMORY_HOT_PLUGGABLE</c> (UEFI 2.11).</summary>
    HotPluggable = 1UL << 20,

    /// <summary><c>EFI_MEMORY_ISA_VALID</c>: bits 62..44 hold ISA-specific attributes.</summary>
    IsaValid = 1UL << 62,

    /// <summary><c>EFI_MEMORY_RUNTIME</c>: firmware needs the range at runtime.</summary>
    Runtime = 1UL << 63,
}

/// <summary>Groups of attribute bits.</summary>
public static class EfiMemoryAttributes
{
    /// <summary>The bits Linux's <c>efi_md_typeattr_format()</c> knows; any other bit makes it print <c>|attr=0x…</c>.</summary>
    public const EfiMemoryAttribute LinuxKnown =
        EfiMemoryAttribute.UC | EfiMemoryAttribute.WC | EfiMemoryAttribute.WT | EfiMemoryAttribute.WB |
        EfiMemoryAttribute.UCE | EfiMemoryAttribute.WP | EfiMemoryAttribute.RP | EfiMemoryAttribute.XP |
        EfiMemoryAttribute.NV | EfiMemoryAttribute.MoreReliable | EfiMemoryAttribute.RO | EfiMemoryAttribute.SP |
        EfiMemoryAttribute.CpuCrypto | EfiMemoryAttribute.HotPluggable | EfiMemoryAttribute.Runtime;

    /// <summary>Every bit the UEFI spec defines (Linux's set plus ISA_VALID and its ISA mask 62..44).</summary>
    public const EfiMemoryAttribute Known = LinuxKnown | EfiMemoryAttribute.IsaValid;
}
