using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.E820;

/// <summary>FP2xxx: e820 tables and the other kernel/sysfs memory texts. Ids are never renumbered or reused.</summary>
public static class E820Diagnostics
{
    public static readonly DiagnosticDescriptor DamagedLine = new("FP2001", Severity.Warning,
        "Damaged e820 / memmap / iomem line", "A line that looks like a table entry does not parse; it is reported, never guessed.");

    public static readonly DiagnosticDescriptor Overlap = new("FP2002", Severity.Warning,
        "e820 entries overlap", "Firmware tables may overlap; Linux's e820__update_table() resolves it by type priority.");

    public static readonly DiagnosticDescriptor UnknownType = new("FP2003", Severity.Note,
        "e820 type Linux does not name", "Kept as type N; Linux treats it as reserved-like (not RAM).");

    public static readonly DiagnosticDescriptor BadRange = new("FP2004", Severity.Warning,
        "e820 entry with an empty or reversed range", "End before start or a range past 2^64; the entry is left out.");

    public static readonly DiagnosticDescriptor Unsorted = new("FP2005", Severity.Note,
        "e820 table not sorted", "Linux sorts and merges the table (e820__update_table()).");

    public static readonly DiagnosticDescriptor ZeroedIomem = new("FP2006", Severity.Note,
        "/proc/iomem read without privileges", "All addresses are zero (non-root readers see zeros); the ranges carry no information.");

    public static readonly DiagnosticDescriptor IncompleteRecord = new("FP2007", Severity.Warning,
        "Incomplete sysfs record", "A /sys/firmware/memmap or runtime-map entry lacks one of its files (start, end, type, …).");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        [DamagedLine, Overlap, UnknownType, BadRange, Unsorted, ZeroedIomem, IncompleteRecord];
}
