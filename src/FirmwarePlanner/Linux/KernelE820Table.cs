using FirmwarePlanner.E820;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Linux;

/// <summary>
/// The kernel's e820 table and its editing functions (arch/x86/kernel/e820.c): range add, update, remove and
/// the sanitizer (<c>e820__update_table</c>), each logging what the kernel logs into <paramref name="log"/>.
/// Capacity is <see cref="MaxEntries"/>; entries past it are dropped with the kernel's message. With
/// <paramref name="systemRamNames"/> (7.x) types print as the 7.x <c>e820_print_type()</c> names them and the table
/// print shows its holes as <c>[gap …]</c> lines.
/// </summary>
internal sealed class KernelE820Table(BootLog log, bool systemRamNames)
{
    /// <summary>E820_MAX_ENTRIES = E820_MAX_ENTRIES_ZEROPAGE (128) + 3 * MAX_NUMNODES; with MAX_NUMNODES 1024.</summary>
    public const int MaxEntries = 128 + (3 * 1024);

    private readonly List<E820Entry> entries = [];

    public IReadOnlyList<E820Entry> Entries => entries;

    public void Clear() => entries.Clear();

    public void Add(ulong start, ulong size, E820Type type)
    {
        if (entries.Count >= MaxEntries)
        {
            log.Add(BootLineGroup.E820Edits, "e820: too many entries; ignoring [mem " + KernelFormat.Hash010(start) + "-" + KernelFormat.Hash010(start + size - 1) + "]");
            return;
        }

        entries.Add(new E820Entry(start, size, type));
    }

    /// <summary><c>e820__print_table(who)</c>; 7.x prints <c>"%s: [gap %#018Lx-%#018Lx]"</c> before an entry that starts above the previous end (from 0).</summary>
    public void Print(string who, BootLineGroup group)
    {
        if (!log.Keeps)
        {
            return;
        }

        ulong previousEnd = 0;
        foreach (var e in entries)
        {
            if (systemRamNames && e.Start > previousEnd)
            {
                log.Add(group, who + ": [gap " + KernelFormat.Hash018(previousEnd) + "-" + KernelFormat.Hash018(e.Start - 1) + "]");
            }

            log.Add(group, e.Render(who, systemRamNames));
            previousEnd = e.End;
        }
    }

    /// <summary><c>e820__range_update()</c>: entries of <paramref name="oldType"/> inside the range change type.</summary>
    public ulong Update(ulong start, ulong size, E820Type oldType, E820Type newType)
    {
        if (size > ulong.MaxValue - start)
        {
            size = ulong.MaxValue - start;
        }

        var end = start + size;
        log.Add(BootLineGroup.E820Edits, "e820: update [mem " + KernelFormat.Hash010(start) + "-" + KernelFormat.Hash010(end - 1) + "] " + oldType.PrintName(systemRamNames) + " ==> " + newType.PrintName(systemRamNames));
        ulong updated = 0;
        var count = entries.Count;
        for (var i = 0; i < count; i++)
        {
            var e = entries[i];
            if (e.Type != oldType)
            {
                continue;
            }

            var eEnd = e.End;
            if (e.Start >= start && eEnd <= end)
            {
                entries[i] = e with { Type = newType };
                updated += e.Size;
                continue;
            }

            if (e.Start < start && eEnd > end)
            {
                Add(start, size, newType);
                Add(end, eEnd - end, e.Type);
                entries[i] = e with { Size = start - e.Start };
                updated += size;
                continue;
            }

            var fs = Math.Max(start, e.Start);
            var fe = Math.Min(end, eEnd);
            if (fs >= fe)
            {
                continue;
            }

            Add(fs, fe - fs, newType);
            updated += fe - fs;
            var newSize = e.Size - (fe - fs);
            entries[i] = e.Start < fs ? e with { Size = newSize } : e with { Start = fe, Size = newSize };
        }

        return updated;
    }

