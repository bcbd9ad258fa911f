namespace FirmwarePlanner.Kernel;

/// <summary>The kernel architecture whose SRAT handlers to model (each handles a different set of CPU types).</summary>
public enum KernelArchitecture
{
    /// <summary>Pick from the table: GICC/ITS → arm64, RINTC → RISC-V, otherwise x86-64.</summary>
    Auto,

    /// <summary>x86-64: LAPIC (type 0, length must be 16) and x2APIC (type 2) entries map PXMs; GICC/RINTC are ignored.</summary>
    X86,

    /// <summary>arm64: GICC (type 3) entries map PXMs; LAPIC/x2APIC are ignored (x2APIC with a warning).</summary>
    Arm64,

    /// <summary>LoongArch: LAPIC-layout (type 0) entries map PXMs; x2APIC is "unsupported".</summary>
    LoongArch,

    /// <summary>RISC-V: RINTC (type 7) entries map PXMs.</summary>
    RiscV,
}

/// <summary>
/// The kernel configuration the Linux reading of SRAT depends on.
/// <para><see cref="MaxNumNodes"/> is <c>MAX_NUMNODES = 1 &lt;&lt; CONFIG_NODES_SHIFT</c>. The default, 1024, is
/// Debian's amd64 kernel (the 6.12 kernel the QEMU captures ran): its config sets <c>CONFIG_MAXSMP=y</c>, and
/// <c>arch/x86/Kconfig</c> then forces <c>NODES_SHIFT=10</c>. Fedora/RHEL and Ubuntu x86-64 also set 10; an x86-64
/// kernel built without MAXSMP and without an explicit choice gets the Kconfig default 6 (64 nodes).</para>
/// </summary>
public sealed record LinuxNumaOptions
{
    public static LinuxNumaOptions Default { get; } = new();

    /// <summary>MAX_NUMNODES; node ids run 0..MaxNumNodes-1.</summary>
    public int MaxNumNodes { get; init; } = 1024;

    public KernelArchitecture Architecture { get; init; } = KernelArchitecture.Auto;

    /// <summary>CONFIG_MEMORY_HOTPLUG (Debian: y): without it the hotplug flag is ignored and no line says <c> hotplug</c>.</summary>
    public bool MemoryHotplug { get; init; } = true;

    /// <summary>
    /// True when the APIC runs in x2APIC mode (every server with more than 255 CPUs): x2APIC ids up to 2^32-2 are
    /// valid. In xAPIC mode Linux ignores x2APIC entries with an id above 0xFE (<c>SRAT: PXM … -> X2APIC … ignored</c>).
    /// </summary>
    public bool X2ApicMode { get; init; } = true;

    /// <summary>MAX_PXM_DOMAINS = max(256, MAX_NUMNODES): PXMs at or above it are never mapped.</summary>
    public int MaxPxmDomains => Math.Max(256, MaxNumNodes);

    /// <summary>NR_NODE_MEMBLKS = 2 × MAX_NUMNODES: the most NUMA memory blocks numa_meminfo holds.</summary>
    public int MaxNodeMemblks => 2 * MaxNumNodes;
}
