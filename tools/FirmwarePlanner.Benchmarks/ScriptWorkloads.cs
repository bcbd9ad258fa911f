using System.Globalization;
using System.Text;
using static FirmwarePlanner.Benchmarks.MemblockWorkloads;

namespace FirmwarePlanner.Benchmarks;

/// <summary>
/// The workloads of <see cref="MemblockWorkloads"/> as memblock scripts (the .ops language), so that the engine
/// and the kernel's own mm/memblock.c (the oracle) run exactly the same operations.
/// </summary>
public static class ScriptWorkloads
{
    /// <summary><see cref="MemblockWorkloads.Boot"/>: scenario 42's x86-64 UEFI boot plus sparse_init's memmap blocks.</summary>
    public static string Boot()
    {
        var s = new StringBuilder("# bench: x86-64 UEFI boot with kernelcore=mirror and sparse_init (MemblockWorkloads.Boot)\n");
        Ops(s, "current_limit 0x100000", "allow_resize", "add 0x0 0x9f000", "add 0x100000 0x5ff00000",
            "add 0x61000000 0x1e000000", "add 0x100000000 0x380000000", "add 0x480000000 0x400000000", "trim 0x1000",
            "reserve_kern 0x1000000 0x3000000", "reserve 0x0 0x10000", "reserve_kern 0x5c000000 0x3000000",
            "reserve 0x9f000 0x61000", "kernelcore_mirror 1", "mark_mirror 0x0 0x40000000",
            "mark_mirror 0x100000000 0x80000000", "mark_mirror 0x480000000 0x80000000", "reserve 0x5a000000 0x1000000",
            "phys_alloc 0x7000 0x1000 0 0x100000 any", "reserve 0x0 0x100000",
            "phys_alloc 0x200000 0x200000 0x100000 0x880000000 any", "free_last", "current_limit 0x880000000",
            "set_node 0 0x480000000 0", "set_node 0x480000000 0x400000000 1", "set_node 0 0x480000000 0 reserved",
            "set_node 0x480000000 0x400000000 1 reserved", "phys_alloc_try_nid 0x2b000 64 0",
            "phys_alloc_try_nid 0x2b000 64 1", "phys_alloc_range 0x20000000 0x1000000 0 0x100000000",
            "alloc 0x4000 64 0 ACCESSIBLE any");
        for (var nid = 0; nid < 2; nid++)
        {
            Ops(s, $"alloc 0x1000 64 0 ACCESSIBLE {nid}", $"alloc 0x2000 64 0 ACCESSIBLE {nid}");
            for (var section = 0; section < 128; section++)
            {
                Ops(s, $"alloc 0x200000 0x200000 0x1000000 NOLEAKTRACE {nid}");
            }

            Ops(s, $"alloc 0x800000 0x200000 0x1000000 ACCESSIBLE {nid}");
        }

        Ops(s, "alloc 0x4000000 0x1000 0 LOW_LIMIT any", "alloc 0xc0000 0x1000 0 ACCESSIBLE any",
            "alloc 0x40000000 0x40000000 0 ACCESSIBLE 0", "alloc 0x40000000 0x40000000 0 ACCESSIBLE 1", "sizes");
        return s.ToString();
    }

    /// <summary><see cref="MemblockWorkloads.FragmentedMap"/>: n disjoint RAM ranges in shuffled order, n/8 mirror marks.</summary>
    public static string FragmentedMap(int n)
    {
        var s = new StringBuilder($"# bench: fragmented map of {n} ranges (MemblockWorkloads.FragmentedMap)\n");
        Ops(s, "allow_resize", "kernelcore_mirror 1", Hex($"add 0x{0x100000000000UL:x} 0x{GiB:x}"));
        foreach (var i in Shuffled(n, 1))
        {
            s.Append(Hex($"add 0x{4 * GiB + (ulong)i * 3 * MiB:x} 0x{2 * MiB:x} {i * 4 / n}\n"));
        }

        foreach (var i in Shuffled(n / 8, 2))
        {
            s.Append(Hex($"mark_mirror 0x{4 * GiB + (ulong)i * 24 * MiB:x} 0x{MiB:x}\n"));
        }

        Ops(s, "sizes");
        return s.ToString();
    }

    /// <summary><see cref="MemblockWorkloads.ManyReservations"/>: n reservations over 64 GiB, 200 allocations, all freed.</summary>
    public static string ManyReservations(int n)
    {
        var s = new StringBuilder($"# bench: {n} reservations (MemblockWorkloads.ManyReservations)\n");
        Ops(s, "allow_resize", Hex($"add 0 0x{64 * GiB:x} 0"));
        var stride = 64 * GiB / (ulong)n;
        foreach (var i in Shuffled(n, 3))
        {
            s.Append(Hex($"reserve 0x{(ulong)i * stride + 0x1000:x} 0x1000\n"));
        }

        for (var i = 0; i < 200; i++)
        {
            Ops(s, "alloc 0x3000 0x1000 0 ACCESSIBLE 0");
        }

        foreach (var i in Shuffled(n, 4))
        {
            s.Append(Hex($"free 0x{(ulong)i * stride + 0x1000:x} 0x1000\n"));
        }

        Ops(s, "sizes");
        return s.ToString();
    }

    private static void Ops(StringBuilder s, params string[] lines)
    {
        foreach (var l in lines)
        {
            s.Append(l).Append('\n');
        }
    }

    private static string Hex(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
