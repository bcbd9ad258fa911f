using System.Collections.Immutable;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Acpi.Srat;

/// <summary>A (possibly partial) SRAT plus every diagnostic found while framing, walking and validating it.</summary>
public sealed record SratParseResult(SratTable? Table, ImmutableArray<Diagnostic> Diagnostics);
