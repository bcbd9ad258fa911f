using FirmwarePlanner.Acpi;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>The 8-bit table sum, over lengths around the vector width (lanes, then the tail).</summary>
public class AcpiChecksumTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(31, 496)] // 1 + 2 + ... + n, mod 256 below
    [InlineData(32, 528)]
    [InlineData(33, 561)]
    [InlineData(100, 5050)]
    [InlineData(1000, 500500)]
    public void Sum_OfOneToN_IsTheTriangleNumberModulo256(int n, int triangle)
    {
        var bytes = Enumerable.Range(1, n).Select(i => (byte)i).ToArray();
        Assert.Equal((byte)(triangle % 256), AcpiChecksum.Sum(bytes));
    }
}
