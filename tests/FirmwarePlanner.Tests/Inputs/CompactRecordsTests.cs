using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Text;
using Xunit;

namespace FirmwarePlanner.Tests.Inputs;

/// <summary>
/// The fixed-size records the readers keep per line (sysfs directories, source locations) hold exactly what the
/// dictionary and nullable fields they replaced held. Hand-made lines in the two sysfs capture forms.
/// </summary>
public sealed class CompactRecordsTests
{
    [Fact]
    public void SysfsDirectorySeenAgainLaterIsOneRecordWithTheLaterFilesWinning()
    {
        string[] lines =
        [
            "/sys/firmware/memmap/1/start:0x100000",
            "/sys/firmware/memmap/0/start:0x0",
            "/sys/firmware/memmap/0/end:0x9ffff",
            "/sys/firmware/memmap/1/end:0x7fffffff",
            "/sys/firmware/memmap/1/start:0x200000",
            "/sys/firmware/memmap/1/type:System RAM",
        ];
        var records = SysfsRecords.Parse(lines, out var unmatched, out var kind);
        Assert.Empty(unmatched);
        Assert.Equal("memmap", kind);
        Assert.Equal([0, 1], records.Select(r => r.Number));
        Assert.Equal(2, records[0].FirstLine);
        Assert.False(records[0].Has(SysfsKey.Type));
        Assert.Null(records[0].Type);
        Assert.Equal(1, records[1].FirstLine);
        Assert.True(records[1].TryGetHex(SysfsKey.Start, out var start));
        Assert.Equal(0x200000UL, start);
        Assert.True(records[1].TryGetHex(SysfsKey.End, out var end));
        Assert.Equal(0x7fffffffUL, end);
        Assert.Equal("System RAM", records[1].Type);
    }

    [Fact]
    public void SysfsValueThatIsNotHexIsPresentButUnreadable()
    {
        var records = SysfsRecords.Parse(["3 phys_addr=0x1000 num_pages=lots type=0x7 attribute=0xf virt_addr=0x0"], out _, out var kind);
        var r = Assert.Single(records);
        Assert.Null(kind);
        Assert.True(r.Has(SysfsKey.NumPages));
        Assert.False(r.TryGetHex(SysfsKey.NumPages, out _));
        Assert.True(r.TryGetHex(SysfsKey.Type, out var type));
        Assert.Equal(7UL, type);
        Assert.False(r.Has(SysfsKey.Start));
        Assert.Equal("num_pages", SysfsRecords.FileName(SysfsKey.NumPages));
    }

    [Fact]
    public void SourceLocationKeepsOffsetLineOrNeither()
    {
        Assert.Equal((0L, (int?)null), (SourceLocation.AtOffset("m.bin", 0).Offset!.Value, SourceLocation.AtOffset("m.bin", 0).Line));
        Assert.Equal((null, 7), (SourceLocation.AtLine("log", 7).Offset, SourceLocation.AtLine("log", 7).Line!.Value));
        Assert.Equal("log:7", SourceLocation.AtLine("log", 7).ToString());
        Assert.Equal("m.bin@0x1c", SourceLocation.AtOffset("m.bin", 0x1c).ToString());
        Assert.Equal("whole", SourceLocation.Whole("whole").ToString());
        Assert.Null(SourceLocation.Whole("whole").Offset);
        Assert.Null(SourceLocation.Whole("whole").Line);
        Assert.NotEqual(SourceLocation.AtOffset("x", 5), SourceLocation.AtLine("x", 5));
        Assert.Equal(SourceLocation.AtLine("x", int.MaxValue), new SourceLocation("x", null, int.MaxValue));
        Assert.Equal(int.MaxValue, SourceLocation.AtLine("x", int.MaxValue).Line);
        Assert.Equal(-3, SourceLocation.AtLine("x", -3).Line);
    }
}
