using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Checks;

/// <summary>
/// The catalogue of check rules (FP7xxx). IDs are stable: never renumbered, never reused. <c>docs/rules.md</c>
/// is generated from this list (and from <see cref="DiagnosticCatalog"/> for the readers' diagnostics, which
/// become findings under their own IDs: SRAT defects that make Linux drop NUMA, such as cross-node overlap FP3114 and
/// SRAT not used FP3123, are reported by the SRAT reader).
/// </summary>
public static class CheckRules
{
    public static readonly CheckRule KernelcoreMirrorWithoutMirror = new(
        "FP7001", "kernelcore=mirror without mirrored memory", Severity.Error,
        "The command line asks for `kernelcore=mirror` but no RAM descriptor of the EFI memory map carries EFI_MEMORY_MORE_RELIABLE.",
        "Linux 6.6 and later ignore the option and print a message; older kernels turned all RAM above 4 GiB into ZONE_MOVABLE and left ZONE_NORMAL empty.",
        "The system has no mirror memory, ignore kernelcore=mirror.",
        CheckInput.EfiMap | CheckInput.CommandLine);

    public static readonly CheckRule NodeWithoutMirrorUnderKernelcore = new(
        "FP7002", "node without mirror under kernelcore=mirror", Severity.Error,
        "With `kernelcore=mirror`, a NUMA node has RAM but none of it is mirrored.",
        "All of that node's RAM above 4 GiB becomes ZONE_MOVABLE, so the node has no kernel zone there: its kernel allocations, from the early ones (struct pages, per-CPU areas) on, come from other nodes or from unmirrored memory.",
        "Could not allocate %pap bytes of mirrored memory",
        CheckInput.EfiMap | CheckInput.Srat | CheckInput.CommandLine);

    public static readonly CheckRule NodeWithoutMirror = new(
        "FP7003", "node with RAM but no mirror", Severity.Warning,
        "Some RAM is mirrored, but a NUMA node with RAM has none (the command line does not ask for `kernelcore=mirror`).",
        "memblock tries mirrored memory first for every early allocation; the node's own allocations (struct pages, NODE_DATA) fall back to unmirrored memory or to another node's mirror.",
        "Could not allocate %pap bytes of mirrored memory",
        CheckInput.EfiMap | CheckInput.Srat);

    public static readonly CheckRule MirrorBelowEarlyNeed = new(
        "FP7004", "node mirror below its early kernel need", Severity.Error,
        "With `kernelcore=mirror` and some mirror present, a node's mirrored RAM is smaller than the early kernel allocations the `linux` placement plan (`fwplan plan`) makes for it (kernel image, struct pages, per-CPU areas, NODE_DATA, page tables, swiotlb, crashkernel), or the plan spills some of them out of mirror after the node's mirror ran out. Spill forced by address limits while mirror is left (below 1 MiB or 4 GiB) is FP7005's. Without SRAT the plan has one node, as Linux fakes it. Without `kernelcore=mirror` memblock does not allocate mirror-first, so there is no mirror to fall short of (FP7003 covers a node without mirror).",
        "What does not fit is allocated from unmirrored memory: an uncorrectable error there takes the kernel down, which is what mirroring was bought to prevent.",
        "Could not allocate %pap bytes of mirrored memory",
        CheckInput.EfiMap | CheckInput.Plan);

    public static readonly CheckRule UnmirroredBelow4G = new(
        "FP7005", "unmirrored RAM below 4 GiB with kernelcore=mirror", Severity.Warning,
        "With `kernelcore=mirror` and some mirror present, RAM below 4 GiB that is not mirrored.",
        "Memory below 4 GiB always stays in the kernel zones (DMA, DMA32), so kernel data lands in unmirrored memory there; firmware can mirror it (\"Mirror below 4GB\").",
        "This configuration results in unmirrored kernel memory.",
        CheckInput.EfiMap | CheckInput.CommandLine);

    public static readonly CheckRule MirrorNotProportional = new(
        "FP7006", "mirror far from proportional to node RAM", Severity.Warning,
        "A node's share of mirrored RAM differs from the machine's mirrored share by more than the tolerance (`thresholds.mirrorProportionTolerance`, default 0.5 = ±50 %).",
        "Intel's Address Range Mirroring interface requires firmware to spread mirrored memory approximately in proportion to each node's RAM; a node with too little runs out of mirror for its own early allocations.",
        null,
        CheckInput.EfiMap | CheckInput.Srat);

