using FirmwarePlanner.Kernel;
using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock;

namespace FirmwarePlanner.Linux;

/// <summary>The memblock queries the boot path needs on top of <see cref="MemblockEngine"/>.</summary>
public static class BootMemblock
{
    /// <summary>
    /// The memblock engine that behaves like the target's: 7.x memblock (MEMBLOCK_RSRV_KERN, KHO scratch, reserved
    /// regions with nid and flags) from 7.0 on, the 6.x memblock before (6.1 and 6.12 agree on every path modelled).
    /// </summary>
    public static MemblockRevision MemblockVersion(this KernelTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Release.AtLeast(7, 0) ? MemblockRevision.Linux7_2 : MemblockRevision.Linux6_12;
    }

    /// <summary><c>memblock_overlaps_region(&amp;memblock.memory, start, end - start)</c>.</summary>
    public static bool MemoryOverlaps(this MemblockEngine memblock, ulong start, ulong end)
    {
        ArgumentNullException.ThrowIfNull(memblock);
        for (var i = 0; i < memblock.CountOf(MemblockTypeKind.Memory); i++)
        {
            var r = memblock.RegionAt(MemblockTypeKind.Memory, i);
            if (r.Base < end && start < r.End)
            {
                return true;
            }
        }

        return false;
    }
}
