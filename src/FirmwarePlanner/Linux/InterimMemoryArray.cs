namespace FirmwarePlanner.Linux;

/// <summary>
/// Stand-in for the memory array of the memblock engine (src/FirmwarePlanner/Memblock) until it lands on main:
/// only the memory-side operations the boot path uses, following memblock_add_range / isolate / merge.
/// </summary>
internal sealed class InterimMemoryArray : IBootMemblock
{
    private readonly List<BootMemoryRegion> regions = [];

    public IReadOnlyList<BootMemoryRegion> Memory => regions;

    public void Add(ulong baseAddress, ulong size)
    {
        size = Cap(baseAddress, size);
        if (size == 0)
        {
            return;
        }

        var end = baseAddress + size;
        var cursor = baseAddress;
        var added = new List<BootMemoryRegion>();
        foreach (var r in regions)
        {
            if (r.Base >= end)
            {
                break;
            }

            if (r.End <= cursor)
            {
                continue;
            }

            if (r.Base > cursor)
            {
                added.Add(new BootMemoryRegion(cursor, r.Base - cursor, BootMemblock.MaxNumNodes, RegionMarks.None));
            }

            cursor = Math.Min(r.End, end);
        }

        if (cursor < end)
        {
            added.Add(new BootMemoryRegion(cursor, end - cursor, BootMemblock.MaxNumNodes, RegionMarks.None));
        }

        regions.AddRange(added);
        regions.Sort((a, b) => a.Base.CompareTo(b.Base));
        Merge();
    }

    public void Remove(ulong baseAddress, ulong size)
    {
        var (s, e) = Isolate(baseAddress, size);
        regions.RemoveRange(s, e - s);
    }

    public void TrimMemory(ulong align)
    {
        for (var i = 0; i < regions.Count; i++)
        {
            var r = regions[i];
            var start = (r.Base + align - 1) & ~(align - 1);
            var end = r.End & ~(align - 1);
            if (start >= end)
            {
                regions.RemoveAt(i--);
                continue;
            }

            regions[i] = r with { Base = start, Size = end - start };
        }
    }

    public void SetFlag(ulong baseAddress, ulong size, RegionMarks flag, bool setFlag)
    {
        var (s, e) = Isolate(baseAddress, size);
        for (var i = s; i < e; i++)
        {
            regions[i] = regions[i] with { Flags = setFlag ? regions[i].Flags | flag : regions[i].Flags & ~flag };
        }

        Merge();
    }

    public void SetNode(ulong baseAddress, ulong size, int nid)
    {
        var (s, e) = Isolate(baseAddress, size);
        for (var i = s; i < e; i++)
        {
            regions[i] = regions[i] with { Nid = nid };
        }

        Merge();
    }

    public void EnforceMemoryLimit(ulong limit)
    {
        if (limit == 0)
        {
            return;
        }

        ulong maxAddr = ulong.MaxValue;
        foreach (var r in regions)
        {
            if (limit <= r.Size)
            {
                maxAddr = r.Base + limit;
                break;
            }

            limit -= r.Size;
        }

        if (maxAddr != ulong.MaxValue)
        {
            Remove(maxAddr, ulong.MaxValue - maxAddr);
        }
    }

    private static ulong Cap(ulong baseAddress, ulong size) => Math.Min(size, ulong.MaxValue - baseAddress);

    private (int Start, int End) Isolate(ulong baseAddress, ulong size)
    {
        size = Cap(baseAddress, size);
        var end = baseAddress + size;
        for (var i = 0; i < regions.Count; i++)
        {
            var r = regions[i];
            foreach (var cut in new[] { baseAddress, end })
            {
                if (r.Base < cut && cut < r.End)
                {
                    regions[i] = r with { Size = cut - r.Base };
                    regions.Insert(i + 1, r with { Base = cut, Size = r.End - cut });
                    r = regions[i];
                }
            }
        }

        var s = regions.FindIndex(r => r.Base >= baseAddress && r.End <= end && size > 0);
        if (s < 0)
        {
            return (0, 0);
        }

        var e = s;
        while (e < regions.Count && regions[e].End <= end)
        {
            e++;
        }

        return (s, e);
    }

    private void Merge()
    {
        for (var i = 0; i + 1 < regions.Count; i++)
        {
            var a = regions[i];
            var b = regions[i + 1];
            if (a.End == b.Base && a.Nid == b.Nid && a.Flags == b.Flags)
            {
                regions[i] = a with { Size = a.Size + b.Size };
                regions.RemoveAt(i + 1);
                i--;
            }
        }
    }
}
