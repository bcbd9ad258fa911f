using FirmwarePlanner.Kernel;
using System.Collections.Immutable;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Numa;

/// <summary>
/// What Linux makes of an SRAT (and SLIT): the <see cref="NumaFirmwareInfo"/> the NUMA setup continues with, the
/// kernel lines it would print in order (<see cref="Lines"/>), the architecture modelled, and diagnostics for
/// every place where Linux rejects or ignores something. <see cref="FailureReason"/> says why SRAT is not used.
/// </summary>
public sealed record LinuxSratReading(
    NumaFirmwareInfo Info,
    LinuxSratLines Lines,
    KernelArchitecture Architecture,
    string? FailureReason,
    ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>The <c>ACPI: SRAT: Node %u PXM %u [mem …]</c> lines, exactly as the kernel prints them.</summary>
    public IEnumerable<string> NodeLines =>
        Lines.Where(l => l.Text.StartsWith("ACPI: SRAT: Node ", StringComparison.Ordinal)).Select(l => l.Text);
}
