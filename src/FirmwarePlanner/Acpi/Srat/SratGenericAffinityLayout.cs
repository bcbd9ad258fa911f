using FirmwarePlanner.Binary;
namespace FirmwarePlanner.Acpi.Srat;

/// <summary>
/// Types 5 and 6, <c>struct acpi_srat_generic_affinity</c> (Generic Initiator Affinity, ACPI 6.3; Generic Port
/// Affinity, ACPI 6.4), 32 bytes.
/// </summary>
public static class SratGenericAffinityLayout
{
    public const int Reserved1 = SratSubtableHeaderLayout.Size;
    public const int DeviceHandleType = Reserved1 + 1;
    public const int ProximityDomain = DeviceHandleType + 1;
    public const int DeviceHandle = ProximityDomain + 4;
    public const int Flags = DeviceHandle + 16;
    public const int Reserved2 = Flags + 4;
    public const int Size = Reserved2 + 4;

    public static IReadOnlyList<FieldSpec> Fields { get; } =
    [
        .. SratSubtableHeaderLayout.Fields,
        new("Reserved1", Reserved1, 1, FieldKind.Reserved),
        new("Device Handle Type", DeviceHandleType, 1, FieldKind.Number),
        new("Proximity Domain", ProximityDomain, 4, FieldKind.Number),
        new("Device Handle", DeviceHandle, 16, FieldKind.Bytes),
        new("Flags", Flags, 4, FieldKind.Flags),
        new("Reserved2", Reserved2, 4, FieldKind.Reserved),
    ];
}
