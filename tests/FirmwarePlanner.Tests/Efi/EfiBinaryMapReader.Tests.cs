using System.Buffers.Binary;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Efi;

public class EfiBinaryMapReaderTests
{
    /// <summary>Real GetMemoryMap buffers (48-byte descriptors, version 1) captured with the log of the same boot.</summary>
    [Theory]
    [InlineData("qemu/d1-q35-2node-mirror512M-612-bin", 143)]
    [InlineData("qemu/e-pc-2node-612-bin", 138)]
    public void RealBufferMatchesTheKernelsPrintOfTheSameBoot(string folder, int count)
    {
        var data = Fixtures.Bytes([.. folder.Split('/'), "efi-memmap.bin"]);
        var detected = EfiBinaryMapReader.Read(data, "bin", null, null);
        Assert.Equal(48u, detected.DescriptorSize);
        Assert.Equal(count, detected.Descriptors.Count);
        Assert.DoesNotContain(detected.Diagnostics, d => d.Severity > Diagnostics.Severity.Note);

        var printed = Assert.Single(FixtureInputs.Read(folder + "/efi-memmap.txt").EfiMaps);
        Assert.Equal(EfiLogFormat.Lines(printed.Descriptors), EfiLogFormat.Lines(detected.Descriptors));
    }

    [Fact]
    public void BundleUsesTheMetadataFile()
    {
        var inputs = FixtureInputs.Read("qemu/d1-q35-2node-mirror512M-612-bin/efi-memmap.bin", "qemu/d1-q35-2node-mirror512M-612-bin/efi-memmap-bin.json");
        var map = inputs.EfiMaps.Single(m => m.Form == EfiMapForm.Binary);
        Assert.Equal(48u, map.DescriptorSize);
        Assert.Equal("efi: Memory: 512M/4355M mirrored memory", map.Mirror.Line);
        Assert.Same(map, inputs.FirmwareEfiMap);
    }

    private static byte[] Map(int stride, params (uint Type, ulong Start, ulong Pages, ulong Attr)[] entries)
    {
        var bytes = new byte[stride * entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var s = bytes.AsSpan(i * stride);
            BinaryPrimitives.WriteUInt32LittleEndian(s, entries[i].Type);
            BinaryPrimitives.WriteUInt64LittleEndian(s[8..], entries[i].Start);
            BinaryPrimitives.WriteUInt64LittleEndian(s[24..], entries[i].Pages);
            BinaryPrimitives.WriteUInt64LittleEndian(s[32..], entries[i].Attr);
        }

        return bytes;
    }

    private static readonly (uint, ulong, ulong, ulong)[] Good =
        [(3, 0, 1, 0xf), (7, 0x1000, 0x9f, 0xf), (7, 0x100000, 0x3ff00, 0x1000f), (11, 0xffc00000, 0x400, 0x8000000000000001)];

    [Theory]
    [InlineData(40)]
    [InlineData(48)]
    [InlineData(56)]
    public void DetectsTheStride(int stride)
    {
        var map = EfiBinaryMapReader.Read(Map(stride, Good), "m", null, null);
        Assert.Equal((uint)stride, map.DescriptorSize);
        Assert.Equal(4, map.Descriptors.Count);
        Assert.Equal("efi: Memory: 1023M/1027M mirrored memory", map.Mirror.Line);
    }

    [Fact]
    public void MalformedMap_DescriptorSizeBelow40()
    {
        var map = EfiBinaryMapReader.Read(Map(48, Good), "m", 32, null);
        var d = Assert.Single(map.Diagnostics);
        Assert.Equal("FP1001", d.Code);
        Assert.Equal(0, d.Location.Offset);
    }

    [Fact]
    public void MalformedMap_TruncatedInsideADescriptor()
    {
        var map = EfiBinaryMapReader.Read(Map(48, Good).AsSpan(0, 48 * 3 + 20), "m", 48, null);
        Assert.Equal(3, map.Descriptors.Count);
        var d = Assert.Single(map.Diagnostics, d => d.Code == "FP1002");
        Assert.Equal(48 * 3, d.Location.Offset);
    }

    [Fact]
    public void MalformedMap_ZeroPagesUnalignedOverflowUnknownTypeReservedBitsAndMirrorOnMmio()
    {
        var bytes = Map(48, (7, 0x1000, 0, 0xf), (7, 0x2010, 1, 0xf), (7, 0xfffffffffffff000, 2, 0xf), (0x1234, 0x10000, 1, 0xf),
            (7, 0x20000, 1, 0x40000f), (11, 0x30000, 1, 0x10001));
        var map = EfiBinaryMapReader.Read(bytes, "m", 48, 1);
        Assert.Equal(6, map.Descriptors.Count);
        (string Code, long Offset)[] expected =
            [("FP1010", 0), ("FP1011", 48), ("FP1012", 96), ("FP1015", 144), ("FP1016", 192), ("FP1017", 240)];
        foreach (var (code, offset) in expected)
        {
            Assert.Contains(map.Diagnostics, d => d.Code == code && d.Location.Offset == offset);
        }
    }

    [Fact]
    public void MalformedMap_OverlapIsReportedAtTheLaterDescriptor()
    {
        var map = EfiBinaryMapReader.Read(Map(48, (7, 0x0, 0x10, 0xf), (7, 0x8000, 0x10, 0xf)), "m", 48, 1);
        var d = Assert.Single(map.Diagnostics, d => d.Code == "FP1013");
        Assert.Equal(48, d.Location.Offset);
    }

    [Fact]
    public void UnsortedMap_OverlapsAreFoundInAddressOrderWithTheIndexBreakingTies()
    {
        // mem00 at 0x8000 and mem02 at 0x0 (both 16 pages), mem01 an MMIO window that keeps the map out of order, mem03
        // at 0x8000 again: in address order mem02, mem00, mem03, mem01; mem00 overlaps mem02, and mem03 overlaps mem00
        // (the furthest end so far; same start, lower index first).
        var map = EfiBinaryMapReader.Read(Map(48, (7, 0x8000, 0x10, 0xf), (11, 0xfe000000, 0x10, 0x1), (7, 0x0, 0x10, 0xf), (7, 0x8000, 0x1, 0xf)), "m", 48, 1);
        var overlaps = map.Diagnostics.Where(d => d.Code == "FP1013").ToList();
        Assert.Equal(2, overlaps.Count);
        Assert.Equal("mem00 [0x0000000000008000-0x0000000000017fff] overlaps mem02 [0x0000000000000000-0x000000000000ffff]", overlaps[0].Message);
        Assert.Equal(0, overlaps[0].Location.Offset);
        Assert.Equal("mem03 [0x0000000000008000-0x0000000000008fff] overlaps mem00 [0x0000000000008000-0x0000000000017fff]", overlaps[1].Message);
        Assert.Equal(144, overlaps[1].Location.Offset);
    }

    [Fact]
    public void ExplicitOptionsWinOverDetection()
    {
        var inputs = MachineReader.Read([new InputDocument("m.bin", Map(48, Good))], new InputOptions(96, 1));
        var map = Assert.Single(inputs.EfiMaps);
        Assert.Equal(96u, map.DescriptorSize);
        Assert.Equal(2, map.Descriptors.Count);
    }
}
