using System.Globalization;
using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock;
using static FirmwarePlanner.Text.KernelFormat;

namespace FirmwarePlanner.Planning;

/// <summary>The items after NUMA setup: CMA, crash kernel, gigantic pages, sparse memmap, per-CPU, hashes, swiotlb.</summary>
public sealed partial class PlacementRunner
{
    private const ulong FourG = 4 * Sizes.GiB;

    private void Cma(EarlyAllocationItem item)
    {
        // dma_contiguous_reserve(): cma= else CONFIG_CMA_SIZE_MBYTES; below arm64_dma_phys_limit on arm64.
        var asked = _cmd.CmaSize ?? _profile.CmaDefaultSize;
        if (asked == 0)
        {
            return;
        }

        var size = AlignUp(SizeOf(item, asked), item.Align);
        var limit = _profile.Arch == "arm64" ? Arm64DmaLimit : _machine.EndOfRam;
        Record(item, item.ApiName, null, size, item.Align, () =>
        {
            ulong addr = 0;
            if (!_m.BottomUp && _m.EndOfDram >= FourG + size)
            {
                _m.BottomUp = true;
                addr = _m.AllocRangeNid(size, item.Align, FourG, limit, MemblockConstants.NumaNoNode, exactNid: true);
                _m.BottomUp = false;
            }

            return addr != 0 ? addr : _m.AllocRangeNid(size, item.Align, 0, limit, MemblockConstants.NumaNoNode, exactNid: true);
        });
    }

