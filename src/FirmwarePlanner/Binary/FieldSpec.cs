namespace FirmwarePlanner.Binary;

/// <summary>How a field's bytes are read and shown: layouts drive both decoding and iasl-style dumps.</summary>
public enum FieldKind
{
    /// <summary>Unsigned little-endian integer of the field's length (1, 2, 4 or 8 bytes).</summary>
    Number,

    /// <summary>Fixed-width ASCII text (signature, OEM ids).</summary>
    Ascii,

    /// <summary>A flags word; its bits are decoded on the lines below it.</summary>
    Flags,

    /// <summary>Opaque bytes shown in hex (identifiers, device handles).</summary>
    Bytes,

    /// <summary>Bytes the spec reserves or pads with; must be zero, read only to show them.</summary>
    Reserved,
}

/// <summary>One field of a binary record layout: its spec name, offset and length within the record.</summary>
public sealed record FieldSpec(string Name, int Offset, int Length, FieldKind Kind)
{
    /// <summary>First byte after the field.</summary>
    public int End => Offset + Length;
}
