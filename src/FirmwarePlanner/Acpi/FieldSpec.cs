namespace FirmwarePlanner.Acpi;

/// <summary>How a field's bytes are shown and compared: the layouts drive both decoding and iasl-style dumps.</summary>
public enum FieldKind
{
    /// <summary>Little-endian unsigned integer of the field's length.</summary>
    Number,

    /// <summary>Fixed-width ASCII text (signature, OEM ids).</summary>
    Ascii,

    /// <summary>A flags word; its bits are decoded on the lines below it.</summary>
    Flags,

    /// <summary>Raw bytes shown in hex (device handles).</summary>
    Bytes,

    /// <summary>Reserved: must be zero.</summary>
    Reserved,
}

/// <summary>One field of a binary record: name as iasl prints it, offset and length within the record.</summary>
public sealed record FieldSpec(string Name, int Offset, int Length, FieldKind Kind)
{
    /// <summary>First byte after the field.</summary>
    public int End => Offset + Length;
}
