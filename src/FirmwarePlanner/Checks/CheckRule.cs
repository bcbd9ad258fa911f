using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Checks;

/// <summary>What a rule needs to be evaluated. A rule whose inputs are absent is reported as not checked.</summary>
[Flags]
public enum CheckInput
{
    None = 0,

    /// <summary>The UEFI memory map (binary, <c>efi: mem..</c> log lines or UEFI Shell output).</summary>
    EfiMap = 1,

    /// <summary>ACPI SRAT (NUMA affinity of memory ranges).</summary>
    Srat = 2,

    /// <summary>The kernel command line that will be booted (<c>--cmdline</c> or <c>cmdline.txt</c>).</summary>
    CommandLine = 4,

    /// <summary>The per-node early allocation plan (<c>Planning</c>).</summary>
    Plan = 8,
}

/// <summary>
/// One check of the catalogue: a stable ID (<c>FP7xxx</c>, never renumbered or reused), the default severity,
/// what it checks, why it matters, and the Linux message it predicts where the kernel prints one.
/// </summary>
public sealed record CheckRule(
    string Id,
    string Name,
    Severity DefaultSeverity,
    string Checks,
    string Why,
    string? LinuxMessage,
    CheckInput Needs)
{
    /// <summary>The rule as a diagnostic descriptor (so the catalogue of codes stays one list).</summary>
    public DiagnosticDescriptor Descriptor => new(Id, DefaultSeverity, Name, Checks);
}
