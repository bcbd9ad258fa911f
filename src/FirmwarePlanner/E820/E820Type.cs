using System.Globalization;

namespace FirmwarePlanner.E820;

/// <summary>
/// An e820 entry type (arch/x86/include/asm/e820/types.h). Open: any 32-bit value is kept and printed as
/// <c>type %u</c>, as <c>e820_print_type()</c> does.
/// </summary>
public readonly record struct E820Type(uint Value)
{
    public static readonly E820Type Ram = new(1);
    public static readonly E820Type Reserved = new(2);
    public static readonly E820Type Acpi = new(3);
    public static readonly E820Type Nvs = new(4);
    public static readonly E820Type Unusable = new(5);
    public static readonly E820Type Pmem = new(7);
    public static readonly E820Type Pram = new(12);
    public static readonly E820Type ReservedKern = new(128);
    public static readonly E820Type SoftReserved = new(0xefffffff);

    public bool IsKnown => Value is 1 or 2 or 3 or 4 or 5 or 7 or 12 or 128 or 0xefffffff;

    /// <summary><c>e820_print_type()</c> (arch/x86/kernel/e820.c): the word after <c>BIOS-e820: [mem …]</c>.</summary>
    public string LogName => Value switch
    {
        1 or 128 => "usable",
        2 => "reserved",
        0xefffffff => "soft reserved",
        3 => "ACPI data",
        4 => "ACPI NVS",
        5 => "unusable",
        7 or 12 => string.Create(CultureInfo.InvariantCulture, $"persistent (type {Value})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"type {Value}"),
    };

    /// <summary>
    /// The 7.x <c>e820_print_type()</c> (Debian's linux-source-7.2, arch/x86/kernel/e820.c), which prints its own
    /// leading space: <c>System RAM</c>, <c>device reserved</c>, <c>persistent RAM (type N)</c>; the other names are
    /// <see cref="LogName"/>'s. E820_TYPE_RESERVED_KERN (128) is gone there and prints as <c>type 128</c>.
    /// </summary>
    public string SystemRamLogName => Value switch
    {
        1 => "System RAM",
        2 => "device reserved",
        7 or 12 => string.Create(CultureInfo.InvariantCulture, $"persistent RAM (type {Value})"),
        0xefffffff or 3 or 4 or 5 => LogName,
        _ => string.Create(CultureInfo.InvariantCulture, $"type {Value}"),
    };

    /// <summary>The name <c>e820_print_type()</c> prints: <see cref="SystemRamLogName"/> when <paramref name="systemRamNames"/>, else <see cref="LogName"/>.</summary>
    public string PrintName(bool systemRamNames) => systemRamNames ? SystemRamLogName : LogName;

    /// <summary><c>e820_type_to_string()</c>: the name in <c>/sys/firmware/memmap/N/type</c> and <c>/proc/iomem</c>.</summary>
    public string ResourceName => Value switch
    {
        1 or 128 => "System RAM",
        3 => "ACPI Tables",
        4 => "ACPI Non-volatile Storage",
        5 => "Unusable memory",
        12 => "Persistent Memory (legacy)",
        7 => "Persistent Memory",
        2 => "Reserved",
        0xefffffff => "Soft Reserved",
        _ => "Unknown E820 type",
    };

    public override string ToString() => LogName;

    /// <summary>
    /// Inverts <see cref="LogName"/> (also the pre-3.6 spelling inside parentheses, already stripped) and the 7.x
    /// <c>e820_print_type()</c> names: <c>System RAM</c>, <c>device reserved</c>, <c>persistent RAM (type N)</c>.
    /// </summary>
    public static bool TryParseLogName(string text, out E820Type type)
    {
        ArgumentNullException.ThrowIfNull(text);
        type = text switch
        {
            "usable" or "System RAM" => Ram,
            "reserved" or "device reserved" => Reserved,
            "soft reserved" => SoftReserved,
            "ACPI data" => Acpi,
            "ACPI NVS" => Nvs,
            "unusable" => Unusable,
            _ => default,
        };
        if (type.Value != 0)
        {
            return true;
        }

        foreach (var prefix in (string[])["persistent (type ", "persistent RAM (type ", "type "])
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                var number = text[prefix.Length..].TrimEnd(')');
                if (uint.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                {
                    type = new E820Type(v);
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Inverts <see cref="ResourceName"/>; <c>Unknown E820 type</c> has no number and does not parse.</summary>
    public static bool TryParseResourceName(string text, out E820Type type)
    {
        foreach (var candidate in (E820Type[])[Ram, Acpi, Nvs, Unusable, Pram, Pmem, Reserved, SoftReserved])
        {
            if (string.Equals(candidate.ResourceName, text, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
