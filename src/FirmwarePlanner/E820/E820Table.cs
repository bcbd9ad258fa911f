using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.E820;

/// <summary>One e820 entry as read: half-open range, type, position in its table and where it came from.</summary>
public sealed record E820Entry(int Index, AddressRange Range, E820Type Type, SourceLocation Location);

/// <summary>Where an e820 table was read from.</summary>
public enum E820Form
{
    /// <summary><c>e820__print_table(who)</c> lines of a kernel log: <c>BIOS-e820: [mem …] usable</c>.</summary>
    KernelLog,

    /// <summary>The pre-3.6 log form <c>BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)</c>.</summary>
    KernelLogLegacy,

    /// <summary><c>/sys/firmware/memmap/N/{start,end,type}</c> (the firmware table kept for kexec).</summary>
    SysfsFirmwareMemmap,
}

/// <summary>
/// An e820 table. <paramref name="Who"/> is the label the kernel printed (<c>BIOS-e820</c>, <c>user</c>,
/// <c>reserve setup_data</c>, <c>extended</c>, <c>modified</c>), or <c>firmware-memmap</c> for sysfs.
/// </summary>
public sealed record E820Table(string Source, E820Form Form, string Who, IReadOnlyList<E820Entry> Entries, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True for the table firmware handed to the kernel (as opposed to one the kernel edited or a user gave).</summary>
    public bool IsFirmwareTable => Who.EndsWith("e820", StringComparison.Ordinal) || Who.StartsWith("BIOS-", StringComparison.Ordinal) ||
        Form == E820Form.SysfsFirmwareMemmap;
}
