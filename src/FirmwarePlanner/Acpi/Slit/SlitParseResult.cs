using System.Collections.Immutable;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Acpi.Slit;

/// <summary>A (possibly partial) SLIT plus its diagnostics.</summary>
public sealed record SlitParseResult(SlitTable? Table, ImmutableArray<Diagnostic> Diagnostics);
