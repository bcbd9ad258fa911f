using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Kernel;
using Microsoft.Extensions.Logging;

namespace FirmwarePlanner.Pipeline;

/// <summary>
/// Which kernel a machine is predicted for: <c>--kernel</c>, else the profile's <c>kernel</c>, else the booted
/// kernel's <c>Linux version</c> banner in the machine's log, else <see cref="KernelTarget.DefaultRelease"/>. Build facts
/// are the profile's when it sets them, else learned from the machine's log when that log is of the same series,
/// otherwise a distribution build's.
/// </summary>
public static class KernelTargets
{
    public static KernelTarget Resolve(AnalysisOptions options, Machine machine, List<Diagnostic> diagnostics, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentNullException.ThrowIfNull(log);
        KernelRelease? logged = null;
        if (machine.KernelBanner is { } banner && KernelRelease.TryParse(banner.Text, out var fromBanner, out _))
        {
            logged = fromBanner;
        }

        KernelTarget target;
        if (options.Kernel is { } given)
        {
            target = new KernelTarget(given, KernelBuild.Distribution, "--kernel");
        }
        else if (options.Profile?.Kernel is { Origin: KernelTarget.ProfileOrigin } fromProfile)
        {
            target = fromProfile;
        }
        else if (logged is not null)
        {
            target = new KernelTarget(logged, KernelBuild.Distribution, "Linux version banner in " + machine.KernelBanner!.Location);
        }
        else
        {
            target = KernelTarget.Default with { Origin = "default: no --kernel and no Linux version banner" };
        }

        // Build facts: a profile's (given or learned from a log of the build) win; else the machine's own log when it
        // is of the same series; else a distribution build's.
        if (options.Profile?.Kernel.Build is { IsKnown: true } fromProfileBuild)
        {
            target = target with { Build = fromProfileBuild };
        }
        else if (logged is not null && logged.Series == target.Release.Series && machine.LoggedZoneNames is { } zones)
        {
            target = target with { Build = KernelBuild.Learn(zones) };
        }

        if (log.IsEnabled(LogLevel.Debug))
        {
            log.LogDebug("kernel target: {Target}; CONFIG_ZONE_DEVICE={ZoneDevice} ({Origin})", target.Describe(), target.ZoneDevice ? "y" : "n", target.Build.ZoneDeviceOrigin);
        }

        return target;
    }
}
