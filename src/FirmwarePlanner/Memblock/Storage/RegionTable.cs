namespace FirmwarePlanner.Memblock.Storage;

/// <summary>
/// The sorted, non-overlapping region array of one memblock type, addressed by index like the kernel's
/// <c>type-&gt;regions[]</c>. The engine keeps every invariant; a table only stores and finds.
/// </summary>
internal abstract class RegionTable
{
    public abstract int Count { get; }

    public abstract MemblockRegion this[int index] { get; set; }

    /// <summary>Inserts at <paramref name="index"/>, shifting later regions up.</summary>
    public abstract void Insert(int index, MemblockRegion region);

    /// <summary>Removes <paramref name="count"/> regions from <paramref name="index"/> on.</summary>
    public abstract void RemoveRange(int index, int count);

    /// <summary>
    /// The first index whose region ends above <paramref name="address"/> (or <see cref="Count"/>): where the
    /// kernel's walks stop skipping regions with <c>rend &lt;= base</c>. Ends are sorted because regions are.
    /// </summary>
    public abstract int FirstEndingAbove(ulong address);

    /// <summary>All regions in order (a copy).</summary>
    public abstract MemblockRegion[] ToArray();

    public static RegionTable Create(MemblockStorage storage) => storage switch
    {
        MemblockStorage.LinearArray => new LinearRegionTable(),
        _ => new ChunkedRegionTable(),
    };
}
