using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Memblock;

/// <summary>FP4xxx: memblock operation scripts (<c>fixtures/memblock/FORMAT.txt</c>) and their simulation.</summary>
public static class MemblockDiagnostics
{
    public static readonly DiagnosticDescriptor UnknownOperation = new("FP4001", Severity.Error,
        "Unknown memblock operation", "The first word of a script line is not an operation of the script language.");

    public static readonly DiagnosticDescriptor WrongArgumentCount = new("FP4002", Severity.Error,
        "Wrong number of arguments", "The operation takes a different number of arguments.");

    public static readonly DiagnosticDescriptor BadNumber = new("FP4003", Severity.Error,
        "Bad number", "An argument is not a number (decimal, 0x-hex, optional K/M/G/T/P/E suffix) or a named value, or it overflows 64 bits.");

    public static readonly DiagnosticDescriptor BadNid = new("FP4004", Severity.Error,
        "Bad node id", "A node id is not an integer, any, none, NUMA_NO_NODE or MAX_NUMNODES.");

    public static readonly DiagnosticDescriptor BadFlags = new("FP4005", Severity.Error,
        "Bad memblock flags", "Flags are a number or names joined by '|' (NONE HOTPLUG MIRROR NOMAP DRIVER_MANAGED RSRV_NOINIT RSRV_KERN KHO_SCRATCH).");

    public static readonly DiagnosticDescriptor NotInKernel = new("FP4006", Severity.Error,
        "Not in this kernel", "The operation or flag exists only in Linux 7.x memblock; run with --kernel 7.2.");

    public static readonly DiagnosticDescriptor BadKeyword = new("FP4007", Severity.Error,
        "Bad keyword", "An argument that must be a fixed word (exact, reserved, 0 or 1) is something else.");

    public static readonly DiagnosticDescriptor KernelPanicked = new("FP4020", Severity.Warning,
        "Simulated kernel panic", "memblock called panic() (for example a full region array without memblock_allow_resize()); the script stopped there.");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        [UnknownOperation, WrongArgumentCount, BadNumber, BadNid, BadFlags, NotInKernel, BadKeyword, KernelPanicked];
}
