using FirmwarePlanner.Inputs;
using FirmwarePlanner.Reports.Inspect;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Reporting;

/// <summary>Pins <c>fwplan inspect</c> text and JSON for every fixture that carries an EFI map, an e820 table or /proc/iomem.</summary>
public class InspectSnapshotTests
{
    /// <summary>Top-level fixtures plus each qemu capture's efi-memmap.txt/.bin and firmware-memmap.txt.</summary>
    public static IEnumerable<string> MapFixtures()
    {
        var top = Directory.GetFiles(Fixtures.Dir).Select(Path.GetFileName).Select(f => f!);
        var qemu = FixtureInputs.QemuCaptures().SelectMany(c => new[] { "efi-memmap.txt", "efi-memmap.bin", "firmware-memmap.txt" }
            .Where(f => File.Exists(Fixtures.PathOf("qemu", c, f))).Select(f => $"qemu/{c}/{f}"));
        return top.Concat(qemu).Where(p => FixtureInputs.Read(p).HasMemoryMap).Order(StringComparer.Ordinal);
    }

    public static TheoryData<string> Cases() => FixtureInputs.Data(MapFixtures());

    private static Machine Read(string path) =>
        path.EndsWith(".bin", StringComparison.Ordinal) && File.Exists(Fixtures.PathOf(path.Replace("efi-memmap.bin", "efi-memmap-bin.json", StringComparison.Ordinal).Split('/')))
            ? FixtureInputs.Read(path, path.Replace("efi-memmap.bin", "efi-memmap-bin.json", StringComparison.Ordinal))
            : FixtureInputs.Read(path);

    private static string Name(string path) => path.Replace('/', '_').Replace("--", "-", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Text(string path) => TextSnapshot.Match(InspectTextRenderer.Render(Read(path)), "Inspect.Text." + Name(path));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Json(string path) => TextSnapshot.Match(InspectJsonRenderer.Render(Read(path)), "Inspect.Json." + Name(path));

    [Fact]
    public void TheListCoversTheKnownMapCarriers()
    {
        var list = MapFixtures().ToArray();
        Assert.Contains("dmesg-excerpt--fujitsu-x86-2node--efi-fake-mem-mirror-before-after.txt", list);
        Assert.Contains("uefi-shell-memmap--ovmf-qemu-x86-128M.txt", list);
        Assert.Contains("qemu/e-pc-2node-612-bin/efi-memmap.bin", list);
        var captures = FixtureInputs.QemuCaptures().ToArray();
        Assert.Equal(captures.Count(c => File.Exists(Fixtures.PathOf("qemu", c, "efi-memmap.txt"))), list.Count(p => p.EndsWith("efi-memmap.txt", StringComparison.Ordinal)));
        Assert.Equal(captures.Count(c => File.Exists(Fixtures.PathOf("qemu", c, "firmware-memmap.txt"))), list.Count(p => p.EndsWith("firmware-memmap.txt", StringComparison.Ordinal)));
        Assert.True(list.Count(p => p.EndsWith("efi-memmap.txt", StringComparison.Ordinal)) >= 10);
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        const string path = "qemu/d1-q35-2node-mirror512M-612/efi-memmap.txt";
        // Two independent reads and renders of the same bytes must agree byte for byte.
        var first = InspectJsonRenderer.Render(Read(path));
        var second = InspectJsonRenderer.Render(Read(path));
        Assert.Equal(first, second);
        Assert.Contains("\n    efi: Memory: 512M/4355M mirrored memory\n", InspectTextRenderer.Render(Read(path)), StringComparison.Ordinal);
    }
}
