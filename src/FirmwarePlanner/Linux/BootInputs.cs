using FirmwarePlanner.Kernel;
using FirmwarePlanner.E820;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Memblock;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Numa;

namespace FirmwarePlanner.Linux;

/// <summary>
/// What the boot model starts from: the firmware's EFI memory map (or, without one, an e820 table as a BIOS or
/// boot loader handed it over), Linux's reading of SRAT, the command line and the kernel modeled.
/// </summary>
/// <param name="EfiMap">The map the firmware gave the EFI stub. Null for a legacy BIOS boot or when unknown.</param>
/// <param name="FirmwareE820">The e820 table handed to the kernel when there is no EFI map (BIOS-e820 lines).</param>
/// <param name="Numa">SRAT (and SLIT) as Linux reads them; null when there is no SRAT.</param>
/// <param name="SratKnown">False when we were not told whether the machine has an SRAT (so NUMA cannot be predicted).</param>
public sealed record BootInputs(
    EfiMemoryMap? EfiMap,
    IReadOnlyList<E820Entry>? FirmwareE820,
    NumaFirmwareInfo? Numa,
    bool SratKnown,
    BootCommandLine CommandLine,
    KernelTarget Kernel,
    BootArch Arch = BootArch.X64)
{
    /// <summary>The lines Linux's SRAT parsing prints (from the ACPI reader); null = render them from <see cref="Numa"/>.</summary>
    public IReadOnlyList<string>? SratLines { get; init; }

    /// <summary>
    /// False: the prediction's <see cref="BootPrediction.Log"/> stays empty (no kernel line is formatted); every value
    /// of the model is the same. For callers that read only the model, such as <c>check</c> and <c>fleet</c>.
    /// </summary>
    public bool KernelLines { get; init; } = true;

    /// <summary>
    /// The boot model's inputs from one machine: the firmware's EFI map (never a print the kernel made after editing
    /// it), the firmware e820 table, SRAT and SLIT as Linux reads them (or the kernel's logged SRAT lines when there
    /// is no table), and the command line (<paramref name="commandLine"/> wins over a command-line file, a file over a
    /// log's <c>Command line:</c>).
    /// </summary>
    public static BootInputs FromMachine(Machine machine, KernelTarget kernel, BootArch arch, string? commandLine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(kernel);
        var reading = machine.Acpi?.Linux;
        // Known when tables were given, when the kernel's SRAT lines were, or when a log lists the firmware's tables
        // (with or without an SRAT among them).
        var sratKnown = (machine.Acpi is { } acpi && (acpi.HasTables || acpi.Linux is not null)) || machine.LoggedAcpiTables is { Count: > 0 };
        var text = commandLine ?? machine.CommandLine?.Text ?? string.Empty;
        return new BootInputs(machine.FirmwareEfiMap, machine.FirmwareE820?.Entries, reading?.Info, sratKnown, BootCommandLine.Parse(text), kernel, arch)
        {
            SratLines = reading?.Lines.Where(l => l.Level != KernelMessageLevel.Debug).Select(l => l.Text).ToArray(),
        };
    }
}

/// <summary>One node as the boot path leaves it: its meminfo blocks, its CPUs (from SRAT) and its memblock span.</summary>
public sealed record BootNode(int Nid, IReadOnlyList<NumaMemblk> Blocks, IReadOnlyList<NumaCpu> Cpus, NodeSpan Span);

/// <summary>What a note means for the prediction's lines.</summary>
public enum NoteEffect
{
    /// <summary>A caveat: the lines stand (a path the kernel rarely takes, a detail left out).</summary>
    Caveat,

    /// <summary>The NUMA layout is an assumption (the inputs do not say whether there is an SRAT): node lines may not hold.</summary>
    NumaAssumed,

    /// <summary>The kernel's boot path from here on is not modelled: nothing after the memory map can be held to the kernel.</summary>
    BootPathNotModelled,
}

/// <summary>Something the model could not predict, or predicted under an assumption, in a sentence, and what it means for the lines.</summary>
public sealed record PredictionNote(string Topic, string Message, NoteEffect Effect = NoteEffect.Caveat);

/// <summary>
/// The boot model's result: the predicted lines in boot order, the state after each stage (for the placement
/// planner and for checks), and the notes about what could not be predicted.
/// </summary>
public sealed record BootPrediction(
    BootInputs Inputs,
    BootOptions Options,
    BootLog Log,
    IReadOnlyList<E820Entry> FirmwareE820,
    IReadOnlyList<E820Entry> KernelE820,
    ulong MaxPfn,
    IReadOnlyList<MemblockRegion> MemblockAfterE820,
    ulong MirrorBytes,
    ulong EfiTotalBytes,
    bool HasMirror,
    IReadOnlyList<MemblockRegion> MemblockAfterNuma,
    MemblockEngine Memblock,
    bool NumaFaked,
    IReadOnlyList<BootNode> Nodes,
    ZoneLayout? Zones,
    IReadOnlyList<PredictionNote> Notes)
{
    /// <summary>The EFI map as the kernel works with it: the firmware's, after <c>efi_fake_mem=</c> where the kernel has it.</summary>
    public IReadOnlyList<EfiMemoryDescriptor>? KernelEfiMap { get; init; }
}
