using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Efi;

public class EfiLogFormatTests
{
    public static TheoryData<string> QemuMapTexts() => FixtureInputs.Data(
        FixtureInputs.QemuCaptures().SelectMany(c => new[] { "efi-memmap.txt", "efi-memmap-runtime.txt", "efi-memmap-firmware.txt" }
            .Where(f => File.Exists(Fixtures.PathOf("qemu", c, f))).Select(f => $"qemu/{c}/{f}")));

    /// <summary>Reading a captured efi=debug map and printing it again gives the kernel's bytes back.</summary>
    [Theory]
    [MemberData(nameof(QemuMapTexts))]
    public void ReRendersEveryQemuCaptureByteForByte(string path)
    {
        var inputs = FixtureInputs.Read(path);
        var map = Assert.Single(inputs.EfiMaps);
        Assert.Equal(Fixtures.Text(path.Split('/')), EfiLogFormat.Lines(map.Descriptors));
    }

    private static EfiMemoryDescriptor D(uint type, ulong start, ulong pages, ulong attribute) =>
        new(0, (EfiMemoryType)type, start, 0, pages, (EfiMemoryAttribute)attribute, SourceLocation.Whole("t"));

    /// <summary>kernel-reference §2.2, renderings verified against the 7.2 function.</summary>
    [Theory]
    [InlineData(1, 7u, 0x1000UL, 0x9eUL, 0xfUL, "efi: mem01: [Conventional|   |  |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000001000-0x000000000009efff] (0MB)")]
    [InlineData(3, 7u, 0x100000UL, 0x3ff00UL, 0x1000fUL, "efi: mem03: [Conventional|   |  |MR|  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000100000-0x000000003fffffff] (1023MB)")]
    [InlineData(5, 6u, 0x7e100000UL, 0x100UL, 0x800000000001000fUL, "efi: mem05: [Runtime Data|RUN|  |MR|  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x000000007e100000-0x000000007e1fffff] (1MB)")]
    [InlineData(8, 11u, 0xe0000000UL, 0x10000UL, 0x8000000000000001UL, "efi: mem08: [MMIO        |RUN|  |  |  |  |  |  |  |  |  |   |  |  |  |UC] range=[0x00000000e0000000-0x00000000efffffff] (256MB)")]
    [InlineData(9, 7u, 0x100000000UL, 0x80000UL, 0x9000fUL, "efi: mem09: [Conventional|   |  |MR|CC|  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000100000000-0x000000017fffffff] (2048MB)")]
    [InlineData(12, 7u, 0x240000000UL, 0x40000UL, 0x10000fUL, "efi: mem12: [Conventional|   |HP|  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000240000000-0x000000027fffffff] (1024MB)")]
    [InlineData(14, 16u, 0x1000000UL, 0x100UL, 0xfUL, "efi: mem14: [type=16|   |  |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000001000000-0x00000000010fffff] (1MB)")]
    [InlineData(15, 7u, 0x1000000UL, 0x100UL, 0x20000fUL, "efi: mem15: [Conventional|attr=0x000000000020000f] range=[0x0000000001000000-0x00000000010fffff] (1MB)")]
    [InlineData(16, 1u, 0x1000000UL, 0x100UL, 0x2701fUL, "efi: mem16: [Loader Code |   |  |  |  |  |  |XP|RP|WP|RO|UCE|WB|WT|WC|UC] range=[0x0000000001000000-0x00000000010fffff] (1MB)")]
    [InlineData(100, 7u, 0UL, 0x100UL, 0xfUL, "efi: mem100: [Conventional|   |  |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000000000-0x00000000000fffff] (1MB)")]
    public void RendersTheVerifiedKernelLines(int index, uint type, ulong start, ulong pages, ulong attribute, string expected) =>
        Assert.Equal(expected, EfiLogFormat.Line(index, D(type, start, pages, attribute)));

    [Fact]
    public void MirrorSummaryCountsEveryTypeAndTruncates()
    {
        // 1 MiB - 4 KiB of MMIO (any type counts toward the total) + 2 GiB mirrored RAM.
        EfiMemoryDescriptor[] map = [D(11, 0xe0000000, 0xff, 1), D(7, 0x100000000, 0x80000, 0x1000f)];
        var summary = EfiMirrorSummary.Compute(map);
        Assert.Equal("efi: Memory: 2048M/2048M mirrored memory", summary.Line);
        Assert.True(summary.KernelPrints);
    }
}
