using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Numa;

namespace FirmwarePlanner.Checks;

/// <summary>One input the check read, what it was read as, and a one-line summary (<c>118 descriptors</c>).</summary>
public sealed record CheckInputFile(string Name, string Kind, string Summary);

/// <summary>
/// Everything one machine's check works from: the firmware tables that were found (each may be absent),
/// the command line to be booted, the diagnostics of the readers, and the inputs that were used.
/// </summary>
public sealed record CheckSubject(
    string Name,
    EfiMemoryMap? EfiMap,
    NumaFirmwareInfo? Numa,
    BootParameters? CommandLine,
    IReadOnlyList<Diagnostic> InputDiagnostics,
    IReadOnlyList<CheckInputFile> Inputs,
    string Arch = "x86_64",
    string? KernelVersion = null)
{
    /// <summary>Which of the inputs a rule may need are present (the early-allocation plan is made from the EFI map).</summary>
    public CheckInput Available =>
        (EfiMap is not null ? CheckInput.EfiMap : CheckInput.None) |
        (Numa is not null ? CheckInput.Srat : CheckInput.None) |
        (CommandLine is not null ? CheckInput.CommandLine : CheckInput.None) |
        (EfiMap is not null ? CheckInput.Plan : CheckInput.None);
}
