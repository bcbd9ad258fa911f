namespace FirmwarePlanner.Memblock.Storage;

/// <summary>
/// The kernel's own storage: one array, walked from index 0 and shifted for every insert and removal. Kept
/// as the benchmark baseline and as a second implementation the tests compare against.
/// </summary>
internal sealed class LinearRegionTable : RegionTable
{
    private MemblockRegion[] _items = new MemblockRegion[MemblockConstants.InitRegions];
    private int _count;

    public override int Count => _count;

    public override MemblockRegion this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    public override void Insert(int index, MemblockRegion region)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        Array.Copy(_items, index, _items, index + 1, _count - index);
        _items[index] = region;
        _count++;
    }

    public override void RemoveRange(int index, int count)
    {
        // One region at a time from the top, as memblock_remove_range() calls memblock_remove_region().
        for (var i = index + count - 1; i >= index; i--)
        {
            Array.Copy(_items, i + 1, _items, i, _count - (i + 1));
            _count--;
        }
    }

    public override int FirstEndingAbove(ulong address)
    {
        var i = 0;
        while (i < _count && _items[i].End <= address)
        {
            i++;
        }

        return i;
    }

    public override MemblockRegion[] ToArray() => _items.AsSpan(0, _count).ToArray();
}
