using FirmwarePlanner.Kernel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FirmwarePlanner.Inputs;

/// <summary>What the user told us about inputs that cannot tell it themselves (binary EFI maps carry no header), and where to log.</summary>
public sealed record InputOptions(uint? DescriptorSize = null, uint? DescriptorVersion = null)
{
    public static InputOptions Default { get; } = new();

    /// <summary>The kernel configuration SRAT is read for (MAX_NUMNODES, architecture, hotplug).</summary>
    public LinuxNumaOptions Numa { get; init; } = LinuxNumaOptions.Default;

    /// <summary>Where the readers say what they did (which reader took each document, which print was chosen).</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
