namespace FirmwarePlanner.Verification;

/// <summary>What <c>fwplan verify</c> holds against the boot, one kind of kernel output each, in boot order.</summary>
public enum VerifyGroup
{
    /// <summary><c>BIOS-provided physical RAM map:</c> and its <c>BIOS-e820:</c> lines.</summary>
    E820,

    /// <summary><c>efi_fake_mem: add attr=…</c> (kernels before 6.11).</summary>
    EfiFakeMem,

    /// <summary>The boot-time <c>efi: memNN:</c> lines (efi=debug).</summary>
    EfiMemmap,

    /// <summary><c>efi: Remove memNN: MMIO …</c> / <c>efi: Not removing …</c>.</summary>
    EfiMmio,

    /// <summary>The first <c>MEMBLOCK configuration:</c> dump's memory lines (memblock=debug).</summary>
    MemblockAfterE820,

    /// <summary><c>efi: Memory: …M/…M mirrored memory</c>.</summary>
    MirrorSummary,

    /// <summary><c>ACPI: SRAT: …</c> lines.</summary>
    Srat,

    /// <summary><c>NUMA: Node … + … -> …</c>, overlap errors, <c>No NUMA configuration found</c>, <c>Faking a node</c>.</summary>
    Numa,

    /// <summary><c>NUMA: Initialized distance table, cnt=N</c> (a valid SLIT was applied).</summary>
    NumaDistance,

    /// <summary><c>NODE_DATA(n) allocated [mem …]</c> and <c>NODE_DATA(n) on node m</c> (the placement plan).</summary>
    NodeData,

    /// <summary><c>Could not allocate … bytes of mirrored memory</c> (the placement plan).</summary>
    MirrorFallback,

    /// <summary>memblock.memory after NUMA registration: debugfs <c>memblock/memory</c>, else the last memblock=debug dump.</summary>
    MemblockMemory,

    /// <summary>debugfs <c>memblock/reserved</c>.</summary>
    MemblockReserved,

    /// <summary><c>kernelcore=mirror</c> messages (no mirror, kdump, unmirrored kernel memory).</summary>
    KernelcoreMirror,

    /// <summary>The <c>Zone ranges:</c> block.</summary>
    ZoneRanges,

    /// <summary>The <c>Movable zone start for each node</c> block.</summary>
    MovableZoneStart,

    /// <summary>The <c>Early memory node ranges</c> block.</summary>
    EarlyNodeRanges,

    /// <summary><c>Initmem setup node …</c> lines.</summary>
    InitmemSetup,

    /// <summary>Each node's zones in <c>/proc/zoneinfo</c>: start_pfn, spanned, present.</summary>
    Zoneinfo,

    /// <summary><c>/sys/devices/system/node/has_memory</c> and <c>has_normal_memory</c>.</summary>
    NodeStates,
}

/// <summary>Names of the groups as reports print them: one row per group, in boot order.</summary>
public static class VerifyGroups
{
    private static readonly (VerifyGroup Group, string Id, string Title)[] Table =
    [
        (VerifyGroup.E820, "e820", "BIOS-e820 table"),
        (VerifyGroup.EfiFakeMem, "efi-fake-mem", "efi_fake_mem edits"),
        (VerifyGroup.EfiMemmap, "efi-memmap", "EFI memory map (efi=debug)"),
        (VerifyGroup.EfiMmio, "efi-mmio", "EFI MMIO removal"),
        (VerifyGroup.MemblockAfterE820, "memblock-after-e820", "memblock after e820 (memblock=debug)"),
        (VerifyGroup.MirrorSummary, "mirror-summary", "mirror summary"),
        (VerifyGroup.Srat, "srat", "SRAT"),
        (VerifyGroup.Numa, "numa", "NUMA"),
        (VerifyGroup.NumaDistance, "numa-distance-table", "NUMA distance table"),
        (VerifyGroup.NodeData, "node-data", "NODE_DATA"),
        (VerifyGroup.MirrorFallback, "mirror-fallback", "mirrored-memory allocation failures"),
        (VerifyGroup.MemblockMemory, "memblock-memory", "memblock memory after NUMA"),
        (VerifyGroup.MemblockReserved, "memblock-reserved", "memblock reserved"),
        (VerifyGroup.KernelcoreMirror, "kernelcore-mirror", "kernelcore=mirror messages"),
        (VerifyGroup.ZoneRanges, "zone-ranges", "zone ranges"),
        (VerifyGroup.MovableZoneStart, "movable-zone-start", "movable zone starts"),
        (VerifyGroup.EarlyNodeRanges, "early-node-ranges", "early node ranges"),
        (VerifyGroup.InitmemSetup, "initmem-setup", "Initmem setup"),
        (VerifyGroup.Zoneinfo, "zoneinfo", "/proc/zoneinfo spans"),
        (VerifyGroup.NodeStates, "node-states", "node states"),
    ];

    public static IReadOnlyList<VerifyGroup> All { get; } = Table.Select(t => t.Group).ToArray();

    /// <summary>A stable identifier (JSON, JUnit, fleet summaries): <c>e820</c>, <c>mirror-summary</c>, …</summary>
    public static string Id(this VerifyGroup group) => Row(group).Id;

    /// <summary>What the group holds, in a few words.</summary>
    public static string Title(this VerifyGroup group) => Row(group).Title;

    private static (VerifyGroup Group, string Id, string Title) Row(VerifyGroup group) =>
        Array.Find(Table, t => t.Group == group) is { Id: not null } row ? row : throw new ArgumentOutOfRangeException(nameof(group));
}
