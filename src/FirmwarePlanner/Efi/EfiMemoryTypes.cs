namespace FirmwarePlanner.Efi;

/// <summary>
/// Names of <see cref="EfiMemoryType"/> values as each printer spells them, and the groups Linux treats alike.
/// Values 16 and above are not defined by UEFI 2.11 (0x70000000..0x7fffffff OEM, 0x80000000.. OS loader);
/// they stay numbers.
/// </summary>
public static class EfiMemoryTypes
{
    /// <summary>Number of types UEFI defines (0..15); Linux prints <c>[type=%u</c> for any value at or above it.</summary>
    public const uint DefinedCount = 16;

    /// <summary>First value of the OEM-reserved range.</summary>
    public const uint OemFirst = 0x70000000;

    /// <summary>First value of the OS-loader range.</summary>
    public const uint OsFirst = 0x80000000;

    // drivers/firmware/efi/efi.c memory_type_name[][13] (5.9 and later, 12 characters at most).
    private static readonly string[] Linux12 =
    [
        "Reserved", "Loader Code", "Loader Data", "Boot Code", "Boot Data", "Runtime Code", "Runtime Data",
        "Conventional", "Unusable", "ACPI Reclaim", "ACPI Mem NVS", "MMIO", "MMIO Port", "PAL Code", "Persistent",
        "Unaccepted",
    ];

    // The same table before 5.9 (names up to 19 characters, printed with "[%-19s" / "[%-*s").
    private static readonly string[] LinuxLong =
    [
        "Reserved", "Loader Code", "Loader Data", "Boot Code", "Boot Data", "Runtime Code", "Runtime Data",
        "Conventional Memory", "Unusable Memory", "ACPI Reclaim Memory", "ACPI Memory NVS", "Memory Mapped I/O",
        "MMIO Port Space", "PAL Code", "Persistent Memory", "Unaccepted Memory",
    ];

    // EDK2 ShellPkg MemMap.c short names (the `memmap` command's Type column).
    private static readonly string[] Edk2Shell =
    [
        "Reserved", "LoaderCode", "LoaderData", "BS_Code", "BS_Data", "RT_Code", "RT_Data", "Available",
        "Unusable", "ACPI_Recl", "ACPI_NVS", "MMIO", "MMIO_Port", "PalCode", "Persistent", "Unaccepted",
    ];

    public static bool IsDefined(EfiMemoryType type) => (uint)type < DefinedCount;

    /// <summary>The name the 6.12 / 7.x kernel prints (12 characters at most), or null for undefined values.</summary>
    public static string? LinuxName(EfiMemoryType type) => IsDefined(type) ? Linux12[(uint)type] : null;

    /// <summary>A display name: the Linux name, or <c>type=0x…</c> for undefined values (with OEM/OS range noted).</summary>
    public static string DisplayName(EfiMemoryType type) =>
        LinuxName(type) ?? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"type=0x{(uint)type:x}") +
        ((uint)type >= OsFirst ? " (OS)" : (uint)type >= OemFirst ? " (OEM)" : string.Empty);

    /// <summary>Looks up a name printed by any Linux version (padding already trimmed); ordinal.</summary>
    public static bool TryParseLinuxName(ReadOnlySpan<char> name, out EfiMemoryType type) =>
        TryFind(Linux12, name, StringComparison.Ordinal, out type) || TryFind(LinuxLong, name, StringComparison.Ordinal, out type);

    /// <summary>Looks up an EDK2 shell short name or a spec name (<c>EfiConventionalMemory</c>), case-insensitively.</summary>
    public static bool TryParseShellName(ReadOnlySpan<char> name, out EfiMemoryType type)
    {
        if (TryFind(Edk2Shell, name, StringComparison.OrdinalIgnoreCase, out type))
        {
            return true;
        }

        var bare = name.StartsWith("Efi", StringComparison.OrdinalIgnoreCase) ? name[3..] : name;
        foreach (var value in Enum.GetValues<EfiMemoryType>())
        {
            if (bare.Equals(value.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                type = value;
                return true;
            }
        }

        return TryFind(Linux12, name, StringComparison.OrdinalIgnoreCase, out type) ||
            TryFind(LinuxLong, name, StringComparison.OrdinalIgnoreCase, out type);
    }

    /// <summary>
    /// Types the x86 EFI stub turns into E820 RAM (<c>setup_e820()</c>: loader, boot services, conventional) —
    /// the only ones where <c>MORE_RELIABLE</c> can end up on memblock memory. Unaccepted memory is RAM too.
    /// </summary>
    public static bool IsUsableRam(EfiMemoryType type) => type is EfiMemoryType.LoaderCode or EfiMemoryType.LoaderData
        or EfiMemoryType.BootServicesCode or EfiMemoryType.BootServicesData or EfiMemoryType.ConventionalMemory
        or EfiMemoryType.UnacceptedMemoryType;

    private static bool TryFind(string[] names, ReadOnlySpan<char> name, StringComparison comparison, out EfiMemoryType type)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (name.Equals(names[i], comparison))
            {
                type = (EfiMemoryType)i;
                return true;
            }
        }

        type = default;
        return false;
    }
}
