using System.Text.RegularExpressions;

namespace FirmwarePlanner.Verification;

/// <summary>
/// Picks each group's lines out of a real kernel log, with their line numbers: the lines whose printk format the group
/// is about (mm/mm_init.c, arch/x86/mm/numa.c, drivers/firmware/efi, arch/x86/kernel/e820.c), blocks as their header
/// and the indented lines right after it.
/// </summary>
public static partial class KernelLogGroups
{
    /// <summary>The group's lines; empty when the log has none (also for groups the log does not carry).</summary>
    public static IReadOnlyList<ObservedLine> Extract(IReadOnlyList<ObservedLine> log, VerifyGroup group)
    {
        ArgumentNullException.ThrowIfNull(log);
        return group switch
        {
            VerifyGroup.E820 => log.Where(l => l.Text == "BIOS-provided physical RAM map:" || l.Text.StartsWith("BIOS-e820: ", StringComparison.Ordinal)).ToArray(),
            VerifyGroup.EfiMemmap => log.TakeWhile(l => l.Text != "efi: EFI runtime memory map:")
                .Where(l => MemLine().IsMatch(l.Text) || l.Text == "efi: Processing EFI memory map:" || Arm64MemLine().IsMatch(l.Text)).ToArray(),
            VerifyGroup.EfiMmio => log.Where(l => l.Text.StartsWith("efi: Remove mem", StringComparison.Ordinal) || l.Text.StartsWith("efi: Not removing mem", StringComparison.Ordinal)).ToArray(),
            VerifyGroup.EfiFakeMem => log.Where(l => l.Text.StartsWith("efi_fake_mem: add attr=", StringComparison.Ordinal)).ToArray(),
            VerifyGroup.MirrorSummary => log.Where(l => l.Text.StartsWith("efi: Memory: ", StringComparison.Ordinal) && l.Text.EndsWith(" mirrored memory", StringComparison.Ordinal)).ToArray(),
            VerifyGroup.Srat => log.Where(l => l.Text.StartsWith("ACPI: SRAT: ", StringComparison.Ordinal)).ToArray(),
            VerifyGroup.Numa => log.Where(l => IsNumaLine(l.Text)).ToArray(),
            VerifyGroup.NumaDistance => log.Where(l => IsDistanceTableLine(l.Text)).ToArray(),
            VerifyGroup.NodeData => log.Where(l => l.Text.Contains("NODE_DATA(", StringComparison.Ordinal)).ToArray(),
            VerifyGroup.MirrorFallback => log.Where(l => IsMirrorFallback(l.Text)).ToArray(),
            VerifyGroup.KernelcoreMirror => log.Where(l => l.Text is "This configuration results in unmirrored kernel memory."
                or "The system has no mirror memory, ignore kernelcore=mirror."
                or "The system is under kdump, ignore kernelcore=mirror.").ToArray(),
            VerifyGroup.ZoneRanges => Block(log, "Zone ranges:"),
            VerifyGroup.MovableZoneStart => Block(log, "Movable zone start for each node"),
            VerifyGroup.EarlyNodeRanges => Block(log, "Early memory node ranges"),
            VerifyGroup.InitmemSetup => log.Where(l => l.Text.StartsWith("Initmem setup node ", StringComparison.Ordinal)).ToArray(),
            VerifyGroup.MemblockAfterE820 => DumpMemoryLines(log, first: true),
            VerifyGroup.MemblockMemory => DumpMemoryLines(log, first: false),
            _ => [],
        };
    }

    /// <summary>How many <c>MEMBLOCK configuration:</c> dumps the log holds (memblock=debug prints one after e820, one after NUMA).</summary>
    public static int MemblockDumps(IReadOnlyList<ObservedLine> log) => log?.Count(l => l.Text == "MEMBLOCK configuration:") ?? 0;

    /// <summary>A <c>Could not allocate … bytes of mirrored memory</c> line (memblock_find_in_range_node's fallback warning).</summary>
    public static bool IsMirrorFallback(string line) =>
        line is not null && line.StartsWith("Could not allocate ", StringComparison.Ordinal) && line.EndsWith(" of mirrored memory", StringComparison.Ordinal);

    /// <summary>numa_alloc_distance()'s <c>NUMA: Initialized distance table, cnt=N</c>.</summary>
    public static bool IsDistanceTableLine(string line) =>
        line is not null && line.StartsWith("NUMA: Initialized distance table, cnt=", StringComparison.Ordinal);

    private static bool IsNumaLine(string l) =>
        (l.StartsWith("NUMA: Node ", StringComparison.Ordinal) && l.Contains(" + ", StringComparison.Ordinal))
        || l is "No NUMA configuration found" or "NUMA turned off"
        || l.StartsWith("Faking a node at ", StringComparison.Ordinal)
        || l.StartsWith("NUMA: Faking a node at ", StringComparison.Ordinal)
        || l is "NUMA: No NUMA configuration found" or "NUMA: NUMA disabled"
        || l.StartsWith("NUMA: no nodes coverage", StringComparison.Ordinal)
        || l.Contains(" overlaps with ", StringComparison.Ordinal);

    /// <summary>The header line and the indented lines right after it.</summary>
    private static ObservedLine[] Block(IReadOnlyList<ObservedLine> log, string header)
    {
        for (var i = 0; i < log.Count; i++)
        {
            if (log[i].Text != header)
            {
                continue;
            }

            var list = new List<ObservedLine> { log[i] };
            for (var j = i + 1; j < log.Count && log[j].Text.StartsWith("  ", StringComparison.Ordinal); j++)
            {
                list.Add(log[j]);
            }

            return [.. list];
        }

        return [];
    }

    /// <summary>The <c> memory[…]</c> lines of the first or last <c>MEMBLOCK configuration:</c> dump.</summary>
    private static ObservedLine[] DumpMemoryLines(IReadOnlyList<ObservedLine> log, bool first)
    {
        var starts = log.Select((l, i) => (l, i)).Where(x => x.l.Text == "MEMBLOCK configuration:").Select(x => x.i).ToArray();
        if (starts.Length == 0)
        {
            return [];
        }

        var start = first ? starts[0] : starts[^1];
        return log.Skip(start + 1).TakeWhile(l => !l.Text.StartsWith(" reserved.cnt", StringComparison.Ordinal))
            .Where(l => l.Text.StartsWith(" memory[", StringComparison.Ordinal)).ToArray();
    }

    [GeneratedRegex(@"^efi: mem\d+: ")]
    private static partial Regex MemLine();

    /// <summary>arm64 <c>reserve_regions()</c> with efi=debug: <c>"  0x%012llx-0x%012llx %s"</c> after the <c>efi: </c> prefix.</summary>
    [GeneratedRegex(@"^efi:   0x[0-9a-f]{12}-0x[0-9a-f]{12} \[")]
    private static partial Regex Arm64MemLine();
}
