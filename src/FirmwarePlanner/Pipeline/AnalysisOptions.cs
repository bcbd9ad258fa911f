using FirmwarePlanner.Kernel;
using FirmwarePlanner.Planning;

namespace FirmwarePlanner.Pipeline;

/// <summary>
/// What every verb takes on top of the documents, validated once with one meaning: the kernel (<c>--kernel</c>, null =
/// from the profile, else a log's banner, else the default), the architecture (<c>--arch</c>, null = an arm64 profile,
/// else the booted kernel's as its log shows it, else x86-64, with SRAT read for whatever architecture its subtables
/// name), an explicit command line (<c>--cmdline</c>) and a build profile (<c>--profile</c>).
/// </summary>
public sealed record AnalysisOptions(KernelRelease? Kernel, BootArch? Arch, string? CommandLine, PlanningProfile? Profile)
{
    public static AnalysisOptions Default { get; } = new(null, null, null, null);

    /// <summary>
    /// The architecture the boot path is modelled for: <c>--arch</c>, else arm64 when the profile names it, else the
    /// booted kernel's as its log shows it (<paramref name="logged"/>), else x86-64. (A profile's <c>arch</c> defaults
    /// to x86_64, so only an arm64 profile can be told apart from one that says nothing.)
    /// </summary>
    public BootArch BootArchFor(Inputs.LoggedBootArch? logged) =>
        Arch ?? (Profile?.Arch == "arm64" ? BootArch.Arm64 : logged?.Arch ?? BootArch.X64);

    /// <summary>Validates the options' texts; false with a one-line reason (a usage error: exit 2) for any that is not understood.</summary>
    public static bool TryCreate(string? kernel, string? arch, string? commandLine, string? profilePath, out AnalysisOptions options, out string? error)
    {
        options = Default;
        KernelRelease? release = null;
        if (kernel is not null && !KernelRelease.TryParse(kernel, out release, out error))
        {
            error = "--kernel " + error;
            return false;
        }

        BootArch? bootArch = null;
        if (arch is not null)
        {
            if (!BootArchNames.TryParse(arch, out var parsed))
            {
                error = $"--arch {arch}: x86_64 or arm64";
                return false;
            }

            bootArch = parsed;
        }

        PlanningProfile? profile = null;
        if (profilePath is not null && !ProfileFile.TryLoad(profilePath, out profile, out error))
        {
            return false;
        }

        options = new AnalysisOptions(release, bootArch, commandLine, profile);
        error = null;
        return true;
    }
}
