using System.Globalization;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Memblock;

namespace FirmwarePlanner.Linux;

/// <summary>
/// The arm64 boot path for an EFI boot with ACPI (drivers/firmware/efi/efi-init.c, arch/arm64/mm/init.c,
/// drivers/base/arch_numa.c): memblock is built straight from the EFI map (<c>reserve_regions()</c>: memory types
/// with WB/WT/WC are added, those that are not usable RAM are marked NOMAP, ACPI reclaim is also reserved,
/// EFI_MEMORY_SP skipped), then <c>efi_find_mirror()</c>, the physical-address cap, NUMA from SRAT and the zones
/// (DMA up to 4 GiB when RAM starts below 4 GiB, else all of RAM; DMA32 up to 4 GiB; Normal to the end).
/// Modeled as 4 KiB pages and 48-bit physical addresses; firmware DMA limits (IORT, DT dma-ranges) are not inputs
/// and are assumed absent.
/// </summary>
public static class Arm64BootModel
{
    private const int PhysMaskShift = 48;

    public static BootPrediction Run(BootInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var options = BootOptions.From(inputs.CommandLine);
        var profile = inputs.Kernel;
        var log = new BootLog(inputs.KernelLines);
        var notes = new List<PredictionNote>();
        X86BootModel.NoteParameters(inputs.CommandLine, profile, notes);
        var memblock = MemblockEngine.Create(profile.MemblockVersion());
        memblock.MirroredKernelcore = options.KernelcoreMirror;
        memblock.MovableNode = options.MovableNode;
        memblock.AllowResize();

        if (inputs.EfiMap is null)
        {
            notes.Add(new PredictionNote("memory", "arm64 without an EFI memory map (device-tree memory nodes) is not modeled", NoteEffect.BootPathNotModelled));
            return new BootPrediction(inputs, options, log, [], [], 0, [], 0, 0, false, [], memblock, false, [], null, notes);
        }

        notes.Add(new PredictionNote("arm64", "modeled with 4 KiB pages, 48-bit physical addresses and no firmware DMA limit (IORT/DT); kernel image and initrd re-adds after mem= are not modeled"));
        var map = inputs.EfiMap.Descriptors;
        if (options.EfiDebug)
        {
            log.Add(BootLineGroup.EfiMemmap, EfiLogFormat.ReserveRegionsHeader);
        }

        foreach (var d in map)
        {
            if (options.EfiDebug && log.Keeps)
            {
                log.Add(BootLineGroup.EfiMemmap, EfiLogFormat.ReserveRegionsLine(d));
            }

            if (!IsMemory(d) || (options.EfiSoftReserve && (d.Attribute & EfiMemoryAttribute.SP) != 0))
            {
                continue;
            }

            var (b, size) = PageAlign(d.PhysicalStart, unchecked(d.NumberOfPages << 12));
            if (size == 0)
            {
                continue;
            }

            memblock.Add(b, size);
            if (!IsUsable(d))
            {
                memblock.MarkNoMap(b, size);
            }

            if (d.Type == EfiMemoryType.AcpiReclaimMemory)
            {
                memblock.Reserve(b, size);
            }
        }

        var afterEfi = memblock.Memory.Regions.ToArray();
        var (mirror, total) = EfiFindMirror.Run(map, memblock, log);

        // arm64_memblock_init()
        memblock.Remove(1UL << PhysMaskShift, ulong.MaxValue);
        if (options.MemLimit is { } limit)
        {
            memblock.MemLimitRemoveMap(limit);
        }

        var maxPfn = memblock.EndOfDram >> 12;
        var (faked, nodes) = NumaInit.Init(inputs, options, profile, memblock, maxPfn, map, log, notes);
        var afterNuma = memblock.Memory.Regions.ToArray();

        var end = memblock.EndOfDram;
        ulong MaxZonePhys(ulong zoneLimit) => Math.Min(zoneLimit, end - 1) + 1;
        var dmaLimit = memblock.StartOfDram < uint.MaxValue ? uint.MaxValue : ulong.MaxValue;
        var zones = ZoneLayout.Compute(afterNuma, MaxZonePhys(dmaLimit) >> 12, MaxZonePhys(uint.MaxValue) >> 12, maxPfn,
            nodes.Select(n => n.Nid).ToArray(), options, memblock.HasMirror, X86BootModel.IsKdump(inputs.CommandLine), profile, log);
        var bootNodes = nodes.Select(n => n with { Span = zones.Nodes.First(s => s.Nid == n.Nid) }).ToArray();
        notes.Add(new PredictionNote("NODE_DATA", "NODE_DATA placement depends on earlier memblock allocations: use the placement planner"));
        return new BootPrediction(inputs, options, log, [], [], maxPfn, afterEfi, mirror, total, memblock.HasMirror, afterNuma, memblock,
            faked, bootNodes, zones, notes)
        {
            KernelEfiMap = map,
        };
    }

    /// <summary><c>is_memory()</c>: cacheable (WB, WT or WC) descriptors describe memory.</summary>
    private static bool IsMemory(EfiMemoryDescriptor d) =>
        (d.Attribute & (EfiMemoryAttribute.WB | EfiMemoryAttribute.WT | EfiMemoryAttribute.WC)) != 0;

    /// <summary><c>is_usable_memory()</c>: RAM types the OS owns after ExitBootServices, mapped write-back.</summary>
    private static bool IsUsable(EfiMemoryDescriptor d) =>
        d.Type is EfiMemoryType.LoaderCode or EfiMemoryType.LoaderData or EfiMemoryType.AcpiReclaimMemory
            or EfiMemoryType.BootServicesCode or EfiMemoryType.BootServicesData or EfiMemoryType.ConventionalMemory
            or EfiMemoryType.PersistentMemory
        && (d.Attribute & EfiMemoryAttribute.WB) != 0;

    /// <summary><c>early_init_dt_add_memory_arch()</c> page rounding (base up, size down).</summary>
    private static (ulong Base, ulong Size) PageAlign(ulong b, ulong size)
    {
        var head = b & 4095;
        if (head != 0)
        {
            if (size < 4096 - head)
            {
                return (0, 0);
            }

            size -= 4096 - head;
            b += 4096 - head;
        }

        return (b, size & ~4095UL);
    }
}
