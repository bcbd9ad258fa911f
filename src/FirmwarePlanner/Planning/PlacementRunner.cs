using System.Globalization;
using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock;
using static FirmwarePlanner.Text.KernelFormat;

namespace FirmwarePlanner.Planning;

/// <summary>
/// Runs the early allocations of a profile through the memblock engine in the kernel's boot order
/// (<see cref="EarlyAllocationCatalog.BootOrder"/>), starting from the machine's positioned memblock state, and
/// records where each landed plus the lines the kernel prints on the way (the ratelimited mirror warning,
/// <c>NODE_DATA(n) allocated</c>, <c>This configuration results in unmirrored kernel memory.</c>, …).
/// </summary>
public sealed partial class PlacementRunner
{
    private const ulong SectionSize = 128 * Sizes.MiB;
    private readonly PlanningMachine _machine;
    private readonly PlanningProfile _profile;
    private readonly PlanCommandLine _cmd;
    private readonly MemblockEngine _m;
    private readonly bool _mirrorFirst;
    private readonly List<PlacedAllocation> _placed = [];
    private readonly List<string> _lines = [];
    private readonly Dictionary<int, ulong> _nodeData = [];
    private int _logSeen;
    private int _warnings;
    private int _suppressed;

    private PlacementRunner(PlanningMachine machine, PlanningProfile profile, bool mirrorFirst)
    {
        _machine = machine;
        _profile = profile;
        _cmd = machine.CommandLine;
        _mirrorFirst = mirrorFirst;
        _m = machine.CreateMemblock(mirrorFirst);
        _logSeen = _m.Log.Count;
    }

    /// <summary>Runs every enabled item; <paramref name="mirrorFirst"/> false models a kernel that never prefers mirror.</summary>
    public static PlacementRun Run(PlanningMachine machine, PlanningProfile profile, bool mirrorFirst)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(profile);
        var r = new PlacementRunner(machine, profile, mirrorFirst);
        foreach (var step in EarlyAllocationCatalog.BootOrder(profile.Kernel, profile.Arch))
        {
            r.RunStep(step);
        }

        r.Drain();
        if (r._suppressed > 0)
        {
            r._lines.Add(string.Create(CultureInfo.InvariantCulture, $"(ratelimit: {r._suppressed} more \"Could not allocate\" warnings suppressed)"));
        }

