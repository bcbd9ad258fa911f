using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Kernel;
using FirmwarePlanner.Numa;
using FirmwarePlanner.Pipeline;

namespace FirmwarePlanner.Checks;

/// <summary>One input the check read, what it was read as, and a one-line summary (<c>118 descriptors</c>).</summary>
public sealed record CheckInputFile(string Name, string Kind, string Summary);

/// <summary>
/// Everything one machine's check works from: the machine run through the pipeline (<see cref="Analysis"/>: the
/// machine model, the kernel target, the boot model's prediction and, on demand, the placement plan), the readers'
/// diagnostics that count for the check, and the inputs that were used.
/// </summary>
public sealed record CheckSubject(
    string Name,
    MachineAnalysis Analysis,
    IReadOnlyList<Diagnostic> InputDiagnostics,
    IReadOnlyList<CheckInputFile> Inputs)
{
    /// <summary>The firmware's EFI map (null when the inputs have none).</summary>
    public EfiMemoryMap? EfiMap => Analysis.Machine.FirmwareEfiMap;

    /// <summary>The EFI map as the kernel works with it (the firmware's after <c>efi_fake_mem=</c>), from the boot model.</summary>
    public IReadOnlyList<EfiMemoryDescriptor>? KernelEfiMap => Analysis.Prediction?.KernelEfiMap ?? EfiMap?.Descriptors;

    /// <summary>SRAT (and SLIT) as Linux reads them; null without an SRAT.</summary>
    public NumaFirmwareInfo? Numa => Analysis.BootInputs.Numa;

    /// <summary>
    /// The command line the check boots with; null when neither an option nor the inputs give one. Parsed once, when
    /// the subject is made: every rule asks for it.
    /// </summary>
    public BootParameters? CommandLine { get; } =
        Analysis.Machine.CommandLine is not null || Analysis.BootInputs.CommandLine.Text.Length > 0 ? BootParameters.Parse(Analysis.CommandLine) : null;

    public string Arch => Analysis.BootInputs.Arch.Name();

    public string KernelRelease => Analysis.Kernel.Release.ToString();

    /// <summary>Which of the inputs a rule may need are present (the early-allocation plan is made from the EFI map).</summary>
    public CheckInput Available =>
        (EfiMap is not null ? CheckInput.EfiMap : CheckInput.None) |
        (Numa is not null ? CheckInput.Srat : CheckInput.None) |
        (CommandLine is not null ? CheckInput.CommandLine : CheckInput.None) |
        (EfiMap is not null && Analysis.Prediction is not null ? CheckInput.Plan : CheckInput.None);
}
