using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock;
using FirmwarePlanner.Planning;

namespace FirmwarePlanner.Tests.Planning;

/// <summary>Hand-built machines for the per-node arithmetic: RAM, mirror and CPUs per node, memblock seeded directly.</summary>
internal static class SyntheticMachine
{
    public const ulong G = Sizes.GiB;
    public const ulong M = Sizes.MiB;

    /// <summary>Low RAM [1 MiB, 2 GiB) on node 0 plus one high range per node; mirrored ranges as given.</summary>
    public static PlanningMachine Build(string name, (ulong Start, ulong End, ulong MirrorStart, ulong MirrorEnd, int Cpus)[] nodes, string cmdline = "kernelcore=mirror")
    {
        var list = nodes.Select((n, id) =>
        {
            var ram = new List<AddressRange>();
            if (id == 0)
            {
                ram.Add(new AddressRange(M, 2 * G));
            }

            ram.Add(new AddressRange(n.Start, n.End));
            var mirror = n.MirrorEnd > n.MirrorStart ? new[] { new AddressRange(n.MirrorStart, n.MirrorEnd) } : [];
            return new PlanningNode(id, ram, mirror, n.Cpus);
        }).ToArray();
        var total = list.Aggregate(0UL, (a, n) => a + n.RamBytes);
        var cmd = PlanCommandLine.Parse(cmdline, total);
        var image = AddressRange.FromStartSize(16 * M, 0x2c11000);
        MemblockEngine Create(bool mirrorFirst)
        {
            var m = MemblockEngine.Create(MemblockRevision.Linux6_12);
            m.MirroredKernelcore = mirrorFirst;
            m.CurrentLimit = M;
            m.Reserve(0, 64 * Sizes.KiB);
            m.Reserve(image.Start, image.Size);
            m.AllowResize();
            m.Add(0x1000, 0x9f000);
            foreach (var r in list.SelectMany(n => n.Ram))
            {
                m.Add(r.Start, r.Size);
            }

            foreach (var r in list.SelectMany(n => n.Mirrored))
            {
                m.MarkMirror(r.Start, r.Size);
            }

            return m;
        }

        return new PlanningMachine(name, list, cmd, Create, KernelImage: image);
    }

    /// <summary>The profile the expectations below are computed with: no initrd, no log_buf_len, 1 CPU per node.</summary>
    public static PlanningProfile Profile => PlanningProfile.BuiltIn with { Initrd = new LoaderPlacement(0, null) };

    /// <summary>struct page array of a range in whole 128 MiB sections: 2 MiB per section.</summary>
    public static ulong Memmap(ulong bytes) => (bytes + (128 * M) - 1) / (128 * M) * 2 * M;
}
