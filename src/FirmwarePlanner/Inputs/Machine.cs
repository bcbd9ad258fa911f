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

/// <summary>
/// One <c>/proc/iomem</c> resource: inclusive-end text turned half-open, its name and nesting depth. A value, not an
/// object: a machine's iomem can be millions of lines, and each costs its fields only.
/// </summary>
public readonly record struct IomemResource(Common.AddressRange Range, string Name, int Depth, SourceLocation Location);

/// <summary>A <c>Linux version …</c> banner a kernel log carried: the booted kernel's own words.</summary>
public sealed record LoggedKernelBanner(string Text, SourceLocation Location);

/// <summary>The architecture a kernel log shows it was printed by, and the line that shows it.</summary>
public sealed record LoggedBootArch(Kernel.BootArch Arch, string Line, SourceLocation Location);

/// <summary>Who a fact about the machine comes from.</summary>
public enum FactOrigin
{
    /// <summary>What the firmware gave: a binary map, a UEFI Shell print, a log's first boot-time map print, ACPI tables, the firmware e820.</summary>
    Firmware,

    /// <summary>The kernel's own conclusion: later map prints (after <c>efi_fake_mem</c>, <c>memmap=</c>), SRAT/NUMA lines, zone lines.</summary>
    Kernel,

    /// <summary>What the user said (a command-line file or option).</summary>
    User,
}

/// <summary>One fact the machine model uses, with where it came from: shown by <c>inspect</c> and logged by every verb.</summary>
public sealed record MachineFact(string Subject, FactOrigin Origin, string Source, string Detail);

/// <summary>
/// One machine as its documents describe it, assembled once by <see cref="MachineReader"/> for every verb: the
/// firmware's EFI memory map (a binary buffer, a UEFI Shell print, or a kernel log's first boot-time print) apart from
/// the maps the kernel printed after editing it (<see cref="KernelEfiMaps"/>), e820 tables, command lines, logged mirror
/// summaries, <c>/proc/iomem</c> context, the ACPI side (<see cref="Acpi"/>), the kernel's banner, and every diagnostic
/// in document order. <see cref="Facts"/> says where each fact the model uses came from.
/// </summary>
public sealed record Machine(
    IReadOnlyList<InputDocumentInfo> Documents,
    IReadOnlyList<EfiMemoryMap> EfiMaps,
    EfiMemoryMap? FirmwareEfiMap,
    IReadOnlyList<E820Table> E820Tables,
    IReadOnlyList<KernelCommandLine> CommandLines,
    IReadOnlyList<LoggedMirrorSummary> LoggedMirrorSummaries,
    IReadOnlyList<IomemResource> Iomem,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>ACPI tables (SRAT, SLIT decoded) and Linux's SRAT reading; null when no input had ACPI tables or SRAT log lines.</summary>
    public Numa.AcpiInputs? Acpi { get; init; }

    /// <summary>Boot-time EFI maps the kernel printed after the firmware's (its own edits: <c>efi_fake_mem</c>), in log order.</summary>
    public IReadOnlyList<EfiMemoryMap> KernelEfiMaps { get; init; } = [];

    /// <summary>The first <c>Linux version</c> banner of the kernel logs, if any.</summary>
    public LoggedKernelBanner? KernelBanner { get; init; }

    /// <summary>The architecture of the first kernel log that shows one (arm64's boot-CPU line), if any.</summary>
    public LoggedBootArch? LoggedArch { get; init; }

    /// <summary>The zone names of the first logged <c>Zone ranges:</c> block (a build fact: CONFIG_ZONE_DEVICE), if any.</summary>
    public IReadOnlyList<string>? LoggedZoneNames { get; init; }

    /// <summary>
    /// Whether the booted kernel mapped RAM with 1 GiB pages (<c>/proc/meminfo</c>'s DirectMap1G): a CPU and build fact
    /// the early page-table allocations depend on; null when no input says.
    /// </summary>
    public bool? DirectGbPages { get; init; }

    /// <summary>
    /// The ACPI tables the first kernel log listed at boot (signatures), if any: the firmware's table list as the
    /// kernel found it, which says whether the machine has an SRAT or a SLIT even when the tables are not given.
    /// </summary>
    public IReadOnlyList<string>? LoggedAcpiTables { get; init; }

    /// <summary>Where each fact the model uses came from.</summary>
    public IReadOnlyList<MachineFact> Facts { get; init; } = [];

    /// <summary>
    /// The firmware e820 table, if any: <c>/sys/firmware/memmap</c> (the table the firmware handed over, kept for kexec)
    /// before a log's <c>BIOS-e820</c> print of the same table, so a bundle with both predicts the log's lines from
    /// the firmware's own record; else the first firmware table in document order.
    /// </summary>
    public E820Table? FirmwareE820 => E820Tables.FirstOrDefault(t => t.Form == E820Form.SysfsFirmwareMemmap) ?? E820Tables.FirstOrDefault(t => t.IsFirmwareTable);

    /// <summary>The command line to plan with: a command-line file wins over a log's <c>Command line:</c>.</summary>
    public KernelCommandLine? CommandLine =>
        CommandLines.FirstOrDefault(c => c.Origin == CommandLineOrigin.File) ?? (CommandLines.Count > 0 ? CommandLines[0] : null);

    /// <summary>True when the inputs give a memory map of any kind (an EFI map, an e820 table, or /proc/iomem as its trace).</summary>
    public bool HasMemoryMap => EfiMaps.Count > 0 || E820Tables.Count > 0 || Iomem.Count > 0;

    /// <summary>Exit code per <see cref="ExitCodes.FromDiagnostics"/>.</summary>
    public int ExitCode => ExitCodes.FromDiagnostics(Diagnostics);
}
