using System.Diagnostics.CodeAnalysis;

namespace FirmwarePlanner.Memblock;

/// <summary>
/// Which <c>mm/memblock.c</c> the engine runs: the 6.x code (6.1 and 6.12 agree on every path modelled; the oracle built
/// 6.12.117) or the 7.x code (reserved regions with nid and flags, MEMBLOCK_RSRV_KERN, KHO scratch; the oracle built
/// 7.2.13). Not a kernel version: the verbs' kernel is a <see cref="Kernel.KernelTarget"/>, whose
/// <c>MemblockVersion()</c> picks the revision; <c>simulate</c> names one directly, as the oracle does.
/// </summary>
#pragma warning disable CA1707 // The members spell the release numbers (6_12, 7_2); without the underscore they would be ambiguous.
public enum MemblockRevision
{
    /// <summary>Linux 6.12 (LTS; the oracle ran 6.12.117).</summary>
    Linux6_12 = 612,

    /// <summary>Linux 7.2 (the oracle ran 7.2.13). The default.</summary>
    Linux7_2 = 702,
}
#pragma warning restore CA1707

/// <summary>Names and parsing for <see cref="MemblockRevision"/>.</summary>
public static class MemblockRevisions
{
    /// <summary>The default kernel every verb predicts for.</summary>
    public const MemblockRevision Default = MemblockRevision.Linux7_2;

    /// <summary>Short name as the CLI accepts it: <c>7.2</c>, <c>6.12</c>.</summary>
    public static string ShortName(this MemblockRevision version) => version switch
    {
        MemblockRevision.Linux6_12 => "6.12",
        _ => "7.2",
    };

    /// <summary>The exact release the memblock oracle was generated from (<c>7.2.13</c>, <c>6.12.117</c>).</summary>
    public static string OracleRelease(this MemblockRevision version) => version switch
    {
        MemblockRevision.Linux6_12 => "6.12.117",
        _ => "7.2.13",
    };

    /// <summary>True for 7.x, where memblock has RSRV_KERN, KHO_SCRATCH and <c>__memblock_reserve(nid, flags)</c>.</summary>
    public static bool IsV7(this MemblockRevision version) => version >= MemblockRevision.Linux7_2;

    /// <summary>Accepts <c>7.2</c>, <c>7.2.13</c>, <c>6.12</c>, <c>6.12.117</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MemblockRevision? version)
    {
        version = text switch
        {
            "7.2" or "7.2.13" or "7" => MemblockRevision.Linux7_2,
            "6.12" or "6.12.117" => MemblockRevision.Linux6_12,
            _ => null,
        };
        return version is not null;
    }
}
