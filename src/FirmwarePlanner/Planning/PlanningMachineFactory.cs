using FirmwarePlanner.Common;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Linux;
using FirmwarePlanner.Memblock;

namespace FirmwarePlanner.Planning;

/// <summary>
/// Builds a <see cref="PlanningMachine"/> from the boot model's prediction (firmware tables in, no boot log): nodes
/// and their RAM from the NUMA-time memblock, mirrored RAM from the kernel's EFI map (MORE_RELIABLE), CPUs from SRAT,
/// and a memblock state positioned before <c>reserve_real_mode()</c>: the e820 RAM, the early reservations
/// (first 64 KiB, BIOS area up to 1 MiB, kernel image, the initrd and setup_data in EFI LoaderData ranges), the mirror
/// marks and the EFI boot-services reservations. Where the loader put the kernel is not in the tables: the profile's address, else the start of the
/// largest EFI LoaderCode range, else 16 MiB. arm64 (<see cref="CreateArm64"/>) starts where paging_init() does instead.
/// </summary>
public static class PlanningMachineFactory
{
    private const ulong BiosStart = 0x9f000;

    public static PlanningMachine FromBoot(BootPrediction prediction, PlanCommandLine commandLine, PlanningProfile profile, string name)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(profile);
        var map = KernelMap(prediction);
        var mirrorRanges = map.Where(d => d.IsMirrored && d.Range is not null).Select(d => d.Range!.Value).ToArray();
        var regions = prediction.MemblockAfterNuma;
        var nids = regions.Select(r => r.Nid).Where(MemblockConstants.IsValidNode)
            .Concat(prediction.Nodes.Select(n => n.Nid)).Distinct().Order().ToArray();
        if (nids.Length == 0)
        {
            nids = [0];
        }

        var physEnd = PhysMemEnd(profile.Arch);
        var nodes = nids.Select(id =>
        {
            var ram = regions.Where(r => r.Nid == id || (nids.Length == 1 && !MemblockConstants.IsValidNode(r.Nid)))
                .Where(r => r.Base < physEnd)
                .Select(r => new AddressRange(r.Base, Math.Min(r.End, physEnd))).ToArray();
            var mirrored = ram.SelectMany(r => mirrorRanges.Select(m => m.Intersect(r))).OfType<AddressRange>().ToArray();
            var cpus = prediction.Nodes.FirstOrDefault(n => n.Nid == id)?.Cpus.Count ?? 0;
            return new PlanningNode(id, ram, mirrored, cpus);
        }).ToArray();
        if (profile.Arch == "arm64" && prediction.NumaFaked && prediction.Inputs.Numa?.Cpus is { Count: > 0 } sratCpus)
        {
            // dummy_numa_init(): one node, and every possible CPU (the SRAT's GICC entries) belongs to it.
            nodes[0] = nodes[0] with { Cpus = sratCpus.Count };
        }

        if (nodes.All(n => n.Cpus == 0))
        {
            // No SRAT CPU entries: the per-CPU plan assumes one CPU on the first node.
            nodes[0] = nodes[0] with { Cpus = 1 };
        }

        var image = profile.Arch == "arm64" ? Arm64KernelImage(map, profile) : KernelImage(map, profile);
        // The initrd (and setup_data) sit in EFI LoaderData ranges that the kernel reserves; without an address in the
        // profile, every LoaderData range is reserved and the largest stands for the initrd.
        var loaderData = map.Where(d => d.Type == EfiMemoryType.LoaderData && d.Range is not null).Select(d => d.Range!.Value).ToArray();
        AddressRange? initrd = profile.Initrd.Address is { } ia && profile.Initrd.Size > 0
            ? AddressRange.FromStartSize(ia, profile.Initrd.Size)
            : loaderData.OrderByDescending(r => r.Size).ThenBy(r => r.Start).Cast<AddressRange?>().FirstOrDefault();
        var version = prediction.Inputs.Kernel.MemblockVersion();
        var afterE820 = prediction.MemblockAfterE820;
        var bootServices = map.Where(d => d.Type is EfiMemoryType.BootServicesCode or EfiMemoryType.BootServicesData && d.Range is not null)
            .Select(d => d.Range!.Value).ToArray();

        MemblockEngine Create(bool mirrorFirst)
        {
            if (profile.Arch == "arm64")
            {
                return CreateArm64(version, mirrorFirst, afterE820, mirrorRanges, image, initrd, loaderData, map);
            }

            var m = MemblockEngine.Create(version);
            m.MirroredKernelcore = mirrorFirst;
            m.MovableNode = commandLine.MovableNode;
            m.CurrentLimit = Sizes.MiB;
            m.Reserve(0, 64 * Sizes.KiB);
            m.Reserve(BiosStart, Sizes.MiB - BiosStart);
            m.Reserve(image.Start, image.Size);
            if (initrd is { } rd)
            {
                m.Reserve(rd.Start, rd.Size);
            }

            foreach (var r in loaderData)
            {
                m.Reserve(r.Start, r.Size);
            }

            m.AllowResize();
            foreach (var r in afterE820)
            {
                m.Add(r.Base, r.Size);
            }

            foreach (var r in mirrorRanges)
            {
                m.MarkMirror(r.Start, r.Size);
            }

            m.BottomUp = commandLine.MovableNode;
            foreach (var r in bootServices)
            {
                m.Reserve(r.Start, r.Size);
            }

            return m;
        }