        var debug = r._m.Log.Where(e => e.Kind == MemblockLogKind.Info).Select(e => e.Text).ToArray();
        return new PlacementRun(mirrorFirst, r._placed, r._lines, debug);
    }

    private void RunStep(string step)
    {
        var id = step.EndsWith("-late", StringComparison.Ordinal) ? step[..^5] : step;
        if (EarlyAllocationCatalog.Find(id) is not { } baseItem || _profile.Resolve(baseItem) is not { } resolved)
        {
            return;
        }

        var item = ForArch(resolved);

        switch (item.Size)
        {
            case SizeRule.KernelImage: Loader(item, _machine.KernelImage, _profile.KernelImage); break;
            case SizeRule.Initrd: Loader(item, _machine.Initrd, _profile.Initrd); break;
            case SizeRule.RealMode: RealMode(item); break;
            case SizeRule.DirectMapPageTables: DirectMap(item); break;
            case SizeRule.LinearMapPageTables: LinearMap(item); break;
            case SizeRule.LogBuffer: LogBuffer(item, late: step.EndsWith("-late", StringComparison.Ordinal)); break;
            case SizeRule.Fixed when item.Id == "numa-distance": NumaDistance(item); break;
            case SizeRule.NodeData: NodeData(item, step.EndsWith("-late", StringComparison.Ordinal)); break;
            case SizeRule.Cma: Cma(item); break;
            case SizeRule.CrashKernel: CrashKernel(item); break;
            case SizeRule.GiganticPages: Gigantic(item); break;
            case SizeRule.MemSectionRoots: Sparse(); break;
            case SizeRule.PerCpu: Percpu(item); break;
            case SizeRule.DentryHash: Hash(item, "Dentry cache", 13); break;
            case SizeRule.InodeHash: Hash(item, "Inode-cache", 14); break;
            case SizeRule.Swiotlb: Swiotlb(item); break;
            case SizeRule.Fixed: Simple(item, SizeOf(item, 0), item.NodePolicy == NodePolicy.AnyNode ? null : 0); break;
            default: break; // the sparse items run together under mem-section-roots
        }
    }

    private ulong SizeOf(EarlyAllocationItem item, ulong computed) => _profile.SizeOverride(item.Id) ?? computed;

    /// <summary>Copies new engine log lines: warnings through the ratelimit, nothing else.</summary>
    private void Drain()
    {
        var log = _m.Log;
        for (; _logSeen < log.Count; _logSeen++)
        {
            var e = log[_logSeen];
            if (e.Kind == MemblockLogKind.Warning && e.Text.StartsWith("Could not allocate", StringComparison.Ordinal))
            {
                CountWarning(e.Text);
            }
            else if (e.Kind is MemblockLogKind.Warning or MemblockLogKind.Error or MemblockLogKind.Panic)
            {
                _lines.Add(e.Text);
            }
        }
    }

    /// <summary>The ratelimited "Could not allocate" warning: printed for the first burst, counted after.</summary>
    private void CountWarning(string text)
    {
        if (_warnings++ < _profile.WarningBurst)
        {
            _lines.Add(text);
        }
        else
        {
            _suppressed++;
        }
    }

    private void Line(string text)
    {
        Drain();
        _lines.Add(text);
    }

    /// <summary>Calls <paramref name="alloc"/> and records the result; the engine's warnings come out in order.</summary>
    private ulong Record(EarlyAllocationItem item, string call, int? node, ulong size, ulong align, Func<ulong> alloc, string note = "",
        IReadOnlyList<AddressRange>? kept = null)
    {
        var addr = alloc();
        Drain();
        var range = addr != 0 ? AddressRange.FromStartSize(addr, size) : (AddressRange?)null;
        var keptRanges = kept ?? (range is { } r ? [r] : []);
        if (addr != 0 && kept is null)
        {
            keptRanges = [range!.Value];
        }

        var net = keptRanges.Aggregate(0UL, (a, k) => a + k.Size);
        var mirrored = keptRanges.Aggregate(0UL, (a, k) => a + _machine.MirroredPart(k));
        _placed.Add(new PlacedAllocation(item.Id, call, node, size, align, addr != 0 ? addr : null,
            addr != 0 ? _machine.NodeOf(addr) : null, addr != 0 ? mirrored : 0, item.Tier, addr != 0 ? net : 0, note));
        return addr;
    }

    private ulong Simple(EarlyAllocationItem item, ulong size, int? node, string note = "")
    {
        if (size == 0)
        {
            return 0;
        }

        var nid = node ?? MemblockConstants.NumaNoNode;
        return item.Api switch
        {
            AllocationApi.PhysAllocRange => Record(item, item.ApiName, node, size, item.Align,
                () => _m.PhysAllocRange(size, item.Align, item.MinAddr, item.MaxAddr == 0 ? _machine.EndOfRam : item.MaxAddr), note),
            AllocationApi.PhysAllocTryNid => Record(item, item.ApiName, node, size, item.Align, () => _m.PhysAllocTryNid(size, item.Align, nid), note),
            AllocationApi.AllocExactNid => Record(item, item.ApiName, node, size, item.Align,
                () => _m.AllocExactNidRaw(size, item.Align, item.MinAddr, item.MaxAddr, nid), note),
            _ => Record(item, item.ApiName, node, size, item.Align, () => _m.AllocTryNid(size, item.Align, item.MinAddr, item.MaxAddr, nid), note),
        };
    }

    private void Loader(EarlyAllocationItem item, AddressRange? known, LoaderPlacement placement)
    {
        var size = SizeOf(item, known?.Size ?? placement.Size);
        if (size == 0)
        {
            return;
        }

        if (known is { } k && _profile.SizeOverride(item.Id) is null && placement.Address is null)
        {
            Record(item, "loader (already reserved)", null, k.Size, item.Align, () => k.Start, "placed by the boot loader");
            return;
        }

        if (placement.Address is { } at)
        {
            Record(item, "loader (memblock_reserve)", null, size, item.Align, () => _m.Reserve(at, size) == 0 ? at : 0, "address from the profile");
            return;
        }

        // Where the loader puts it is its choice; the EFI stub prefers mirrored conventional memory when there is
        // some (KASLR), which a mirror-first allocation below 4 GiB stands in for.
        Record(item, "loader (modelled)", null, size, item.Align,
            () => _m.PhysAllocRange(size, item.Align, EarlyAllocationCatalog.MaxDmaAddress, 4 * Sizes.GiB),
            "loader-chosen address modelled as a mirror-first allocation below 4 GiB");
    }

    private void RealMode(EarlyAllocationItem item)
    {
        Simple(item, SizeOf(item, _profile.RealModeSize), null);
        _m.Reserve(0, Sizes.MiB);
    }

    private void DirectMap(EarlyAllocationItem item)
    {
        var end = _machine.EndOfRam;
        if (_m.BottomUp)
        {
            // movable_node: memory_map_bottom_up() from the kernel's end; its few tables come from brk (not modelled
            // page by page).
            _m.CurrentLimit = end;
            return;
        }

        var probe = _m.PhysAllocRange(EarlyAllocationCatalog.PmdSize, EarlyAllocationCatalog.PmdSize, Sizes.MiB, end);
        if (probe != 0)
        {
            _m.Free(probe, EarlyAllocationCatalog.PmdSize);
        }

        Drain();
        var probeEnd = probe != 0 ? probe + EarlyAllocationCatalog.PmdSize : end;
        var image = _machine.KernelImage ?? (_profile.KernelImage.Address is { } a
            ? AddressRange.FromStartSize(a, _profile.KernelImage.Size)
            : AddressRange.FromStartSize(EarlyAllocationCatalog.MaxDmaAddress, _profile.KernelImage.Size));
        var brk = new AddressRange(Math.Max(image.Start, image.End - (ulong)_profile.BrkPageTablePages * Sizes.PageSize), image.End);
        var ram = _m.Memory.Regions.Select(r => new AddressRange(r.Base, r.End)).ToArray();
        var trampoline = _profile.RandomizeMemory && !_machine.CommandLine.NoKaslr ? 1 : 0;
        var model = new DirectMapModel(ram, _profile.GbPages, _profile.BrkPageTablePages, brk, trampoline);
        // alloc_low_page() for each table page of a region, one by one as the kernel asks. Once one finds no page in
        // the window nothing is freed before the next, so the rest of the region's pages fail alike: one record says so.
        model.Run(probeEnd, end, (min, max, pages) =>
        {
            for (ulong i = 0; i < pages; i++)
            {
                if (Record(item, "alloc_low_pages → memblock_phys_alloc_range", null, Sizes.PageSize, Sizes.PageSize,
                    () => _m.PhysAllocRange(Sizes.PageSize, Sizes.PageSize, min, max)) == 0)
                {
                    var rest = pages - i - 1;
                    if (rest > 0)
                    {
                        Record(item, "alloc_low_pages → memblock_phys_alloc_range", null, rest * Sizes.PageSize, Sizes.PageSize, () => 0,
                            string.Create(CultureInfo.InvariantCulture, $"{rest} more page-table pages, not found either"));
                    }

                    return 0;
                }
            }

            return 1;
        });

        // memblock_set_current_limit(get_max_mapped())
        _m.CurrentLimit = end;
    }

    private void LogBuffer(EarlyAllocationItem item, bool late)
    {
        ulong len;
        var staticLen = 1UL << _profile.LogBufShift;
        if (!late)
        {
            if (_cmd.LogBufLen is not { } asked || asked <= staticLen)
            {
                return;
            }

            len = asked;
        }
        else
        {
            var cpuExtra = (ulong)(_machine.PossibleCpus - 1) << _profile.LogCpuMaxBufShift;
            if (_cmd.LogBufLen is not null || cpuExtra <= staticLen / 2)
            {
                return;
            }

            len = PlanCommandLine.RoundUpPow2(staticLen + cpuExtra);
        }

        len = SizeOf(item, len);
        var count = len >> 5;
        Simple(item, len, null, "text");
        Simple(item, count * _profile.LogBufDescSize, null, "descriptors");
        Simple(item, count * _profile.LogBufInfoSize, null, "infos");
        Line(string.Create(CultureInfo.InvariantCulture, $"printk: log_buf_len: {len} bytes"));
    }

    private void NumaDistance(EarlyAllocationItem item)
    {
        if (!_machine.HasSlit)
        {
            return;
        }

        // numa_alloc_distance() (mm/numa_memblks.c; arch/x86/mm/numa.c before 6.12): cnt * cnt bytes, page aligned,
        // allocated when the SLIT's first distance is set. When the SRAT is then rejected and a node faked,
        // numa_reset_distance() (the dummy init's numa_memblks_init() on x86 and arm64, and arm64's numa_init() error
        // path) frees it again: the line is printed, the memory is free for what follows.
        var cnt = _machine.DistanceCount > 0 ? _machine.DistanceCount : _machine.Nodes.Max(n => n.Id) + 1;
        var size = SizeOf(item, (ulong)(cnt * cnt));
        var addr = Record(item, item.ApiName, null, size, item.Align,
            () => _m.PhysAllocRange(size, item.Align, item.MinAddr, item.MaxAddr == 0 ? _machine.EndOfRam : item.MaxAddr),
            _machine.NumaFaked ? "SLIT distances, freed again by numa_reset_distance() (the node is faked)" : "SLIT distances",
            _machine.NumaFaked ? [] : null);
        if (addr == 0)
        {
            Line("Warning: can't allocate distance table!");
            return;
        }

        if (_profile.Kernel.PrintsNumaDistanceTable)
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"NUMA: Initialized distance table, cnt={cnt}"));
        }

        if (_machine.NumaFaked)
        {
            _m.Free(addr, size);
        }
    }

    private void NodeData(EarlyAllocationItem item, bool memoryLess)
    {
        if (!memoryLess)
        {
            // numa_init(): back to top-down once SRAT is parsed (movable_node booted bottom-up).
            _m.BottomUp = false;
            // numa_register_meminfo(): memblock_set_node() for every node's RAM before NODE_DATA.
            foreach (var n in _machine.Nodes)
            {
                foreach (var r in n.Ram)
                {
                    _m.SetNode(r.Start, r.Size, n.Id);
                }
            }
        }

        var raw = _profile.NodeDataSize;
        var size = SizeOf(item, _profile.Kernel.NodeDataPageRounded ? AlignUp(raw, Sizes.PageSize) : AlignUp(raw, 64));
        // x86 numa_register_nodes() allocates NODE_DATA for the nodes with memory only (the memory-less ones get theirs
        // later, "node-data-late"); arm64's (drivers/base/arch_numa.c) runs setup_node_data() for every node of
        // numa_nodes_parsed in id order, a memory-less one too: it prints "Initmem setup node N [<memory-less node>]"
        // and alloc_node_data() falls back from the empty node to any node.
        var arm64 = _profile.Arch == "arm64";
        var nodes = memoryLess
            ? _machine.Nodes.Where(n => n.RamBytes == 0 && n.Cpus > 0).OrderBy(n => n.Id)
            : arm64 ? _machine.Nodes.OrderBy(n => n.Id) : _machine.MemoryNodes;
        foreach (var n in nodes)
        {
            if (arm64 && n.RamBytes == 0)
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"NUMA: Initmem setup node {n.Id} [<memory-less node>]"));
            }

            if (memoryLess)
            {
                // free_area_init() → alloc_offline_node_data(): memblock_alloc(), any node, nothing printed.
                Record(item, "memblock_alloc", n.Id, size, item.Align,
                    () => _m.AllocTryNid(size, item.Align, 0, MemblockConstants.AllocAccessible, MemblockConstants.NumaNoNode), "memory-less node");
                continue;
            }

            var addr = Record(item, item.ApiName, n.Id, size, item.Align, () => _m.PhysAllocTryNid(size, item.Align, n.Id));
            if (addr == 0)
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"Cannot allocate {size} bytes for node {n.Id} data"));
                continue;
            }

            _nodeData[n.Id] = addr;
            Line(string.Create(CultureInfo.InvariantCulture, $"NODE_DATA({n.Id}) allocated [mem {Hash010(addr)}-{Hash010(addr + size - 1)}]"));
            var landed = _machine.NodeOf(addr);
            if (landed is { } l && l != n.Id)
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"    NODE_DATA({n.Id}) on node {l}"));
            }
        }
    }

    private static ulong AlignUp(ulong x, ulong a) => (x + a - 1) / a * a;
}
