namespace FirmwarePlanner.Linux;

/// <summary>The groups of predicted kernel lines, in the order they first appear in a boot log.</summary>
public enum BootLineGroup
{
    /// <summary><c>BIOS-provided physical RAM map:</c> and its <c>BIOS-e820:</c> lines.</summary>
    BiosE820,

    /// <summary><c>user-defined physical RAM map:</c> (mem=, memmap=) and e820 update/remove lines.</summary>
    E820Edits,

    /// <summary><c>efi_fake_mem: add attr=…</c> (kernels before 6.11).</summary>
    EfiFakeMem,

    /// <summary>The <c>efi: memNN:</c> lines (efi=debug).</summary>
    EfiMemmap,

    /// <summary><c>efi: Remove memNN: MMIO …</c> / <c>efi: Not removing …</c>.</summary>
    EfiMmio,

    /// <summary>The <c>MEMBLOCK configuration:</c> dump after e820 (memblock=debug).</summary>
    MemblockE820Dump,

    /// <summary><c>efi: Memory: …M/…M mirrored memory</c>.</summary>
    EfiMirror,

    /// <summary><c>ACPI: SRAT: Node … PXM …</c> and SRAT errors.</summary>
    Srat,

    /// <summary><c>NUMA: Node … + … -> …</c>, overlap errors, coverage, <c>No NUMA configuration found</c>, <c>Faking a node</c>.</summary>
    Numa,

    /// <summary><c>NODE_DATA(n) allocated [mem …]</c>.</summary>
    NodeData,

    /// <summary>The <c>MEMBLOCK configuration:</c> dump after NUMA registration (memblock=debug).</summary>
    MemblockNumaDump,

    /// <summary><c>kernelcore=mirror</c> warnings (no mirror, kdump, unmirrored kernel memory).</summary>
    KernelcoreMirror,

    /// <summary><c>Zone ranges:</c> block.</summary>
    ZoneRanges,

    /// <summary><c>Movable zone start for each node</c> block.</summary>
    MovableZoneStart,

    /// <summary><c>Early memory node ranges</c> block.</summary>
    EarlyNodeRanges,

    /// <summary><c>Initmem setup node …</c> lines.</summary>
    InitmemSetup,
}

/// <summary>One predicted kernel log line (no timestamp, no log level) and its group.</summary>
public sealed record BootLine(BootLineGroup Group, string Text);

/// <summary>
/// The predicted log in boot order. A log made not to keep its lines (<see cref="Keeps"/> false) stays empty, and the
/// loops that print a line per entry skip formatting them: for a caller that reads only the model.
/// </summary>
public sealed class BootLog(bool keep = true)
{
    private readonly List<BootLine> lines = [];

    public IReadOnlyList<BootLine> Lines => lines;

    /// <summary>False when lines are dropped as they come.</summary>
    public bool Keeps => keep;

    public void Add(BootLineGroup group, string text)
    {
        if (keep)
        {
            lines.Add(new BootLine(group, text));
        }
    }

    public IEnumerable<string> Group(BootLineGroup group) => lines.Where(l => l.Group == group).Select(l => l.Text);
}
