using System.Collections.Immutable;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Acpi.Input;

/// <summary>The kind of ACPI input a document was recognised as.</summary>
public enum AcpiInputKind
{
    None,
    BinaryTable,
    AcpiDumpText,
    IaslDisassembly,
}

/// <summary>Every table found in one input, in input order, plus the reading diagnostics.</summary>
public sealed record AcpiTableSet(string Source, AcpiInputKind Kind, ImmutableArray<AcpiTable> Tables, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Tables with <paramref name="signature"/>, in input order.</summary>
    public IEnumerable<AcpiTable> WithSignature(string signature) =>
        Tables.Where(t => string.Equals(t.Signature, signature, StringComparison.Ordinal));
}
