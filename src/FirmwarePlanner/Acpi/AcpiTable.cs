namespace FirmwarePlanner.Acpi;

/// <summary>
/// One ACPI table as found in an input: its bytes (exactly as supplied, possibly truncated or with trailing
/// bytes), its header when at least 36 bytes exist, and where it came from. <see cref="Source"/> names it in
/// diagnostics (<c>dump.txt#SRAT</c>, <c>dump.txt#SSDT[3]</c>); offsets in diagnostics are table-relative.
/// </summary>
public sealed record AcpiTable(
    string Signature,
    ReadOnlyMemory<byte> Bytes,
    AcpiTableHeader? Header,
    AcpiTableFormat Format,
    string Source,
    int Instance,
    ulong? Address,
    int? Line)
{
    /// <summary>Builds a table from bytes, reading the header when there is one (FACS and the RSDP have none).</summary>
    public static AcpiTable FromBytes(string signature, ReadOnlyMemory<byte> bytes, AcpiTableFormat format, string source,
        int instance = 0, ulong? address = null, int? line = null) =>
        new(signature, bytes, HasStandardHeader(signature) ? AcpiTableHeader.TryRead(bytes.Span) : null, format, source, instance, address, line);

    /// <summary>False for the FACS and the RSDP (acpidump's <c>RSD </c>), whose layouts do not start with the common header.</summary>
    public static bool HasStandardHeader(string signature) =>
        !string.Equals(signature, "FACS", StringComparison.Ordinal) && !signature.StartsWith("RSD", StringComparison.Ordinal);

    /// <summary>The bytes Linux would read: the declared length when it fits in what was supplied, else all supplied.</summary>
    public ReadOnlyMemory<byte> DeclaredBytes =>
        Header is { } h && h.Length >= AcpiTableHeaderLayout.Size && h.Length <= (uint)Bytes.Length ? Bytes[..(int)h.Length] : Bytes;

    public bool ChecksumValid => Header is not null && AcpiChecksum.Sum(DeclaredBytes.Span) == 0;
}