    private void CrashKernel(EarlyAllocationItem item)
    {
        if (_cmd.CrashKernel is not { } ck)
        {
            return;
        }

        var size = SizeOf(item, ck.Size);
        const ulong highMax = 64 * Sizes.TiB;
        ulong addr;
        var high = ck.High;
        if (ck.Base is { } fixedBase)
        {
            addr = Record(item, "memblock_reserve (crashkernel=@)", null, size, item.Align, () => _m.Reserve(fixedBase, size) == 0 ? fixedBase : 0);
        }
        else
        {
            addr = high ? 0 : Record(item, item.ApiName, null, size, item.Align, () => _m.PhysAllocRange(size, item.Align, 0, FourG));
            if (addr == 0)
            {
                if (!high)
                {
                    _placed.RemoveAt(_placed.Count - 1);
                }

                high = true;
                addr = Record(item, item.ApiName, null, size, item.Align, () => _m.PhysAllocRange(size, item.Align, FourG, highMax), "high part");
            }
        }

        if (addr != 0)
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"crashkernel reserved: {Pa(addr)} - {Pa(addr + size)} ({size >> 20} MB)"));
        }

        if (high && addr >= FourG)
        {
            var low = ck.LowSize ?? Math.Max(_profile.SwiotlbSize + (8 * Sizes.MiB), 256 * Sizes.MiB);
            if (low > 0)
            {
                Record(item, item.ApiName, null, low, item.Align, () => _m.PhysAllocRange(low, item.Align, 0, FourG), "low part below 4 GiB");
            }
        }
    }

    private void Gigantic(EarlyAllocationItem item)
    {
        var nodes = _machine.MemoryNodes.Select(n => n.Id).ToArray();
        if (nodes.Length == 0)
        {
            return;
        }

        var next = 0;
        foreach (var req in _cmd.GiganticPages)
        {
            var size = req.PageSize;
            if (req.PerNode.Count > 0)
            {
                foreach (var (node, count) in req.PerNode)
                {
                    for (ulong i = 0; i < count; i++)
                    {
                        var fn = _profile.Kernel.HugepagesExactNid ? MemblockAllocFunction.ExactNidRaw : MemblockAllocFunction.TryNidRaw;
                        Record(item, fn == MemblockAllocFunction.ExactNidRaw ? "memblock_alloc_exact_nid_raw" : "memblock_alloc_try_nid_raw", node, size, size,
                            () => _m.AllocTryNid(size, size, 0, MemblockConstants.AllocAccessible, node, fn));
                    }
                }

                continue;
            }

            for (ulong i = 0; i < req.Count; i++)
            {
                var node = nodes[next++ % nodes.Length];
                Record(item, "memblock_alloc_try_nid_raw", node, size, size,
                    () => _m.AllocTryNid(size, size, 0, MemblockConstants.AllocAccessible, node, MemblockAllocFunction.TryNidRaw));
            }
        }
    }

    /// <summary>sparse_init(): mem_section roots and index pages, then per node usemap, memmap and vmemmap tables.</summary>
    private void Sparse()
    {
        var res = (string id) => EarlyAllocationCatalog.Find(id) is { } i && _profile.Resolve(i) is { } r ? ForArch(r) : null;
        var nodes = _machine.MemoryNodes.OrderBy(n => n.Ram.Min(r => r.Start)).ToArray();
        if (res("mem-section-roots") is { } roots)
        {
            Simple(roots, SizeOf(roots, _profile.MemSectionRootsSize), null);
        }

        var sectionsByNode = nodes.ToDictionary(n => n.Id, n => n.Sections(SectionSize));
        if (res("mem-section") is { } index)
        {
            // One index page per mem_section root that holds a present section, for the first node (in the order
            // above) with a section in it: one pass over the sections, not one per root.
            const ulong rootSpan = 256 * SectionSize;
            var owners = new SortedDictionary<ulong, int>();
            foreach (var n in nodes)
            {
                foreach (var s in sectionsByNode[n.Id])
                {
                    owners.TryAdd(s / rootSpan * rootSpan, n.Id);
                }
            }

            foreach (var owner in owners.Values)
            {
                Simple(index, SizeOf(index, Sizes.PageSize), owner);
            }
        }

        var sectionMap = AlignUp((SectionSize / Sizes.PageSize) * _profile.StructPageSize, EarlyAllocationCatalog.PmdSize);
        var pmdTables = new HashSet<ulong>();
        var pudTables = new HashSet<ulong>();
        foreach (var n in nodes)
        {
            var sections = sectionsByNode[n.Id];
            if (res("usemap") is { } usemap)
            {
                Usemap(usemap, n.Id, (ulong)sections.Count);
            }

            var memmap = res("memmap");
            var tables = res("vmemmap-page-tables");
            if (memmap is not null && !_profile.Kernel.MemmapPerBlock)
            {
                var total = SizeOf(memmap, sectionMap * (ulong)sections.Count);
                var buf = Record(memmap, "memblock_alloc_exact_nid_raw", n.Id, total, memmap.Align,
                    () => _m.AllocExactNidRaw(total, memmap.Align, memmap.MinAddr, memmap.MaxAddr, n.Id), "per-node buffer");
                if (buf == 0)
                {
                    _placed.RemoveAt(_placed.Count - 1);
                }

                foreach (var s in sections)
                {
                    VmemmapTables(tables, n.Id, s, pmdTables, pudTables);
                    if (buf == 0)
                    {
                        MemmapBlock(memmap, n.Id, sectionMap);
                    }
                }
            }
            else
            {
                foreach (var s in sections)
                {
                    VmemmapTables(tables, n.Id, s, pmdTables, pudTables);
                    if (memmap is not null)
                    {
                        MemmapBlock(memmap, n.Id, sectionMap);
                    }
                }
            }
        }

        UnmirroredKernelMemoryLine();
    }

    private void MemmapBlock(EarlyAllocationItem memmap, int nid, ulong sectionMap)
    {
        for (ulong off = 0; off < sectionMap; off += EarlyAllocationCatalog.PmdSize)
        {
            if (_memmapBlockFailed.TryGetValue(nid, out var warning))
            {
                // Nothing is freed between a node's blocks: once one found no memory, every later one of the node fails
                // the same way (and prints the same warning), so memblock is not walked again for each section.
                _placed.Add(new PlacedAllocation(memmap.Id, "memblock_alloc_try_nid_raw", nid, EarlyAllocationCatalog.PmdSize, memmap.Align,
                    null, null, 0, memmap.Tier, 0, VmemmapBlockNote));
                if (warning is not null)
                {
                    CountWarning(warning);
                }

                CoalesceVmemmapBlocks();
                continue;
            }

            var logBefore = _m.Log.Count;
            var addr = Record(memmap, "memblock_alloc_try_nid_raw", nid, EarlyAllocationCatalog.PmdSize, memmap.Align,
                () => _m.AllocTryNid(EarlyAllocationCatalog.PmdSize, memmap.Align, memmap.MinAddr, MemblockConstants.AllocNoLeakTrace, nid,
                    MemblockAllocFunction.TryNidRaw), VmemmapBlockNote);
            if (addr == 0)
            {
                _memmapBlockFailed[nid] = _m.Log.Skip(logBefore).Where(e => e.Kind == MemblockLogKind.Warning &&
                    e.Text.StartsWith("Could not allocate", StringComparison.Ordinal)).Select(e => e.Text).LastOrDefault();
            }

            CoalesceVmemmapBlocks();
        }
    }

    /// <summary>Nodes whose 2 MiB vmemmap block found no memory, with the warning that failure printed (if any).</summary>
    private readonly Dictionary<int, string?> _memmapBlockFailed = [];

    private const string VmemmapBlockNote = "2 MiB vmemmap block";

    /// <summary>
    /// Each 2 MiB block is its own allocation, as the kernel makes it; a block that landed right below the previous
    /// one for the same node (or failed like it) is reported with it as one run, so the plan grows with the runs of
    /// blocks, not with the sections (a map claiming 64 TiB has half a million of them).
    /// </summary>
    private void CoalesceVmemmapBlocks()
    {
        if (_placed.Count < 2 || _placed[^1] is not { Note: VmemmapBlockNote } block || _placed[^2] is not { } run ||
            run.ItemId != block.ItemId || run.RequestedNode != block.RequestedNode ||
            (run.Note != VmemmapBlockNote && !run.Note.EndsWith("vmemmap blocks", StringComparison.Ordinal)))
        {
            return;
        }

        var adjacent = (run.Address, block.Address) switch
        {
            (null, null) => true,
            ({ } r, { } b) => b + block.Size == r && run.Node == block.Node,
            _ => false,
        };
        if (!adjacent)
        {
            return;
        }

        var size = run.Size + block.Size;
        _placed.RemoveAt(_placed.Count - 1);
        _placed[^1] = run with
        {
            Size = size,
            Address = block.Address,
            MirroredBytes = run.MirroredBytes + block.MirroredBytes,
            NetSize = run.NetSize + block.NetSize,
            Note = string.Create(CultureInfo.InvariantCulture, $"{size / EarlyAllocationCatalog.PmdSize} × 2 MiB vmemmap blocks"),
        };
    }

    private void VmemmapTables(EarlyAllocationItem? tables, int nid, ulong section, HashSet<ulong> pmd, HashSet<ulong> pud)
    {
        if (tables is null)
        {
            return;
        }

        var vmemmapOffset = (section / Sizes.PageSize) * _profile.StructPageSize;
        var newTables = (pud.Add(vmemmapOffset >> 39) ? 1 : 0) + (pmd.Add(vmemmapOffset >> 30) ? 1 : 0);
        for (var i = 0; i < newTables; i++)
        {
            Record(tables, "memblock_alloc_try_nid_raw", nid, Sizes.PageSize, tables.Align,
                () => _m.AllocTryNid(Sizes.PageSize, tables.Align, tables.MinAddr, tables.MaxAddr, nid, MemblockAllocFunction.TryNidRaw));
        }
    }

    private void Usemap(EarlyAllocationItem item, int nid, ulong sections)
    {
        var size = SizeOf(item, sections * _profile.UsemapSectionSize);
        if (!_nodeData.TryGetValue(nid, out var pgdat))
        {
            Simple(item, size, nid);
            return;
        }

        var goal = pgdat & ~(SectionSize - 1);
        var limit = goal + SectionSize;
        var onNode = _machine.NodeOf(goal) ?? nid;
        var addr = Record(item, item.ApiName, nid, size, item.Align, () =>
        {
            var a = _m.AllocTryNid(size, item.Align, goal, limit, onNode);
            return a != 0 ? a : _m.AllocTryNid(size, item.Align, goal, MemblockConstants.AllocAccessible, onNode);
        }, "near NODE_DATA");
        _ = addr;
    }

    /// <summary>find_zone_movable_pfns_for_nodes() with kernelcore=mirror: the two messages it can print.</summary>
    private void UnmirroredKernelMemoryLine()
    {
        // movable_node takes precedence over kernelcore=mirror (find_zone_movable_pfns_for_nodes() skips to out2).
        if (!_cmd.KernelcoreMirror || !_mirrorFirst || _cmd.MovableNode)
        {
            return;
        }

        if (_machine.MirroredBytes == 0)
        {
            Line("The system has no mirror memory, ignore kernelcore=mirror.");
            return;
        }

        var below4GUnmirrored = _machine.Nodes.SelectMany(n => n.Ram)
            .Any(r => r.Start < FourG && _machine.MirroredPart(r) < r.Size);
        if (below4GUnmirrored)
        {
            Line("This configuration results in unmirrored kernel memory.");
        }
    }

    private void Percpu(EarlyAllocationItem item)
    {
        var groups = _machine.Nodes.Where(n => n.Cpus > 0).OrderBy(n => n.Id).ToArray();
        if (groups.Length == 0)
        {
            return;
        }

        var layout = PercpuLayout.Compute(_profile, groups.Select(g => g.Cpus).ToArray());
        foreach (var g in groups)
        {
            var units = layout.UnitsFor(g.Cpus);
            var size = SizeOf(item, (ulong)units * layout.UnitSize);
            var kept = new List<AddressRange>();
            var addr = _m.AllocTryNid(size, item.Align, item.MinAddr, item.MaxAddr, g.Id);
            if (addr != 0)
            {
                for (var u = 0; u < units; u++)
                {
                    var unit = addr + ((ulong)u * layout.UnitSize);
                    if (u >= g.Cpus)
                    {
                        _m.Free(unit, layout.UnitSize);
                        continue;
                    }

                    kept.Add(AddressRange.FromStartSize(unit, layout.SizeSum));
                    if (layout.UnitSize > layout.SizeSum)
                    {
                        _m.Free(unit + layout.SizeSum, layout.UnitSize - layout.SizeSum);
                    }
                }
            }

            Record(item, item.ApiName, g.Id, size, item.Align, () => addr,
                string.Create(CultureInfo.InvariantCulture, $"{g.Cpus} CPU(s), {units} unit(s) of {layout.UnitSize >> 10} KiB; tails freed"), kept);
        }

        Line(layout.EmbeddedLine);
    }

    private void Hash(EarlyAllocationItem item, string name, int scale)
    {
        var early = _cmd.HashDist == false || (_cmd.HashDist is null && _machine.MemoryNodes.Count() == 1);
        if (!early)
        {
            return;
        }

        const ulong bucket = 8;
        var freePages = (_m.PhysMemSize - Math.Min(_m.PhysMemSize, _m.ReservedSize)) / Sizes.PageSize;
        var allPages = freePages;
        var entries = AlignUp(freePages, Sizes.MiB / Sizes.PageSize);
        for (var adapt = (64 * Sizes.GiB) >> Sizes.PageShift; adapt < entries; adapt <<= 2)
        {
            scale++;
        }

        entries = scale > Sizes.PageShift ? entries >> (scale - Sizes.PageShift) : entries << (Sizes.PageShift - scale);
        if (entries * bucket < Sizes.PageSize)
        {
            entries = Sizes.PageSize / bucket;
        }

        entries = PlanCommandLine.RoundUpPow2(entries);
        var max = Math.Min(((allPages << Sizes.PageShift) >> 4) / bucket, 0x8000_0000UL);
        if (entries > max)
        {
            entries = 1UL << (63 - System.Numerics.BitOperations.LeadingZeroCount(Math.Max(max, 1)));
        }

        var size = SizeOf(item, entries * bucket);
        if (Simple(item, size, null) != 0)
        {
            var order = Math.Max(0, 64 - System.Numerics.BitOperations.LeadingZeroCount((size - 1) >> Sizes.PageShift));
            Line(string.Create(CultureInfo.InvariantCulture, $"{name} hash table entries: {entries} (order: {order}, {size} bytes, linear)"));
        }
    }

    private void Swiotlb(EarlyAllocationItem item)
    {
        var needed = _cmd.SwiotlbForce || (!_cmd.SwiotlbNoForce && _machine.EndOfRam > FourG);
        if (!needed)
        {
            return;
        }

        var size = SizeOf(item, _cmd.SwiotlbSlabs is { } slabs ? slabs * 2048 : _profile.SwiotlbSize);
        size = AlignUp(size, Sizes.PageSize);
        ulong addr = 0;
        while (size >= Sizes.MiB)
        {
            addr = Record(item, "memblock_alloc_low", null, size, item.Align,
                () => _m.AllocTryNid(size, item.Align, 0, EarlyAllocationCatalog.Low4G, MemblockConstants.NumaNoNode), "bounce buffer");
            if (addr != 0)
            {
                break;
            }

            _placed.RemoveAt(_placed.Count - 1);
            size /= 2;
        }

        if (addr == 0)
        {
            Line("swiotlb: cannot allocate the bounce buffer");
            return;
        }

        var nslabs = size / 2048;
        Record(item, "memblock_alloc", null, nslabs * 24, Sizes.PageSize,
            () => _m.AllocTryNid(nslabs * 24, Sizes.PageSize, 0, MemblockConstants.AllocAccessible, MemblockConstants.NumaNoNode), "slot array");
        Line(string.Create(CultureInfo.InvariantCulture, $"software IO TLB: mapped [mem {Hash018(addr)}-{Hash018(addr + size)}] ({size >> 20}MB)"));
    }
}
