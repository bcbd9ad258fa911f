using CsCheck;
using FirmwarePlanner.Memblock;
using FirmwarePlanner.Memblock.Storage;

namespace FirmwarePlanner.Tests.Memblock;

/// <summary>Both region tables behave like a plain list under thousands of inserts and removals (chunk splits, empties).</summary>
public class RegionTableTests
{
    [Theory]
    [InlineData(MemblockStorage.Chunked)]
    [InlineData(MemblockStorage.LinearArray)]
    public void RandomEdits_MatchAList(MemblockStorage storage) =>
        Gen.Int.Array[1000, 4000].Sample(ops =>
        {
            var table = RegionTable.Create(storage);
            var list = new List<MemblockRegion>();
            ulong next = 0;
            foreach (var op in ops)
            {
                var at = list.Count == 0 ? 0 : (int)((uint)op % (uint)(list.Count + 1));
                if (op % 17 == 0 && list.Count > 0)
                {
                    var index = Math.Min(at, list.Count - 1);
                    var count = Math.Min(1 + ((op >>> 8) % (op % 3 == 0 ? 300 : 8)), list.Count - index);
                    table.RemoveRange(index, count);
                    list.RemoveRange(index, count);
                }
                else
                {
                    var r = new MemblockRegion(next++, 1, MemblockFlags.None, op & 7);
                    table.Insert(at, r);
                    list.Insert(at, r);
                }

                Assert.Equal(list.Count, table.Count);
                if (list.Count > 0)
                {
                    var probe = (int)((uint)op % (uint)list.Count);
                    Assert.Equal(list[probe], table[probe]);
                }
            }

            Assert.Equal(list.ToArray(), table.ToArray());
            for (var i = 0; i < list.Count; i++)
            {
                Assert.Equal(list[i], table[i]);
            }
        }, iter: 30, threads: 1);

    [Theory]
    [InlineData(MemblockStorage.Chunked)]
    [InlineData(MemblockStorage.LinearArray)]
    public void FirstEndingAbove_IsTheFirstRegionPastTheAddress(MemblockStorage storage)
    {
        var table = RegionTable.Create(storage);
        for (var i = 0; i < 1000; i++)
        {
            table.Insert(i, new MemblockRegion((ulong)i * 0x2000, 0x1000, MemblockFlags.None, 0));
        }

        Assert.Equal(0, table.FirstEndingAbove(0));
        Assert.Equal(1, table.FirstEndingAbove(0x1000));
        Assert.Equal(1, table.FirstEndingAbove(0x2000));
        Assert.Equal(600, table.FirstEndingAbove(600 * 0x2000 - 1));
        Assert.Equal(999, table.FirstEndingAbove(999 * 0x2000));
        Assert.Equal(1000, table.FirstEndingAbove(999 * 0x2000 + 0x1000));
    }
}
