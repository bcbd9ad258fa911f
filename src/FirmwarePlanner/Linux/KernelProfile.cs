namespace FirmwarePlanner.Linux;

/// <summary>The architectures whose boot path is modeled.</summary>
public enum BootArch
{
    X64,
    Arm64,
}

/// <summary>
/// The kernel version (and the few configuration facts) the prediction follows. Only behaviour that changes the
/// predicted lines is listed; everything else is the same across the supported versions.
/// </summary>
/// <param name="Version">"6.1", "6.12" or "7.2".</param>
/// <param name="RemovesLargeEfiMmioFromE820">x86 <c>efi_remove_e820_mmio()</c> (added in 6.2).</param>
/// <param name="NumaCleanupClampsToDram">
/// <c>numa_cleanup_meminfo()</c> clamps blocks to <c>[memblock_start_of_DRAM, memblock_end_of_DRAM)</c>;
/// older kernels used <c>[0, max_pfn)</c>, so their merge lines start at 0.
/// </param>
/// <param name="HasEfiFakeMem"><c>efi_fake_mem=</c> exists (removed in 6.11).</param>
/// <param name="ZoneDevice">CONFIG_ZONE_DEVICE: the zone list prints a <c>Device</c> line.</param>
/// <param name="DebugfsShowsNodeAndFlags">debugfs memblock lines carry nid and flags (6.5 and later).</param>
/// <param name="E820AddsReservedKern">6.12 and older also add E820_RESERVED_KERN (setup_data) entries as RAM.</param>
public sealed record KernelProfile(
    string Version,
    bool RemovesLargeEfiMmioFromE820,
    bool NumaCleanupClampsToDram,
    bool HasEfiFakeMem,
    bool ZoneDevice,
    bool DebugfsShowsNodeAndFlags,
    bool E820AddsReservedKern)
{
    /// <summary>Linux 6.12 LTS as Debian builds it (CONFIG_ZONE_DEVICE=y, CONFIG_MEMORY_HOTPLUG=y).</summary>
    public static KernelProfile Linux612 { get; } = new("6.12", true, true, false, true, true, true);

    /// <summary>Linux 7.2 (same paths as 6.12 here except E820_RESERVED_KERN is gone).</summary>
    public static KernelProfile Linux72 { get; } = new("7.2", true, true, false, true, true, false);

    /// <summary>Linux 6.1 built from x86_64_defconfig plus NUMA and EFI_FAKE_MEMMAP (no ZONE_DEVICE).</summary>
    public static KernelProfile Linux61 { get; } = new("6.1", false, false, true, false, false, true);

    public static IReadOnlyList<KernelProfile> All { get; } = [Linux61, Linux612, Linux72];

    public static KernelProfile? Find(string version) =>
        All.FirstOrDefault(p => string.Equals(p.Version, version, StringComparison.Ordinal));

    /// <summary>Picks the profile from a <c>Linux version X.Y.Z…</c> banner or a bare version string.</summary>
    public static KernelProfile? FromBanner(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = System.Text.RegularExpressions.Regex.Match(text, @"(?:Linux version )?(\d+)\.(\d+)");
        if (!m.Success)
        {
            return null;
        }

        var major = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var minor = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (major, minor) switch
        {
            (6, < 11) => Linux61,
            (6, _) => Linux612,
            ( >= 7, _) => Linux72,
            _ => null,
        };
    }
}