    public static readonly CheckRule MirrorOnNonRam = new(
        "FP7007", "MORE_RELIABLE on memory that is not RAM", Severity.Warning,
        "EFI_MEMORY_MORE_RELIABLE on a descriptor whose type Linux does not use as RAM (reserved, unusable, MMIO, persistent, PAL code, unknown types) or that is soft reserved (EFI_MEMORY_SP).",
        "Linux marks mirror only on memblock memory, so the attribute is lost there, yet the kernel's mirrored total counts it: the boot log overstates the mirror.",
        "efi: Memory: %lldM/%lldM mirrored memory",
        CheckInput.EfiMap);

    public static readonly CheckRule RuntimeOutsideMirror = new(
        "FP7008", "runtime services outside mirror", Severity.Warning,
        "Some RAM is mirrored, but EFI runtime services code or data (or a descriptor with EFI_MEMORY_RUNTIME) is not.",
        "The firmware's runtime code and data are used by the kernel for the whole uptime (variables, time, reset); an uncorrectable error there crashes the machine.",
        null,
        CheckInput.EfiMap);

    public static readonly CheckRule KernelOnHotpluggable = new(
        "FP7009", "kernel image or loader data on hot-pluggable memory", Severity.Warning,
        "Loader code or data (the kernel image, initrd, boot parameters) lies in a range SRAT or the EFI map marks hot-pluggable.",
        "Memory holding the kernel image can never be hot-removed; Linux 6.14 makes the EFI stub avoid EFI_MEMORY_HOT_PLUGGABLE memory for the kernel.",
        null,
        CheckInput.EfiMap);

    public static readonly CheckRule EarlyAllocationsOnHotpluggable = new(
        "FP7010", "early allocations may land on hot-pluggable memory", Severity.Note,
        "A node has hot-pluggable RAM and the command line does not give `movable_node`.",
        "Without `movable_node`, memblock allocates top-down and does not skip hot-pluggable ranges; what it places there (struct pages, page tables) pins the range and it cannot be removed.",
        null,
        CheckInput.EfiMap | CheckInput.CommandLine);

    public static readonly CheckRule MovableNodeOverridesMirror = new(
        "FP7011", "movable_node overrides kernelcore=mirror", Severity.Warning,
        "The command line gives both `movable_node` and `kernelcore=mirror`.",
        "When movable_node is enabled, the kernel builds ZONE_MOVABLE from the hot-pluggable ranges only and silently skips kernelcore=mirror.",
        null,
        CheckInput.CommandLine);

    public static readonly CheckRule CrashkernelWithMirror = new(
        "FP7012", "crashkernel with mirror", Severity.Warning,
        "The command line reserves a crash kernel (`crashkernel=`) on a machine with mirrored RAM.",
        "The reservation is an early memblock allocation and takes mirrored memory first; the kdump kernel itself ignores kernelcore=mirror and can run out of its limited memory.",
        "The system is under kdump, ignore kernelcore=mirror.",
        CheckInput.EfiMap | CheckInput.CommandLine);

    public static readonly CheckRule SratCoverage = new(
        "FP7021", "RAM not covered by SRAT", Severity.Error,
        "More than 1 MiB of RAM in the EFI memory map lies outside every enabled SRAT memory range.",
        "Linux then rejects the NUMA configuration (`No NUMA configuration found`) and fakes a single node.",
        "NUMA: no nodes coverage for %luMB of %luMB RAM",
        CheckInput.EfiMap | CheckInput.Srat);

    /// <summary>Every rule, by ID.</summary>
    public static IReadOnlyList<CheckRule> All { get; } =
    [
        KernelcoreMirrorWithoutMirror, NodeWithoutMirrorUnderKernelcore, NodeWithoutMirror, MirrorBelowEarlyNeed,
        UnmirroredBelow4G, MirrorNotProportional, MirrorOnNonRam, RuntimeOutsideMirror, KernelOnHotpluggable,
        EarlyAllocationsOnHotpluggable, MovableNodeOverridesMirror, CrashkernelWithMirror, SratCoverage,
    ];

    /// <summary>Inputs this build cannot produce yet: rules that need them are listed as not evaluated.</summary>
    public static CheckInput Unavailable => CheckInput.None;

    public static CheckRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal));

    /// <summary>The descriptors for <see cref="DiagnosticCatalog"/>.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = All.Select(r => r.Descriptor).ToArray();
}
