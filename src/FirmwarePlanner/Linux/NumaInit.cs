using FirmwarePlanner.Kernel;
using FirmwarePlanner.Memblock;
using System.Globalization;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Numa;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Linux;

/// <summary>
/// NUMA initialisation from SRAT with the single fake node as fallback: x86 <c>initmem_init()</c> →
/// <c>x86_numa_init()</c> (arch/x86/mm/numa.c) and arm64 <c>arch_numa_init()</c> (drivers/base/arch_numa.c), both
/// over mm/numa_memblks.c: node ids and hotplug flags written to memblock, node coverage checked.
/// </summary>
internal static class NumaInit
{
    public static (bool Faked, List<BootNode> Nodes) Init(
        BootInputs inputs,
        BootOptions options,
        KernelTarget profile,
        MemblockEngine memblock,
        ulong maxPfn,
        IReadOnlyList<EfiMemoryDescriptor>? efiMap,
        BootLog log,
        List<PredictionNote> notes)
    {
        if (!options.NumaOff)
        {
            if (options.AcpiOff || options.SratDisabled)
            {
                notes.Add(new PredictionNote("numa", options.AcpiOff ? "acpi=off: SRAT is not read" : "numa=noacpi: SRAT is not read"));
            }
            else if (!inputs.SratKnown)
            {
                notes.Add(new PredictionNote("numa", "no SRAT among the inputs and not told the machine has none: the NUMA layout below assumes there is no SRAT", NoteEffect.NumaAssumed));
            }

            var useSrat = !options.AcpiOff && !options.SratDisabled && inputs.Numa is not null;
            if (useSrat && TryInit(inputs.Arch, () => ParseSrat(inputs, inputs.Numa!, inputs.SratLines, memblock, log), inputs.Numa!.Cpus, profile, memblock, maxPfn, efiMap, options, log, notes, out var nodes))
            {
                return (false, nodes);
            }

            if (inputs.Arch == BootArch.X64)
            {
                notes.Add(new PredictionNote("numa", "AMD northbridge NUMA discovery (amd_numa_init, pre-SRAT Opterons) is not modeled"));
            }
            else if (options.AcpiOff || !inputs.SratKnown)
            {
                // arm64_numa_init() tries of_numa_init() only with ACPI disabled (acpi=off, or a device-tree boot).
                notes.Add(new PredictionNote("numa", "device-tree NUMA (of_numa_init, used when ACPI is off) is not modeled", NoteEffect.BootPathNotModelled));
            }
        }

        if (TryInit(inputs.Arch, () => Dummy(inputs.Arch, options, memblock, maxPfn, log), [], profile, memblock, maxPfn, efiMap, options, log, notes, out var fake))
        {
            return (true, fake);
        }

        return (true, []);
    }

    private static bool TryInit(
        BootArch arch,
        Func<(bool Ok, NumaMeminfo Meminfo, SortedSet<int> Parsed)> initFunc,
        IReadOnlyList<NumaCpu> cpus,
        KernelTarget profile,
        MemblockEngine memblock,
        ulong maxPfn,
        IReadOnlyList<EfiMemoryDescriptor>? efiMap,
        BootOptions options,
        BootLog log,
        List<PredictionNote> notes,
        out List<BootNode> nodes)
    {
        nodes = [];
        memblock.SetNode(0, ulong.MaxValue, MemblockConstants.NumaNoNode, MemblockTypeKind.Memory);
        memblock.SetNode(0, ulong.MaxValue, MemblockConstants.NumaNoNode, MemblockTypeKind.Reserved);
        memblock.ClearHotplug(0, ulong.MaxValue);
        var (ok, mi, parsed) = initFunc();
        if (!ok)
        {
            return false;
        }

        var (low, high) = profile.NumaCleanupClampsToDram ? (memblock.StartOfDram, memblock.EndOfDram) : (0UL, maxPfn << 12);
        if (!mi.Cleanup(memblock, low, high, log))
        {
            return false;
        }

        // numa_register_meminfo()
        var possible = new SortedSet<int>(parsed);
        foreach (var b in mi.Blocks)
        {
            possible.Add(b.Nid);
        }

        if (possible.Count == 0)
        {
            if (arch == BootArch.Arm64)
            {
                log.Add(BootLineGroup.Numa, "NUMA: No NUMA configuration found");
            }

            return false;
        }

        foreach (var b in mi.Blocks)
        {
            memblock.SetNode(b.Start, b.End - b.Start, b.Nid);
        }

        ClearKernelNodeHotplug(mi, memblock, efiMap, options, notes);

        if (!CoverageOk(memblock, mi, maxPfn, profile, arch, log))
        {
            return false;
        }

        nodes = possible.Select(n => new BootNode(
            n,
            mi.Blocks.Where(b => b.Nid == n).ToArray(),
            cpus.Where(c => c.Node == n).ToArray(),
            new NodeSpan(n, 0, 0))).ToList();
        return true;
    }

