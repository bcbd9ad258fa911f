namespace FirmwarePlanner.Inputs.Archives;

/// <summary>
/// Bounds on what one machine bundle may expand to, against archive bombs: entries, bytes per entry, bytes in
/// total, and the ratio of expanded to compressed bytes (checked as the data streams, never from headers alone).
/// </summary>
public sealed record ArchiveLimits(int MaxEntries, long MaxEntryBytes, long MaxTotalBytes, double MaxCompressionRatio)
{
    /// <summary>Generous for real bundles (ACPI tables and logs: a few MiB), tight for bombs.</summary>
    public static ArchiveLimits Default { get; } = new(10_000, 64L << 20, 256L << 20, 200.0);
}
