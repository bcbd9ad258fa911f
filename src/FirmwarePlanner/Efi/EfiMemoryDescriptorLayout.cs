using FirmwarePlanner.Binary;

namespace FirmwarePlanner.Efi;

/// <summary>
/// <c>EFI_MEMORY_DESCRIPTOR</c>, version 1 (UEFI 2.11 §7.2.3, Linux <c>efi_memory_desc_t</c>): the fields a
/// reader takes from each stride of a <c>GetMemoryMap()</c> buffer. Firmware strides by its own
/// <c>DescriptorSize</c> (48 on OVMF and most machines); bytes past <see cref="Size"/> are not decoded.
/// </summary>
public static class EfiMemoryDescriptorLayout
{
    public const int Type = 0;
    public const int Pad = Type + 4;
    public const int PhysicalStart = Pad + 4;
    public const int VirtualStart = PhysicalStart + 8;
    public const int NumberOfPages = VirtualStart + 8;
    public const int Attribute = NumberOfPages + 8;

    /// <summary>The spec size of one descriptor: the smallest <c>DescriptorSize</c> that can hold it.</summary>
    public const int Size = Attribute + 8;

    /// <summary>The only descriptor version UEFI has defined (<c>EFI_MEMORY_DESCRIPTOR_VERSION</c>).</summary>
    public const uint Version = 1;

    public static IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new(nameof(Type), Type, 4, FieldKind.Number),
        new(nameof(Pad), Pad, 4, FieldKind.Reserved),
        new(nameof(PhysicalStart), PhysicalStart, 8, FieldKind.Number),
        new(nameof(VirtualStart), VirtualStart, 8, FieldKind.Number),
        new(nameof(NumberOfPages), NumberOfPages, 8, FieldKind.Number),
        new(nameof(Attribute), Attribute, 8, FieldKind.Number),
    ];
}