    private static (bool, NumaMeminfo, SortedSet<int>) ParseSrat(BootInputs inputs, NumaFirmwareInfo srat, IReadOnlyList<string>? lines, MemblockEngine memblock, BootLog log)
    {
        foreach (var line in lines ?? [])
        {
            log.Add(BootLineGroup.Srat, line);
        }

        var mi = new NumaMeminfo();
        var parsed = new SortedSet<int>(srat.Cpus.Where(c => c.Node >= 0).Select(c => c.Node));
        var any = false;
        foreach (var b in srat.MemoryBlocks)
        {
            if (b.Node < 0)
            {
                continue;
            }

            if (!mi.Add(b.Node, b.Range.Start, b.Range.End, log))
            {
                if (lines is null)
                {
                    log.Add(BootLineGroup.Srat, string.Create(CultureInfo.InvariantCulture,
                        $"ACPI: SRAT: Failed to add memblk to node {b.Node} [mem {KernelFormat.Hash010(b.Range.Start)}-{KernelFormat.Hash010(b.Range.End - 1)}]"));
                }

                return (false, mi, parsed);
            }

            parsed.Add(b.Node);
            if (lines is null && log.Keeps)
            {
                log.Add(BootLineGroup.Srat, SratLine(b));
            }

            if (b.Hotpluggable)
            {
                memblock.MarkHotplug(b.Range.Start, b.Range.Size);
            }

            any = true;
        }

        DistanceTable(inputs, parsed, log);
        return (any && srat.Usable, mi, parsed);
    }

    /// <summary>
    /// <c>acpi_parse_slit()</c> → first <c>numa_set_distance()</c> → <c>numa_alloc_distance()</c> (mm/numa_memblks.c, x86 and
    /// arm64 alike in 6.12): cnt is one more than
    /// the highest node parsed (CPU and memory affinity) — the line comes after the SRAT lines, before the meminfo merges.
    /// </summary>
    private static void DistanceTable(BootInputs inputs, SortedSet<int> parsed, BootLog log)
    {
        if (inputs.Numa is { SlitApplied: true } && parsed.Count > 0 && inputs.Kernel.PrintsNumaDistanceTable)
        {
            log.Add(BootLineGroup.Numa, string.Create(CultureInfo.InvariantCulture, $"NUMA: Initialized distance table, cnt={parsed.Max + 1}"));
        }
    }

    /// <summary>The <c>ACPI: SRAT: Node … PXM … [mem …]</c> line of <c>acpi_parse_memory_affinity()</c>.</summary>
    internal static string SratLine(NumaMemoryBlock b) =>
        string.Create(CultureInfo.InvariantCulture,
            $"ACPI: SRAT: Node {b.Node} PXM {b.Pxm} [mem {KernelFormat.Hash010(b.Range.Start)}-{KernelFormat.Hash010(b.Range.End - 1)}]{(b.Hotpluggable ? " hotplug" : string.Empty)}{(b.NonVolatile ? " non-volatile" : string.Empty)}");

