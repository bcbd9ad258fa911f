namespace FirmwarePlanner.Inputs;

/// <summary>What the user told us about inputs that cannot tell it themselves (binary EFI maps carry no header).</summary>
public sealed record InputOptions(uint? DescriptorSize = null, uint? DescriptorVersion = null)
{
    public static InputOptions Default { get; } = new();

    /// <summary>The kernel configuration SRAT is read for (MAX_NUMNODES, architecture, hotplug).</summary>
    public Numa.LinuxNumaOptions Numa { get; init; } = FirmwarePlanner.Numa.LinuxNumaOptions.Default;
}
