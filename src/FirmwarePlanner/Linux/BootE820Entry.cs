using FirmwarePlanner.E820;

namespace FirmwarePlanner.Linux;

/// <summary>One entry of the kernel's working e820 table: start, size and type (size 0 allowed, as the kernel keeps them).</summary>
public sealed record BootE820Entry(ulong Start, ulong Size, E820Type Type)
{
    public ulong End => Start + Size;

    /// <summary>A line of <c>e820__print_table(who)</c>: <c>who: [mem 0x…-0x…] type</c>.</summary>
    public string Render(string who) =>
        who + ": [mem " + Text.KernelFormat.Hash018(Start) + "-" + Text.KernelFormat.Hash018(Start + Size - 1) + "] " + Type.LogName;
}
