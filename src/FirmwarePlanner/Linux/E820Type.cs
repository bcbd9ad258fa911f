namespace FirmwarePlanner.Linux;

/// <summary>x86 <c>enum e820_type</c> (arch/x86/include/asm/e820/types.h).</summary>
public enum E820Type : uint
{
    Ram = 1,
    Reserved = 2,
    Acpi = 3,
    Nvs = 4,
    Unusable = 5,
    Pmem = 7,
    Pram = 12,
    SoftReserved = 0xefffffff,

    /// <summary>E820_RESERVED_KERN (128): RAM the kernel keeps (setup_data), printed as "usable".</summary>
    ReservedKern = 128,
}

/// <summary>One e820 entry: start, size and type (a size of 0 is allowed as the kernel keeps them).</summary>
public sealed record E820Entry(ulong Start, ulong Size, E820Type Type)
{
    public ulong End => Start + Size;

    /// <summary><c>e820_print_type()</c>.</summary>
    public static string TypeName(E820Type type) => type switch
    {
        E820Type.Ram or E820Type.ReservedKern => "usable",
        E820Type.Reserved => "reserved",
        E820Type.SoftReserved => "soft reserved",
        E820Type.Acpi => "ACPI data",
        E820Type.Nvs => "ACPI NVS",
        E820Type.Unusable => "unusable",
        E820Type.Pmem or E820Type.Pram => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"persistent (type {(uint)type})"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"type {(uint)type}"),
    };

    /// <summary>A line of <c>e820__print_table(who)</c>: <c>who: [mem 0x…-0x…] type</c>.</summary>
    public string Render(string who) =>
        who + ": [mem " + Text.KernelFormat.Hash018(Start) + "-" + Text.KernelFormat.Hash018(Start + Size - 1) + "] " + TypeName(Type);
}