        var hasSlit = prediction.Inputs.Numa?.Distances is not null;
        // numa_alloc_distance() sizes the table from numa_nodes_parsed and the node ids of numa_meminfo as the SLIT is
        // read, after the SRAT: the SRAT's node ids, whatever NUMA init concludes afterwards.
        var sratNodes = prediction.Inputs.Numa is { } numa
            ? numa.Cpus.Select(c => c.Node).Concat(numa.MemoryBlocks.Select(b => b.Node)).Where(n => n >= 0).ToArray()
            : [];
        return new PlanningMachine(name, nodes, commandLine, Create, hasSlit, image, initrd)
        {
            NumaFaked = prediction.NumaFaked,
            DistanceCount = sratNodes.Length > 0 ? sratNodes.Max() + 1 : nodes.Max(n => n.Id) + 1,
        };
    }

    /// <summary>
    /// <c>1 &lt;&lt; MAX_PHYSMEM_BITS</c>: RAM at or above it has no <c>struct page</c> (<c>mminit_validate_memmodel_limits()</c>
    /// clips it out of sparsemem) and is not direct-mapped (x86 <c>e820__end_of_ram_pfn()</c> stops at
    /// <c>max_arch_pfn</c>), so no early allocation is for it or from it. x86-64 with 4-level paging: 46 bits
    /// (5-level paging is not modelled); arm64: 48 bits. It also bounds the planner's work whatever a map claims.
    /// </summary>
    public static ulong PhysMemEnd(string arch) => arch == "arm64" ? 1UL << 48 : 1UL << 46;

    /// <summary>
    /// arm64: memblock as paging_init() finds it. memory is what reserve_regions() built from the EFI map (NOMAP kept: it
    /// is neither mapped nor allocated from), with the mirror marks; reserved holds the ACPI reclaim ranges
    /// (reserve_regions()), the image <c>[_text, _end)</c> and the initrd (arm64_memblock_init()) and the EFI LoaderData
    /// ranges (the stub's FDT and tables). No BIOS area, boot-services code and data are free memory on arm64, no
    /// current limit and top-down (arm64 has no bottom-up mode for movable_node).
    /// </summary>
    private static MemblockEngine CreateArm64(MemblockRevision version, bool mirrorFirst, IReadOnlyList<MemblockRegion> memory,
        IReadOnlyList<AddressRange> mirrorRanges, AddressRange image, AddressRange? initrd, IReadOnlyList<AddressRange> loaderData,
        IReadOnlyList<EfiMemoryDescriptor> map)
    {
        var m = MemblockEngine.Create(version);
        m.MirroredKernelcore = mirrorFirst;
        m.CurrentLimit = MemblockConstants.AllocAnywhere;
        m.AllowResize();
        foreach (var r in memory)
        {
            m.Add(r.Base, r.Size);
            if ((r.Flags & MemblockFlags.NoMap) != 0)
            {
                m.MarkNoMap(r.Base, r.Size);
            }
        }

        foreach (var r in mirrorRanges)
        {
            m.MarkMirror(r.Start, r.Size);
        }

        foreach (var d in map.Where(d => d.Type == EfiMemoryType.AcpiReclaimMemory && d.Range is not null))
        {
            m.Reserve(d.Range!.Value.Start, d.Range.Value.Size);
        }

        m.Reserve(image.Start, image.Size);
        if (initrd is { } rd)
        {
            m.Reserve(rd.Start, rd.Size);
        }

        foreach (var r in loaderData)
        {
            m.Reserve(r.Start, r.Size);
        }

        return m;
    }

    /// <summary>
    /// arm64: where the EFI stub put the image. It allocates <c>[_text, _end)</c> as one EFI LoaderCode range of the
    /// image's size (efi_kaslr_relocate_kernel / efi_allocate_pages_aligned); the firmware's LoadImage() copy of the file
    /// is another LoaderCode range, a little larger. So: the LoaderCode range of exactly the image's page-rounded size,
    /// else the x86 rule (the largest).
    /// </summary>
    private static AddressRange Arm64KernelImage(IReadOnlyList<EfiMemoryDescriptor> map, PlanningProfile profile)
    {
        var size = profile.KernelImage.Size;
        if (profile.KernelImage.Address is null)
        {
            var exact = map.FirstOrDefault(d => d.Type == EfiMemoryType.LoaderCode && d.Range is { } r && r.Size == ((size + 4095) & ~4095UL));
            if (exact is not null)
            {
                return AddressRange.FromStartSize(exact.PhysicalStart, size);
            }
        }

        return KernelImage(map, profile);
    }

    /// <summary>The EFI map as the kernel works with it (after efi_fake_mem where the kernel has it), from the boot model.</summary>
    private static IReadOnlyList<EfiMemoryDescriptor> KernelMap(BootPrediction prediction) =>
        prediction.KernelEfiMap ?? prediction.Inputs.EfiMap?.Descriptors ?? [];

    private static AddressRange KernelImage(IReadOnlyList<EfiMemoryDescriptor> map, PlanningProfile profile)
    {
        var size = profile.KernelImage.Size;
        if (profile.KernelImage.Address is { } at)
        {
            return AddressRange.FromStartSize(at, size);
        }

        var loader = map.Where(d => d.Type == EfiMemoryType.LoaderCode && d.Range is { } r && r.Size >= size)
            .OrderByDescending(d => d.Range!.Value.Size).ThenBy(d => d.PhysicalStart).FirstOrDefault();
        return AddressRange.FromStartSize(loader?.PhysicalStart ?? EarlyAllocationCatalog.MaxDmaAddress, size);
    }
}
