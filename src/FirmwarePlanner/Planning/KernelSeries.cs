using System.Globalization;

namespace FirmwarePlanner.Planning;

/// <summary>
/// A kernel series (major.minor) and the behaviours of the early-allocation model that depend on it. Only the
/// differences the model was checked against are encoded: 6.1 (captures g1/g2), 6.12 and 7.2 (kernel-reference).
/// </summary>
public sealed record KernelSeries(int Major, int Minor)
{
    public static KernelSeries Linux612 { get; } = new(6, 12);

    public static KernelSeries Linux72 { get; } = new(7, 2);

    /// <summary>7.x: <c>sparse_init()</c> and gigantic pages run in <c>mm_core_init_early()</c>, after setup_arch.</summary>
    public bool SparseInitAfterSetupArch => Major >= 7;

    /// <summary>7.x: the memmap is allocated per 2 MiB vmemmap block with try_nid (no per-node exact buffer).</summary>
    public bool MemmapPerBlock => Major >= 7;

    /// <summary>7.x: node-specific <c>hugepages=N:X</c> uses exact_nid; 6.x try_nid.</summary>
    public bool HugepagesExactNid => Major >= 7;

    /// <summary>Before 6.12 x86 rounded NODE_DATA to a page (<c>roundup(sizeof(pg_data_t), PAGE_SIZE)</c>); since, to 64 bytes.</summary>
    public bool NodeDataPageRounded => CompareTo(Linux612) < 0;

    public int CompareTo(KernelSeries? other) =>
        other is null ? 1 : Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    /// <summary>Reads <c>6.12</c>, <c>6.12.117</c>, <c>7.2.13-amd64</c>…</summary>
    public static bool TryParse(string? text, out KernelSeries series)
    {
        series = Linux612;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('.', '-', '+');
        if (parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || major is < 2 or > 99 || minor > 999)
        {
            return false;
        }

        series = new KernelSeries(major, minor);
        return true;
    }
}
