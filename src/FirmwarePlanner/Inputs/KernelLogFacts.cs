using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Inputs;

/// <summary>
/// What a kernel log says about the kernel that printed it, beyond memory maps: the <c>Linux version</c> banner
/// (<c>init/version.c</c>, printed first by <c>start_kernel()</c>) and the zone names of the first <c>Zone ranges:</c>
/// block (<c>mm/mm_init.c</c> prints one line per zone the build has, so a <c>Device</c> line means CONFIG_ZONE_DEVICE),
/// and the architecture when a line only one architecture prints is there: arm64's <c>smp_setup_processor_id()</c>
/// (arch/arm64/kernel/setup.c) <c>"Booting Linux on physical CPU 0x%010lx [0x%08x]"</c> (32-bit arm prints the same
/// words without the bracketed MIDR).
/// </summary>
public static partial class KernelLogFacts
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^Booting Linux on physical CPU 0x[0-9a-f]{10} \[0x[0-9a-f]{8}\]\s*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Arm64BootCpu();

    /// <summary>Kernel messages read besides the map and e820 lines: the banner, SRAT and NUMA lines, the zone list.</summary>
    private static readonly string[] MessagePrefixes = ["Linux version ", "ACPI: SRAT: ", "SRAT: ", "NUMA: ", "Zone ranges:"];

    /// <summary>True for a kernel message this reader or the SRAT reader uses (to tell a log from a document that quotes one).</summary>
    public static bool IsKernelMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var p in MessagePrefixes)
        {
            if (message.StartsWith(p, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the banner and the first zone list of one log's messages into the builder.</summary>
    public static void Read(IReadOnlyList<string> messages, string source, MachineBuilder into)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(into);
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].StartsWith("Linux version ", StringComparison.Ordinal))
            {
                into.KernelBanners.Add(new LoggedKernelBanner(messages[i].TrimEnd(), SourceLocation.AtLine(source, i + 1)));
                break;
            }
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (Arm64BootCpu().IsMatch(messages[i]))
            {
                into.LoggedArchs.Add(new LoggedBootArch(Kernel.BootArch.Arm64, messages[i].TrimEnd(), SourceLocation.AtLine(source, i + 1)));
                break;
            }
        }

        var zones = ZoneNames(messages);
        if (zones is not null)
        {
            into.LoggedZoneNames.Add(zones);
        }

        var tables = TableSignatures(messages);
        if (tables.Count > 0)
        {
            into.LoggedAcpiTables.Add((tables, source));
        }
    }

    /// <summary>
    /// The signatures of the ACPI tables the kernel found, from the header lines <c>acpi_tb_print_table_header()</c>
    /// prints at boot (<c>ACPI: SRAT 0x000000007F775000 000118 (v01 …)</c>): which tables the firmware has, so a log
    /// that lists no SRAT says the machine has none.
    /// </summary>
    public static IReadOnlyList<string> TableSignatures(IReadOnlyList<string> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var found = new List<string>();
        foreach (var m in messages)
        {
            if (TableHeader().Match(m) is { Success: true } t && !found.Contains(t.Groups[1].Value, StringComparer.Ordinal))
            {
                found.Add(t.Groups[1].Value);
            }
        }

        return found;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^ACPI: ([A-Z0-9_]{4}) 0x[0-9A-Fa-f]{8,16} [0-9A-Fa-f]{6} ")]
    private static partial System.Text.RegularExpressions.Regex TableHeader();

    /// <summary>The zone names under the first <c>Zone ranges:</c> (lines <c>  Name     [mem …]</c> or <c>  Name     empty</c>).</summary>
    public static IReadOnlyList<string>? ZoneNames(IReadOnlyList<string> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        for (var i = 0; i < messages.Count; i++)
        {
            if (!messages[i].StartsWith("Zone ranges:", StringComparison.Ordinal))
            {
                continue;
            }

            var names = new List<string>();
            for (var j = i + 1; j < messages.Count; j++)
            {
                var parts = messages[j].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2 || !(parts[1] == "empty" || parts[1].StartsWith("[mem", StringComparison.Ordinal)))
                {
                    break;
                }

                names.Add(parts[0]);
            }

            return names.Count > 0 ? names : null;
        }

        return null;
    }
}
