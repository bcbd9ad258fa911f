namespace FirmwarePlanner.Efi;

/// <summary>
/// <c>EFI_MEMORY_TYPE</c> (UEFI 2.11 §7.2). Open: values the spec does not define (OEM 0x70000000+, OS
/// 0x80000000+, or garbage) are kept as they are and printed as numbers.
/// </summary>
public enum EfiMemoryType : uint
{
    ReservedMemoryType = 0,
    LoaderCode = 1,
    LoaderData = 2,
    BootServicesCode = 3,
    BootServicesData = 4,
    RuntimeServicesCode = 5,
    RuntimeServicesData = 6,
    ConventionalMemory = 7,
    UnusableMemory = 8,
    AcpiReclaimMemory = 9,
    AcpiMemoryNvs = 10,
    MemoryMappedIO = 11,
    MemoryMappedIOPortSpace = 12,
    PalCode = 13,
    PersistentMemory = 14,
    UnacceptedMemoryType = 15,
}
