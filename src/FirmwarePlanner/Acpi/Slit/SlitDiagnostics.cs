using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Acpi.Slit;

/// <summary>SLIT diagnostics: FP3200–FP3299.</summary>
public static class SlitDiagnostics
{
    public static readonly DiagnosticDescriptor MatrixTruncated = new("FP3201", Severity.Error,
        "SLIT matrix larger than the table",
        "44 + count² bytes do not fit in the table (fwts SLITTooManySystemLocalities); Linux would read past the table. " +
        "Only the complete rows that fit are decoded.");

    public static readonly DiagnosticDescriptor DiagonalNotLocal = new("FP3202", Severity.Error,
        "SLIT diagonal entry is not 10",
        "A locality's distance to itself must be 10 (fwts SLITBadCornerEntry). Linux: 'SLIT table looks invalid. Not used.'");

    public static readonly DiagnosticDescriptor OffDiagonalTooSmall = new("FP3203", Severity.Error,
        "SLIT distance between two localities is 10 or less",
        "Distances between different localities must exceed 10. Linux: 'SLIT table looks invalid. Not used.'");

    public static readonly DiagnosticDescriptor Asymmetric = new("FP3204", Severity.Note,
        "SLIT matrix is not symmetric",
        "Distance i→j differs from j→i; allowed by ACPI, but unusual.");

    public static readonly DiagnosticDescriptor Unreachable = new("FP3205", Severity.Note,
        "SLIT marks localities unreachable",
        "An entry is 0xFF (no path between the localities).");

    public static readonly DiagnosticDescriptor FewerLocalitiesThanDomains = new("FP3206", Severity.Warning,
        "SLIT has fewer localities than SRAT has proximity domains",
        "Linux indexes SLIT by PXM; domains at or above the locality count get the default distance (20).");

    public static readonly DiagnosticDescriptor TrailingBytes = new("FP3207", Severity.Warning,
        "Bytes after the SLIT matrix",
        "The table is longer than 44 + count² bytes.");

    public static readonly DiagnosticDescriptor SlitNotUsed = new("FP3208", Severity.Warning,
        "Linux would not use this SLIT",
        "slit_valid() fails: 'SLIT table looks invalid. Not used.'; Linux uses 10 on the diagonal and 20 elsewhere.");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        MatrixTruncated, DiagonalNotLocal, OffDiagonalTooSmall, Asymmetric, Unreachable, FewerLocalitiesThanDomains,
        TrailingBytes, SlitNotUsed,
    ];
}
