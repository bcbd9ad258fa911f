using FirmwarePlanner.E820;
using FirmwarePlanner.Efi;

namespace FirmwarePlanner.Linux;

/// <summary>
/// What the x86 EFI stub hands the kernel as its e820 table (drivers/firmware/efi/libstub/x86-stub.c,
/// <c>setup_e820()</c>): one entry per descriptor by type, adjacent descriptors of the same e820 type merged
/// whatever their attributes, unknown types dropped. The first 128 entries go in boot_params, the rest in an
/// E820_EXT setup_data block that the kernel appends later (<c>extended physical RAM map:</c>).
/// </summary>
public static class EfiStubE820
{
    public const int ZeroPageEntries = 128;

    /// <param name="map">The EFI map as the stub saw it (the firmware's map).</param>
    /// <param name="softReserve">CONFIG_EFI_SOFT_RESERVE and no <c>efi=nosoftreserve</c>: EFI_MEMORY_SP RAM becomes soft reserved.</param>
    /// <param name="unacceptedMemory">CONFIG_UNACCEPTED_MEMORY: unaccepted memory is RAM (else it is dropped).</param>
    public static IReadOnlyList<E820Entry> Build(EfiMemoryMap map, bool softReserve, bool unacceptedMemory = true)
    {
        ArgumentNullException.ThrowIfNull(map);
        var result = new List<E820Entry>();
        foreach (var d in map.Descriptors)
        {
            var type = TypeOf(d, softReserve, unacceptedMemory);
            if (type is not { } t)
            {
                continue;
            }

            var size = unchecked(d.NumberOfPages << 12);
            if (result.Count > 0 && result[^1].Type == type && unchecked(result[^1].Start + result[^1].Size) == d.PhysicalStart)
            {
                result[^1] = result[^1] with { Size = unchecked(result[^1].Size + size) };
                continue;
            }

            result.Add(new E820Entry(d.PhysicalStart, size, t));
        }

        return result;
    }

    private static E820Type? TypeOf(EfiMemoryDescriptor d, bool softReserve, bool unacceptedMemory) => d.Type switch
    {
        EfiMemoryType.ReservedMemoryType or EfiMemoryType.RuntimeServicesCode or EfiMemoryType.RuntimeServicesData
            or EfiMemoryType.MemoryMappedIO or EfiMemoryType.MemoryMappedIOPortSpace or EfiMemoryType.PalCode => E820Type.Reserved,
        EfiMemoryType.UnusableMemory => E820Type.Unusable,
        EfiMemoryType.AcpiReclaimMemory => E820Type.Acpi,
        EfiMemoryType.LoaderCode or EfiMemoryType.LoaderData or EfiMemoryType.BootServicesCode
            or EfiMemoryType.BootServicesData or EfiMemoryType.ConventionalMemory =>
            softReserve && (d.Attribute & EfiMemoryAttribute.SP) != 0 ? E820Type.SoftReserved : E820Type.Ram,
        EfiMemoryType.AcpiMemoryNvs => E820Type.Nvs,
        EfiMemoryType.PersistentMemory => E820Type.Pmem,
        EfiMemoryType.UnacceptedMemoryType => unacceptedMemory ? E820Type.Ram : null,
        _ => null,
    };
}
