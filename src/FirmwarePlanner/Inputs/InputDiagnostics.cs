using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Inputs;

/// <summary>FP9xxx: input handling across documents. Ids are never renumbered or reused.</summary>
public static class InputDiagnostics
{
    public static readonly DiagnosticDescriptor Unrecognized = new("FP9001", Severity.Note,
        "Input not recognized", "No reader recognizes the document's content; it is skipped.");

    public static readonly DiagnosticDescriptor NothingUsable = new("FP9002", Severity.Error,
        "No memory map in the inputs", "None of the inputs gives an EFI memory map, an e820 table or /proc/iomem.");

    public static readonly DiagnosticDescriptor SeveralMaps = new("FP9003", Severity.Note,
        "Several EFI maps", "More than one boot-time EFI map was read; the one named is used, the others are shown.");

    public static readonly DiagnosticDescriptor ReaderFailed = new("FP9004", Severity.Error,
        "Reader failed", "A reader stopped on an internal error; the document is skipped. Please report it with the input.");

    public static readonly DiagnosticDescriptor NothingInDocument = new("FP9005", Severity.Note,
        "Nothing read from a recognized document", "The document has the recognized form but none of the lines FirmwarePlanner reads.");

    public static readonly DiagnosticDescriptor KernelEditedMap = new("FP9006", Severity.Note,
        "The kernel's edited EFI map is not used as firmware input", "A log printed the EFI map again after the firmware's (after efi_fake_mem= and the like); the first print is the firmware's, and the boot model applies the command line's edits itself.");

    public static readonly DiagnosticDescriptor EarlierBootsSkipped = new("FP9007", Severity.Note,
        "A log of several boots: only the last is read", "The log holds several Linux version banners (a journal of several boots); the machine is the one that booted last, so only the lines from the last banner on are read.");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = [Unrecognized, NothingUsable, SeveralMaps, ReaderFailed, NothingInDocument, KernelEditedMap, EarlierBootsSkipped];
}
