namespace FirmwarePlanner.Diagnostics;

/// <summary>
/// The fixed facts about one diagnostic code: its ID (<c>FPnnnn</c>, never renumbered or reused), default
/// severity, a short title and what it means for the user. Each domain declares its descriptors as
/// <c>static readonly</c> fields of one <c>XxxDiagnostics</c> class and lists them in its <c>All</c> array;
/// <c>Checks.DiagnosticCatalog</c> gathers those lists (docs and tests read it).
/// </summary>
/// <remarks>
/// Blocks: FP1xxx EFI memory map, FP2xxx e820 / kernel-log text, FP3xxx ACPI framing, SRAT, SLIT,
/// FP4xxx memblock scripts, FP5xxx boot-path prediction, FP6xxx placement planning, FP7xxx check rules,
/// FP9xxx input handling.
/// </remarks>
public sealed record DiagnosticDescriptor(string Id, Severity DefaultSeverity, string Title, string Description)
{
    public Diagnostic At(SourceLocation location, string message) => new(Id, DefaultSeverity, location, message);

    public Diagnostic At(SourceLocation location, Severity severity, string message) => new(Id, severity, location, message);

    /// <summary>A finding whose message is formatted when read.</summary>
    public Diagnostic At(SourceLocation location, DeferredMessage message) => new(Id, DefaultSeverity, location, message);
}
