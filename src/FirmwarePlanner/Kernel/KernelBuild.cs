namespace FirmwarePlanner.Kernel;

/// <summary>Where a kernel fact came from.</summary>
public enum KernelFactOrigin
{
    /// <summary>The default of a distribution build (Debian's amd64 configuration).</summary>
    Default,

    /// <summary>Read from a boot log of the same build.</summary>
    Learned,

    /// <summary>Given by the user (a profile file or an option).</summary>
    Given,
}

/// <summary>
/// Facts of a kernel build that are independent of its version: configuration options and struct sizes that change
/// what Linux prints or allocates. The defaults describe a distribution build (Debian amd64: CONFIG_ZONE_DEVICE=y);
/// <see cref="Learn"/> reads them from a boot log of the same build.
/// </summary>
/// <param name="ZoneDevice">CONFIG_ZONE_DEVICE: the <c>Zone ranges:</c> block lists a <c>Device</c> zone.</param>
/// <param name="ZoneDeviceOrigin">Where <paramref name="ZoneDevice"/> came from.</param>
public sealed record KernelBuild(bool ZoneDevice, KernelFactOrigin ZoneDeviceOrigin)
{
    /// <summary>
    /// The build removes large EfiMemoryMappedIO ranges from e820 whatever its version says: learned from a boot log
    /// that prints <c>efi: Remove memNN: MMIO range=…</c> or <c>efi: Not removing memNN: …</c> (distribution kernels
    /// carry the 6.2 change back, e.g. RHEL 9's 5.14); null: the release decides.
    /// </summary>
    public bool? EfiMmioRemoval { get; init; }

    /// <summary>True when some fact was learned from a log or given (not all distribution defaults).</summary>
    public bool IsKnown => ZoneDeviceOrigin != KernelFactOrigin.Default || EfiMmioRemoval is not null;

    public static KernelBuild Distribution { get; } = new(true, KernelFactOrigin.Default);

    /// <summary>
    /// The facts a boot log of the build shows: <paramref name="zoneNames"/> are the zone names of its
    /// <c>Zone ranges:</c> block (null when the log has none). Facts the log does not show keep the defaults.
    /// </summary>
    public static KernelBuild Learn(IReadOnlyList<string>? zoneNames) =>
        zoneNames is { Count: > 0 }
            ? new KernelBuild(zoneNames.Contains("Device", StringComparer.Ordinal), KernelFactOrigin.Learned)
            : Distribution;
}
