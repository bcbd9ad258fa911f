using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Planning;

/// <summary>Diagnostics of the placement planner (block FP6xxx): profile files, command-line sizes, plan findings.</summary>
public static class PlanningDiagnostics
{
    public static readonly DiagnosticDescriptor ProfileNotJson = new(
        "FP6001", Severity.Error, "Profile is not valid JSON", "The profile file could not be read as JSON; nothing in it is used.");

    public static readonly DiagnosticDescriptor ProfileUnknownKey = new(
        "FP6002", Severity.Error, "Unknown profile key", "A key the profile format does not define (a typo would otherwise be ignored silently).");

    public static readonly DiagnosticDescriptor ProfileBadValue = new(
        "FP6003", Severity.Error, "Profile value of the wrong kind", "A profile value is not of the kind its key needs (size, number, boolean, string).");

    public static readonly DiagnosticDescriptor ProfileImpossibleSize = new(
        "FP6004", Severity.Error, "Impossible size in profile", "A size or alignment no kernel could have: zero where a size is needed, an alignment that is not a power of two, or more than 2^52 bytes.");

    public static readonly DiagnosticDescriptor ProfileUnknownItem = new(
        "FP6005", Severity.Error, "Unknown early-allocation item", "The profile overrides an item the model does not have; `fwplan plan --format json` lists the item ids.");

    public static readonly DiagnosticDescriptor ProfileBadSchema = new(
        "FP6006", Severity.Error, "Unsupported profile schema version", "The profile's schemaVersion is not one this version of fwplan reads.");

    public static readonly DiagnosticDescriptor BadCritical = new(
        "FP6010", Severity.Error, "Unusable --critical declaration", "A high-priority workload must be written NAME=SIZE@NODE, for example db=64G@0.");

    public static readonly DiagnosticDescriptor BadCommandLineSize = new(
        "FP6011", Severity.Warning, "Kernel command-line size not understood", "A size on the kernel command line that the planner could not read; the option is ignored as the kernel would.");

    public static readonly DiagnosticDescriptor AllocationFailed = new(
        "FP6020", Severity.Warning, "Early allocation would fail", "memblock found no memory for an early allocation; the kernel would panic or run without that feature.");

    public static readonly DiagnosticDescriptor SpillToUnmirrored = new(
        "FP6021", Severity.Warning, "Early kernel memory outside mirror", "Part of the early kernel memory lands in non-mirrored memory under this policy.");

    public static readonly DiagnosticDescriptor NoMirror = new(
        "FP6022", Severity.Note, "No mirrored memory", "The machine has no EFI_MEMORY_MORE_RELIABLE RAM; every early allocation is unmirrored.");

    public static readonly DiagnosticDescriptor PartialArm64Model = new(
        "FP6023", Severity.Note, "arm64 early allocations partly modelled",
        "For arm64 the planner models the image, the initrd, the linear-map page tables, NODE_DATA, sparse_init, CMA, the per-CPU first chunk, the log buffer and swiotlb; the crash kernel, gigantic pages, the early hashes and small bookkeeping allocations are not modelled, so the early need is a lower bound.");

    public static readonly DiagnosticDescriptor NotABootLog = new(
        "FP6030", Severity.Error, "Not a boot log", "fwplan profile was given a file with no Linux version banner and no line that shows a build fact.");

    public static readonly DiagnosticDescriptor LogsOfDifferentBuilds = new(
        "FP6031", Severity.Error, "Logs of different kernel builds", "fwplan profile learns one build: every log must carry the same Linux version banner.");

    public static readonly DiagnosticDescriptor FactDiffersBetweenLogs = new(
        "FP6032", Severity.Warning, "Build fact differs between logs", "Two logs of one build show different values for a fact; the first log's value is kept.");

    public static readonly DiagnosticDescriptor ImplausibleFact = new(
        "FP6033", Severity.Warning, "Implausible build fact in a log", "A line shows a value no profile can hold (zero, or past 2^52); the fact keeps its built-in value.");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        ProfileNotJson, ProfileUnknownKey, ProfileBadValue, ProfileImpossibleSize, ProfileUnknownItem, ProfileBadSchema,
        BadCritical, BadCommandLineSize, AllocationFailed, SpillToUnmirrored, NoMirror, PartialArm64Model,
        NotABootLog, LogsOfDifferentBuilds, FactDiffersBetweenLogs, ImplausibleFact,
    ];
}