    private static (bool, NumaMeminfo, SortedSet<int>) Dummy(BootArch arch, BootOptions options, MemblockEngine memblock, ulong maxPfn, BootLog log)
    {
        var mi = new NumaMeminfo();
        if (arch == BootArch.X64)
        {
            log.Add(BootLineGroup.Numa, options.NumaOff ? "NUMA turned off" : "No NUMA configuration found");
            log.Add(BootLineGroup.Numa, "Faking a node at [mem " + KernelFormat.Hash018(0) + "-" + KernelFormat.Hash018((maxPfn << 12) - 1) + "]");
            mi.Add(0, 0, maxPfn << 12, log);
        }
        else
        {
            if (options.NumaOff)
            {
                log.Add(BootLineGroup.Numa, "NUMA: NUMA disabled");
            }

            log.Add(BootLineGroup.Numa, "NUMA: Faking a node at [mem " + KernelFormat.Pa(memblock.StartOfDram) + "-" + KernelFormat.Pa(memblock.EndOfDram - 1) + "]");
            mi.Add(0, memblock.StartOfDram, memblock.EndOfDram, log);
        }

        return (true, mi, new SortedSet<int> { 0 });
    }

    /// <summary>
    /// <c>numa_clear_kernel_node_hotplug()</c>: nodes holding memblock.reserved ranges lose HOTPLUG. The reserved
    /// array itself is not an input; we take the ranges every x86 EFI boot reserves before NUMA init: the first
    /// MiB (real mode, BIOS) and the EFI loader and boot-services ranges (kernel image, initrd, boot services).
    /// </summary>
    private static void ClearKernelNodeHotplug(NumaMeminfo mi, MemblockEngine memblock, IReadOnlyList<EfiMemoryDescriptor>? efiMap, BootOptions options, List<PredictionNote> notes)
    {
        if (!memblock.Memory.Regions.Any(r => (r.Flags & MemblockFlags.Hotplug) != 0))
        {
            return;
        }

        var reserved = new List<Common.AddressRange> { new(0, 1UL << 20) };
        if (efiMap is not null)
        {
            reserved.AddRange(efiMap.Where(d => d.Type is EfiMemoryType.LoaderCode or EfiMemoryType.LoaderData
                or EfiMemoryType.BootServicesCode or EfiMemoryType.BootServicesData).Select(d => d.Range).OfType<Common.AddressRange>());
        }

        var nodes = mi.Blocks.Where(b => reserved.Any(r => r.Overlaps(b.Range))).Select(b => b.Nid).ToHashSet();
        foreach (var b in mi.Blocks.Where(b => nodes.Contains(b.Nid)))
        {
            memblock.ClearHotplug(b.Start, b.End - b.Start);
        }

        notes.Add(new PredictionNote("hotplug", "nodes that hold early reservations lose their hotplug flag; the reservations are approximated by the first MiB and the EFI loader/boot-services ranges"
            + (options.MovableNode ? string.Empty : " (without movable_node, early allocations go top-down and may also pin the highest node)")));
    }

    private static bool CoverageOk(MemblockEngine memblock, NumaMeminfo mi, ulong maxPfn, KernelTarget profile, BootArch arch, BootLog log)
    {
        var ranges = ZoneLayout.EarlyRangesOf(memblock.Memory.Regions);
        if (profile.NumaCleanupClampsToDram)
        {
            var before = memblock.Log.Count;
            var ok = memblock.ValidateNumaCoverage(arch == BootArch.X64 ? 1UL << 20 : 0);
            foreach (var entry in memblock.Log.Skip(before))
            {
                log.Add(BootLineGroup.Numa, entry.Text);
            }

            return ok;
        }

        // Older kernels: numa_meminfo_cover_memory() compares RAM below max_pfn with RAM inside node blocks.
        ulong e820Ram = 0, numaRam = 0;
        foreach (var r in ranges)
        {
            var s = r.StartPfn;
            var e = Math.Min(r.EndPfn, maxPfn);
            if (s >= e)
            {
                continue;
            }

            e820Ram += e - s;
            foreach (var b in mi.Blocks)
            {
                var bs = Math.Max(s, (b.Start + 4095) >> 12);
                var be = Math.Min(e, b.End >> 12);
                if (bs < be)
                {
                    numaRam += be - bs;
                }
            }
        }

        if (e820Ram > numaRam && e820Ram - numaRam >= 256)
        {
            log.Add(BootLineGroup.Numa, string.Create(CultureInfo.InvariantCulture, $"NUMA: nodes only cover {numaRam >> 8}MB of your {e820Ram >> 8}MB e820 RAM. Not used."));
            return false;
        }

        return true;
    }
}
