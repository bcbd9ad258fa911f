using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.E820;

/// <summary>
/// One e820 entry: start, size and type, as the kernel's <c>struct e820_entry</c> holds it (size 0 allowed, as the
/// kernel keeps such entries). A table read from a document also says where each entry stood (<see cref="Index"/>,
/// <see cref="Location"/>); entries the model makes have neither.
/// </summary>
public sealed record E820Entry(ulong Start, ulong Size, E820Type Type)
{
    /// <summary>Position in the table it was read from (0 for entries the model makes).</summary>
    public int Index { get; init; }

    /// <summary>Where the entry was read; <c>model</c> for entries the model makes.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.Whole("model");

    /// <summary>First address after the entry (wraps when the entry runs past 2^64; the kernel's code skips those).</summary>
    public ulong End => unchecked(Start + Size);

    /// <summary>The half-open range; readers only make entries that fit below 2^64.</summary>
    public AddressRange Range => new(Start, End);

    /// <summary>
    /// A line of <c>e820__print_table(who)</c>: <c>who: [mem 0x…-0x…] type</c>; with <paramref name="systemRamNames"/>
    /// the 7.x form, <c>"%s: [mem %#018Lx-%#018Lx] "</c> followed by <c>e820_print_type()</c>'s own space and name.
    /// </summary>
    public string Render(string who, bool systemRamNames = false) =>
        who + ": [mem " + Text.KernelFormat.Hash018(Start) + "-" + Text.KernelFormat.Hash018(Start + Size - 1) + "] "
        + (systemRamNames ? " " : string.Empty) + Type.PrintName(systemRamNames);
}

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
