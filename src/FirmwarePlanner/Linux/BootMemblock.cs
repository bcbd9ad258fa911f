using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock;

namespace FirmwarePlanner.Linux;

/// <summary>The memblock queries the boot path needs on top of <see cref="MemblockEngine"/>.</summary>
public static class BootMemblock
{
    /// <summary>The memblock engine version that behaves like the profile's kernel (6.1 memblock = 6.12 for these paths).</summary>
    public static KernelVersion MemblockVersion(this KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return string.Equals(profile.Version, "7.2", StringComparison.Ordinal) ? KernelVersion.Linux7_2 : KernelVersion.Linux6_12;
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
