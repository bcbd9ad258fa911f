using System.Runtime.InteropServices;

namespace FirmwarePlanner.Acpi.Srat;

/// <summary>
/// Where Linux's walk found one subtable: its absolute <see cref="Offset"/> in the table and the two bytes of its
/// header, <see cref="Type"/> and <see cref="Length"/> (ACPI 6.5 §5.2.16: every SRAT structure starts with them).
/// Six bytes, packed (a table can hold tens of thousands); the fields are read from the table when the subtable is decoded.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 2)]
public readonly record struct SratSubtableHeader(int Offset, byte Type, byte Length);
