using System.Diagnostics.CodeAnalysis;

namespace FirmwarePlanner.Common;

/// <summary>
/// The Linux release whose behaviour we predict where releases differ (memblock reserved nid/flags, RSRV_KERN,
/// KHO; kernel-reference §1.7). 7.2 is the primary anchor, 6.12 the current LTS.
/// </summary>
#pragma warning disable CA1707 // The members spell the release numbers (6_12, 7_2); without the underscore they would be ambiguous.
public enum KernelVersion
{
    /// <summary>Linux 6.12 (LTS; the oracle ran 6.12.117).</summary>
    Linux6_12 = 612,

    /// <summary>Linux 7.2 (the oracle ran 7.2.13). The default.</summary>
    Linux7_2 = 702,
}
#pragma warning restore CA1707

/// <summary>Names and parsing for <see cref="KernelVersion"/>.</summary>
public static class KernelVersions
{
    /// <summary>The default kernel every verb predicts for.</summary>
    public const KernelVersion Default = KernelVersion.Linux7_2;

    /// <summary>Short name as the CLI accepts it: <c>7.2</c>, <c>6.12</c>.</summary>
    public static string ShortName(this KernelVersion version) => version switch
    {
        KernelVersion.Linux6_12 => "6.12",
        _ => "7.2",
    };

    /// <summary>The exact release the memblock oracle was generated from (<c>7.2.13</c>, <c>6.12.117</c>).</summary>
    public static string OracleRelease(this KernelVersion version) => version switch
    {
        KernelVersion.Linux6_12 => "6.12.117",
        _ => "7.2.13",
    };

    /// <summary>True for 7.x, where memblock has RSRV_KERN, KHO_SCRATCH and <c>__memblock_reserve(nid, flags)</c>.</summary>
    public static bool IsV7(this KernelVersion version) => version >= KernelVersion.Linux7_2;

    /// <summary>Accepts <c>7.2</c>, <c>7.2.13</c>, <c>6.12</c>, <c>6.12.117</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out KernelVersion? version)
    {
        version = text switch
        {
            "7.2" or "7.2.13" or "7" => KernelVersion.Linux7_2,
            "6.12" or "6.12.117" => KernelVersion.Linux6_12,
            _ => null,
        };
        return version is not null;
    }
}
