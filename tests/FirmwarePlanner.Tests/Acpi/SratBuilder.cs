using System.Buffers.Binary;
using FirmwarePlanner.Acpi;
using FirmwarePlanner.Acpi.Srat;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>Builds SRATs byte by byte for malformed-table tests; length and checksum are fixed up unless told not to.</summary>
internal sealed class SratBuilder
{
    private readonly List<byte> _body = [];

    public byte Revision { get; init; } = 3;

    /// <summary>Offset the next subtable will get.</summary>
    public int Next => SratLayout.Size + _body.Count;

    public SratBuilder Lapic(byte pxm, byte apicId, uint flags = 1, byte length = 16)
    {
        var b = new byte[16];
        b[0] = 0;
        b[1] = length;
        b[2] = pxm;
        b[3] = apicId;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), flags);
        _body.AddRange(b);
        return this;
    }

    public SratBuilder X2Apic(uint pxm, uint apicId, uint flags = 1, uint clock = 0, ushort reserved1 = 0, uint reserved2 = 0)
    {
        var b = new byte[24];
        b[0] = 2;
        b[1] = 24;
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), reserved1);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), pxm);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), apicId);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(12), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(16), clock);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(20), reserved2);
        _body.AddRange(b);
        return this;
    }

    public SratBuilder Memory(uint pxm, ulong baseAddress, ulong length, uint flags = 1, byte declaredLength = 40)
    {
        var b = new byte[40];
        b[0] = 1;
        b[1] = declaredLength;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(2), pxm);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(8), baseAddress);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(16), length);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(28), flags);
        _body.AddRange(b);
        return this;
    }

    public SratBuilder Raw(params byte[] bytes)
    {
        _body.AddRange(bytes);
        return this;
    }

    /// <summary>The table with a correct length and checksum; <paramref name="declaredLength"/> overrides the length field.</summary>
    public byte[] Build(uint? declaredLength = null, bool fixChecksum = true)
    {
        var t = new byte[SratLayout.Size + _body.Count];
        "SRAT"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(4), declaredLength ?? (uint)t.Length);
        t[8] = Revision;
        "FPTEST"u8.CopyTo(t.AsSpan(10));
        "MALFORMD"u8.CopyTo(t.AsSpan(16));
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(36), 1);
        _body.CopyTo(t, SratLayout.Size);
        if (fixChecksum)
        {
            t[9] = AcpiChecksum.Expected(t);
        }

        return t;
    }

    /// <summary>A small valid two-node table: two CPUs, two memory ranges.</summary>
    public static SratBuilder TwoNodes() => new SratBuilder()
        .Lapic(0, 0).Lapic(1, 1)
        .Memory(0, 0, 0x8000_0000)
        .Memory(1, 0x1_0000_0000, 0x8000_0000);
}
