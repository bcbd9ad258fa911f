using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Kernel;
using FirmwarePlanner.Linux;
using FirmwarePlanner.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FirmwarePlanner.Pipeline;

/// <summary>
/// The one pipeline: documents → <see cref="Machine"/> (<see cref="MachineReader"/>) → <see cref="KernelTarget"/>
/// (<see cref="KernelTargets"/>) → boot model (<see cref="BootModel"/>) → placement plan on demand. Every verb starts
/// here with the same options, so they agree on the machine.
/// </summary>
public static class MachineAnalyzer
{
    public static MachineAnalysis Analyze(string name, IReadOnlyList<InputDocument> documents, AnalysisOptions options, ILogger? logger = null,
        bool kernelLines = true)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(options);
        var log = logger ?? NullLogger.Instance;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var machine = ReadMachine(documents, options, InputOptions.Default, log);
        var diagnostics = machine.Diagnostics.ToList();
        var kernel = KernelTargets.Resolve(options, machine, diagnostics, log);
        var arch = options.BootArchFor(machine.LoggedArch);
        // Without --profile: the stock build's sizes of the target's series when one is built in for the architecture,
        // else the architecture's built-in default.
        var builtIn = arch == BootArch.X64 ? BuiltInProfiles.ForSeries(kernel.Release)?.Profile : null;
        var profile = (options.Profile ?? builtIn ?? PlanningProfile.BuiltInFor(arch.Name())) with { Kernel = kernel, Arch = arch.Name() };
        if (machine.DirectGbPages is { } gb && gb != profile.GbPages)
        {
            // What the booted machine did wins over the profile's assumption (a CPU without GBPAGES, nogbpages).
            profile = profile with { GbPages = gb };
            if (log.IsEnabled(LogLevel.Debug))
            {
                log.LogDebug("direct map: 1 GiB pages {Use}, as /proc/meminfo says", gb ? "used" : "not used");
            }
        }
        var boot = BootInputs.FromMachine(machine, kernel, arch, options.CommandLine) with { KernelLines = kernelLines };
        BootPrediction? prediction = null;
        if (boot.EfiMap is not null || boot.FirmwareE820 is { Count: > 0 })
        {
            prediction = BootModel.Run(boot);
            if (log.IsEnabled(LogLevel.Debug))
            {
                log.LogDebug("boot model: {Kernel} {Arch}, {Nodes} node(s), mirror {Mirror} bytes{Faked}", kernel.Describe(), arch.Name(),
                    prediction.Nodes.Count, prediction.MirrorBytes, prediction.NumaFaked ? ", NUMA faked (one node)" : string.Empty);
            }
        }
        else
        {
            log.LogDebug("boot model: not run (no EFI memory map and no e820 table)");
        }

        if (log.IsEnabled(LogLevel.Debug))
        {
            log.LogDebug("{Machine}: analysed in {Ms:0.0} ms", name, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new MachineAnalysis(name, machine, kernel, boot, prediction, profile, diagnostics);
    }

    /// <summary>
    /// The machine model alone (what <c>inspect</c> shows): the documents read with SRAT read for the requested
    /// architecture (<c>--arch</c>; none given: the architecture SRAT's own subtables name).
    /// </summary>
    public static Machine ReadMachine(IReadOnlyList<InputDocument> documents, AnalysisOptions options, InputOptions input, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(input);
        var numa = input.Numa with
        {
            Architecture = options.Arch switch
            {
                BootArch.Arm64 => KernelArchitecture.Arm64,
                BootArch.X64 => KernelArchitecture.X86,
                _ => input.Numa.Architecture,
            },
        };
        return MachineReader.Read(documents, input with { Numa = numa, Logger = logger ?? NullLogger.Instance });
    }
}
