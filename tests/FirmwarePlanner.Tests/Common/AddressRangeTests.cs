using FirmwarePlanner.Text;
using CsCheck;
using FirmwarePlanner.Common;

namespace FirmwarePlanner.Tests.Common;

public class AddressRangeTests
{
    [Fact]
    public void PrintsInclusiveEndLikeTheKernel()
    {
        Assert.Equal("[0x0000000000100000-0x000000003fffffff]", new AddressRange(0x100000, 0x40000000).ToString());
    }

    [Fact]
    public void IntersectionIsHalfOpen()
    {
        var a = new AddressRange(0x1000, 0x3000);
        Assert.Null(a.Intersect(new AddressRange(0x3000, 0x4000)));
        Assert.Equal(new AddressRange(0x2000, 0x3000), a.Intersect(new AddressRange(0x2000, 0x5000)));
        Assert.True(a.Touches(new AddressRange(0x3000, 0x4000)));
        Assert.False(a.Overlaps(new AddressRange(0x3000, 0x4000)));
    }

    [Fact]
    public void OverlapIsSymmetricAndAgreesWithIntersect() =>
        Gen.Select(Gen.ULong, Gen.ULong, Gen.ULong, Gen.ULong).Sample((a, b, c, d) =>
        {
            var x = new AddressRange(Math.Min(a, b), Math.Max(a, b));
            var y = new AddressRange(Math.Min(c, d), Math.Max(c, d));
            return x.Overlaps(y) == y.Overlaps(x) && x.Overlaps(y) == (x.Intersect(y) is not null);
        });

    [Theory]
    [InlineData("4096", 4096UL)]
    [InlineData("0x1000", 4096UL)]
    [InlineData("64M", 64UL << 20)]
    [InlineData("2g", 2UL << 30)]
    [InlineData("1E", 1UL << 60)]
    public void MemparseAcceptsKernelSizes(string text, ulong expected)
    {
        Assert.True(KernelParse.TryMemparseWhole(text, out var v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("M")]
    [InlineData("16E")]
    [InlineData("-1")]
    [InlineData("0xZZ")]
    public void MemparseRejectsNonsense(string text) => Assert.False(KernelParse.TryMemparseWhole(text, out _));
}
