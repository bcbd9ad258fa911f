using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Efi;

/// <summary>FP1xxx: the EFI memory map, in every form it is read from. Ids are never renumbered or reused.</summary>
public static class EfiDiagnostics
{
    public static readonly DiagnosticDescriptor DescriptorSizeTooSmall = new("FP1001", Severity.Error,
        "Descriptor size below 40", "A DescriptorSize smaller than EFI_MEMORY_DESCRIPTOR (40 bytes) cannot hold a descriptor; the map cannot be read.");

    public static readonly DiagnosticDescriptor MapLengthNotMultiple = new("FP1002", Severity.Warning,
        "Map length not a multiple of the descriptor size", "The buffer ends inside a descriptor (truncated dump?); the partial descriptor is ignored.");

    public static readonly DiagnosticDescriptor DescriptorVersionUnknown = new("FP1003", Severity.Warning,
        "Unknown descriptor version", "UEFI defines only descriptor version 1; the fields are read with the version 1 layout.");

    public static readonly DiagnosticDescriptor DescriptorSizeUndetermined = new("FP1004", Severity.Error,
        "Descriptor size cannot be determined", "No descriptor size, or more than one, gives a plausible map; pass --desc-size.");

    public static readonly DiagnosticDescriptor MetadataMismatch = new("FP1005", Severity.Warning,
        "Map metadata disagrees with the buffer", "A metadata file (or option) gives a size or count that does not match the binary map.");

    public static readonly DiagnosticDescriptor ZeroPages = new("FP1010", Severity.Warning,
        "Descriptor with zero pages", "Linux's efi_clean_memmap() (x86) removes such entries as invalid.");

    public static readonly DiagnosticDescriptor UnalignedStart = new("FP1011", Severity.Warning,
        "PhysicalStart not 4 KiB aligned", "UEFI requires page-aligned descriptors; Linux rounds such ranges when it adds them.");

    public static readonly DiagnosticDescriptor RangePast64Bit = new("FP1012", Severity.Warning,
        "Range reaches past 2^64", "PhysicalStart + NumberOfPages*4096 overflows; Linux's efi_memmap_entry_valid() drops the entry.");

    public static readonly DiagnosticDescriptor Overlap = new("FP1013", Severity.Warning,
        "Descriptors overlap", "Two descriptors cover the same addresses; the map is inconsistent.");

    public static readonly DiagnosticDescriptor Unsorted = new("FP1014", Severity.Note,
        "Map not sorted by address", "UEFI does not require a sorted map and Linux copes; noted because it surprises readers.");

    public static readonly DiagnosticDescriptor UnknownType = new("FP1015", Severity.Warning,
        "Memory type not defined by UEFI", "Linux prints it as type=N and the EFI stub leaves it out of e820. OEM/OS-range values are notes.");

    public static readonly DiagnosticDescriptor ReservedAttributeBits = new("FP1016", Severity.Warning,
        "Attribute has bits Linux does not know", "Kept as is; Linux prints the whole attribute as |attr=0x…].");

    public static readonly DiagnosticDescriptor MirrorOnNonRam = new("FP1017", Severity.Warning,
        "MORE_RELIABLE on a type that is not RAM", "efi_find_mirror() counts it toward the mirror total, but it never reaches memblock memory.");

    public static readonly DiagnosticDescriptor DamagedLine = new("FP1020", Severity.Warning,
        "Damaged EFI map line", "A line that looks like an EFI map entry does not parse; it is reported, never guessed.");

    public static readonly DiagnosticDescriptor PrintedSizeMismatch = new("FP1021", Severity.Warning,
        "Printed size disagrees with the range", "The (NMB) or page count printed on the line is not what the range gives, or the range is not whole pages.");

    public static readonly DiagnosticDescriptor Elision = new("FP1022", Severity.Note,
        "Map lines elided", "The log leaves out descriptors (`...`); totals computed from it are lower bounds.");

    public static readonly DiagnosticDescriptor IndexGap = new("FP1023", Severity.Note,
        "Descriptor index out of sequence", "The memNN index does not follow the previous line; lines are missing from the log.");

    public static readonly DiagnosticDescriptor KernelRemovedInvalid = new("FP1024", Severity.Warning,
        "Kernel removed an invalid descriptor", "The log shows efi_clean_memmap() dropping an entry printed as (invalid).");

    public static readonly DiagnosticDescriptor MirrorSummaryMismatch = new("FP1025", Severity.Warning,
        "Logged mirror summary disagrees with the map", "The kernel's efi: Memory: line is not what efi_find_mirror() gives for the map read.");

    public static readonly DiagnosticDescriptor EmptyMap = new("FP1026", Severity.Error,
        "EFI map without descriptors", "The input holds no descriptor at all.");

    public static readonly DiagnosticDescriptor DamagedMetadata = new("FP1027", Severity.Warning,
        "Damaged map metadata", "A map metadata file (descriptorSize/descriptorVersion JSON) does not parse.");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        DescriptorSizeTooSmall, MapLengthNotMultiple, DescriptorVersionUnknown, DescriptorSizeUndetermined, MetadataMismatch,
        ZeroPages, UnalignedStart, RangePast64Bit, Overlap, Unsorted, UnknownType, ReservedAttributeBits, MirrorOnNonRam,
        DamagedLine, PrintedSizeMismatch, Elision, IndexGap, KernelRemovedInvalid, MirrorSummaryMismatch, EmptyMap,
        DamagedMetadata,
    ];
}