    /// <summary><c>e820__range_remove()</c>; with <paramref name="checkType"/> only entries of that type.</summary>
    public ulong Remove(ulong start, ulong size, E820Type oldType, bool checkType)
    {
        if (size > ulong.MaxValue - start)
        {
            size = ulong.MaxValue - start;
        }

        var end = start + size;
        log.Add(BootLineGroup.E820Edits, "e820: remove [mem " + KernelFormat.Hash010(start) + "-" + KernelFormat.Hash010(end - 1) + "]" + (checkType ? " " + oldType.PrintName(systemRamNames) : string.Empty));
        ulong removed = 0;
        var count = entries.Count;
        for (var i = 0; i < count; i++)
        {
            var e = entries[i];
            if (checkType && e.Type != oldType)
            {
                continue;
            }

            var eEnd = e.End;
            if (e.Start >= start && eEnd <= end)
            {
                removed += e.Size;
                entries[i] = new E820Entry(0, 0, default);
                continue;
            }

            if (e.Start < start && eEnd > end)
            {
                Add(end, eEnd - end, e.Type);
                entries[i] = e with { Size = start - e.Start };
                removed += size;
                continue;
            }

            var fs = Math.Max(start, e.Start);
            var fe = Math.Min(end, eEnd);
            if (fs >= fe)
            {
                continue;
            }

            removed += fe - fs;
            var newSize = e.Size - (fe - fs);
            entries[i] = e.Start < fs ? e with { Size = newSize } : e with { Start = fe, Size = newSize };
        }

        return removed;
    }

    /// <summary>
    /// <c>e820__update_table()</c>: rebuilds the table from change points so that it is sorted, without overlaps
    /// (highest type number wins) and with equal neighbours merged (except PRAM and soft reserved). Returns false
    /// (table unchanged) for fewer than two entries or an entry that wraps around 2^64.
    /// </summary>
    public bool Sanitize()
    {
        if (entries.Count < 2 || entries.Any(e => e.Start + e.Size < e.Start))
        {
            return false;
        }

        var points = new List<(ulong Addr, int Entry, bool IsEnd)>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Size != 0)
            {
                points.Add((entries[i].Start, i, false));
                points.Add((entries[i].End, i, true));
            }
        }

        // cpcompare: by address, then starts before ends. The kernel's heap sort is not stable; ties between two
        // starts or two ends do not change the result because the type is recomputed from the whole overlap set.
        points.Sort((a, b) => a.Addr != b.Addr ? a.Addr.CompareTo(b.Addr) : a.IsEnd.CompareTo(b.IsEnd));

        var overlap = new List<int>();
        var result = new List<E820Entry>();
        var lastType = default(E820Type);
        ulong lastAddr = 0;
        foreach (var (addr, entry, isEnd) in points)
        {
            if (!isEnd)
            {
                overlap.Add(entry);
            }
            else
            {
                overlap.Remove(entry);
            }

            var current = default(E820Type);
            foreach (var o in overlap)
            {
                if (entries[o].Type.Value > current.Value)
                {
                    current = entries[o].Type;
                }
            }

            if (current != lastType || NoMerge(current))
            {
                if (lastType.Value != 0 && addr - lastAddr != 0)
                {
                    result.Add(new E820Entry(lastAddr, addr - lastAddr, lastType));
                }

                if (current.Value != 0)
                {
                    lastAddr = addr;
                }

                lastType = current;
            }
        }

        entries.Clear();
        entries.AddRange(result.Take(MaxEntries));
        return true;
    }

    /// <summary><c>e820__end_ram_pfn(limit)</c>: highest RAM/ACPI pfn below the limit, as the kernel's loop computes it.</summary>
    public ulong EndOfRamPfn(ulong limitPfn)
    {
        const ulong maxArchPfn = 1UL << (46 - 12);
        ulong last = 0;
        foreach (var e in entries)
        {
            if (e.Type != E820Type.Ram && e.Type != E820Type.Acpi)
            {
                continue;
            }

            var s = e.Start >> 12;
            var en = (e.Start + e.Size) >> 12;
            if (s >= limitPfn)
            {
                continue;
            }

            if (en > limitPfn)
            {
                last = limitPfn;
                break;
            }

            last = Math.Max(last, en);
        }

        return Math.Min(last, maxArchPfn);
    }

    private static bool NoMerge(E820Type type) => type == E820Type.Pram || type == E820Type.SoftReserved;
}
