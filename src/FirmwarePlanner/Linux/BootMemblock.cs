namespace FirmwarePlanner.Linux;

/// <summary>memblock region flags as the boot path sets them (values of <c>enum memblock_flags</c>).</summary>
[Flags]
public enum RegionMarks
{
    None = 0,
    Hotplug = 0x1,
    Mirror = 0x2,
    NoMap = 0x4,
}

/// <summary>One <c>memblock.memory</c> region: base, size, node id (<see cref="BootMemblock.MaxNumNodes"/> = none yet) and flags.</summary>
public sealed record BootMemoryRegion(ulong Base, ulong Size, int Nid, RegionMarks Flags)
{
    public ulong End => Base + Size;
}

/// <summary>
/// The <c>memblock.memory</c> operations the boot path performs, in the kernel's semantics (mm/memblock.c):
/// add never changes existing regions and merges neighbours with equal nid and flags; flag and node changes
/// split regions at the range edges and touch only existing memory.
/// </summary>
public interface IBootMemblock
{
    IReadOnlyList<BootMemoryRegion> Memory { get; }

    void Add(ulong baseAddress, ulong size);

    void Remove(ulong baseAddress, ulong size);

    void TrimMemory(ulong align);

    void SetFlag(ulong baseAddress, ulong size, RegionMarks flag, bool setFlag);

    void SetNode(ulong baseAddress, ulong size, int nid);

    /// <summary><c>memblock_enforce_memory_limit()</c> on the memory array (arm64 <c>mem=</c>).</summary>
    void EnforceMemoryLimit(ulong limit);
}

/// <summary>Factory for the memblock instance the boot model drives.</summary>
public static class BootMemblock
{
    /// <summary>MAX_NUMNODES of the modeled kernels (CONFIG_NODES_SHIFT=10): the nid of a region memblock_add()ed.</summary>
    public const int MaxNumNodes = 1024;

    public static IBootMemblock Create() => new InterimMemoryArray();

    public static bool IsValidNode(int nid) => nid >= 0 && nid < MaxNumNodes;

    public static ulong StartOfDram(this IBootMemblock mb) => mb.Memory.Count == 0 ? 0 : mb.Memory[0].Base;

    public static ulong EndOfDram(this IBootMemblock mb) => mb.Memory.Count == 0 ? 0 : mb.Memory[^1].End;

    public static bool Overlaps(this IBootMemblock mb, ulong start, ulong end) =>
        mb.Memory.Any(r => r.Base < end && start < r.End);
}
