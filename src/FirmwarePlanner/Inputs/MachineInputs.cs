using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.E820;
using FirmwarePlanner.Efi;

namespace FirmwarePlanner.Inputs;

/// <summary>What one document was taken as, and a one-line summary of what it gave.</summary>
public sealed record InputDocumentInfo(string Name, int Bytes, string Format, string Summary);

/// <summary>Where a kernel command line came from.</summary>
public enum CommandLineOrigin
{
    /// <summary>A one-line file (<c>cmdline.txt</c>, <c>/proc/cmdline</c>).</summary>
    File,

    /// <summary>The <c>Command line:</c> line of a kernel log.</summary>
    KernelLog,
}

/// <summary>A kernel command line and where it was read.</summary>
public sealed record KernelCommandLine(string Text, CommandLineOrigin Origin, SourceLocation Location);

/// <summary>A logged <c>efi: Memory: XM/YM mirrored memory</c> line (the kernel's own mirror summary).</summary>
public sealed record LoggedMirrorSummary(string Line, ulong MirrorMiB, ulong TotalMiB, SourceLocation Location);

/// <summary>One <c>/proc/iomem</c> resource: inclusive-end text turned half-open, its name and nesting depth.</summary>
public sealed record IomemResource(Common.AddressRange Range, string Name, int Depth, SourceLocation Location);

/// <summary>
/// Everything one machine's inputs gave: EFI maps (every one read, in document order, and the one the planner
/// should use), e820 tables, kernel command lines, logged mirror summaries, <c>/proc/iomem</c> context, and all
/// diagnostics in document order.
/// </summary>
public sealed record MachineInputs(
    IReadOnlyList<InputDocumentInfo> Documents,
    IReadOnlyList<EfiMemoryMap> EfiMaps,
    EfiMemoryMap? PrimaryEfiMap,
    IReadOnlyList<E820Table> E820Tables,
    IReadOnlyList<KernelCommandLine> CommandLines,
    IReadOnlyList<LoggedMirrorSummary> LoggedMirrorSummaries,
    IReadOnlyList<IomemResource> Iomem,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>ACPI tables (SRAT, SLIT decoded) and Linux's SRAT reading; null when no input had ACPI tables or SRAT log lines.</summary>
    public Acpi.AcpiInputs? Acpi { get; init; }

    /// <summary>The first firmware e820 table (BIOS-e820 or sysfs), if any.</summary>
    public E820Table? FirmwareE820 => E820Tables.FirstOrDefault(t => t.IsFirmwareTable);

    /// <summary>The command line to plan with: a command-line file wins over a log's <c>Command line:</c>.</summary>
    public KernelCommandLine? CommandLine =>
        CommandLines.FirstOrDefault(c => c.Origin == CommandLineOrigin.File) ?? (CommandLines.Count > 0 ? CommandLines[0] : null);

    /// <summary>True when the inputs give a memory map of any kind (an EFI map, an e820 table, or /proc/iomem as its trace).</summary>
    public bool HasMemoryMap => EfiMaps.Count > 0 || E820Tables.Count > 0 || Iomem.Count > 0;

    /// <summary>Exit code per <see cref="ExitCodes.FromDiagnostics"/>.</summary>
    public int ExitCode => ExitCodes.FromDiagnostics(Diagnostics);
}
