namespace FirmwarePlanner.Binary;

/// <summary>How a field of a binary record is read.</summary>
public enum FieldKind
{
    /// <summary>Unsigned little-endian integer of the field's length (1, 2, 4 or 8 bytes).</summary>
    LittleEndian,

    /// <summary>Bytes the spec reserves or pads with; read only to show them.</summary>
    Reserved,

    /// <summary>Opaque bytes (signatures, identifiers).</summary>
    Bytes,
}

/// <summary>One field of a binary record layout: its spec name, offset and length within the record.</summary>
public sealed record FieldSpec(string Name, int Offset, int Length, FieldKind Kind);
