namespace FirmwarePlanner.Verification;

/// <summary>One line a boot recorded: its 1-based line number in its document and its text (collector prefix removed).</summary>
public sealed record ObservedLine(int Line, string Text);

/// <summary>A document the boot left behind, as numbered lines.</summary>
public sealed record ObservedDocument(string Name, IReadOnlyList<ObservedLine> Lines);

/// <summary>
/// What one boot recorded, besides the firmware tables it started from: the kernel log of that boot (from its
/// <c>Linux version</c> banner on; the last boot of a journal), debugfs <c>memblock/memory</c> and <c>memblock/reserved</c>,
/// <c>/proc/zoneinfo</c> and the node states of <c>/sys/devices/system/node</c>. Each is null when the inputs lack it.
/// </summary>
public sealed record ObservedBoot(
    ObservedDocument? KernelLog,
    ObservedDocument? DebugfsMemory,
    ObservedDocument? DebugfsReserved,
    ObservedDocument? Zoneinfo,
    ObservedDocument? NodeStates);
