namespace FirmwarePlanner.Memblock;

/// <summary>
/// <c>enum memblock_flags</c> (<c>include/linux/memblock.h</c>). Merging compares all bits exactly; unknown bits
/// are kept and printed as <c>UNKNOWN</c> by the debugfs renderer, as the kernel does.
/// </summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Named after the kernel's enum memblock_flags.")]
public enum MemblockFlags : uint
{
    /// <summary>No special request.</summary>
    None = 0,

    /// <summary>Bit 0: hot(un)pluggable memory (SRAT hotplug bit).</summary>
    Hotplug = 0x1,

    /// <summary>Bit 1: mirrored memory (EFI_MEMORY_MORE_RELIABLE, only with kernelcore=mirror).</summary>
    Mirror = 0x2,

    /// <summary>Bit 2: not in the kernel's direct map.</summary>
    NoMap = 0x4,

    /// <summary>Bit 3: added by a driver, never RAM in the firmware map.</summary>
    DriverManaged = 0x8,

    /// <summary>Bit 4: reserved region whose struct pages are not initialised.</summary>
    RsrvNoInit = 0x10,

    /// <summary>Bit 5 (7.x only): reserved for kernel use; set by every memblock allocation.</summary>
    RsrvKern = 0x20,

    /// <summary>Bit 6 (7.x only): kexec-handover scratch memory.</summary>
    KhoScratch = 0x40,
}
