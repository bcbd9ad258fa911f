using System.Globalization;
using System.Text.RegularExpressions;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Numa;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>
/// The compact subtable list (offset, type, length per entry, decoded on read) finds the subtables iasl found in the
/// same binary: each QEMU capture's SRAT.bin against iasl's own SRAT.dsl of it.
/// </summary>
public partial class SratSubtableListTests
{
    public static TheoryData<string> QemuCapturesWithDsl() =>
        [.. Directory.EnumerateDirectories(Fixtures.PathOf("qemu"))
            .Where(d => File.Exists(Path.Combine(d, "SRAT.bin")) && File.Exists(Path.Combine(d, "SRAT.dsl")))
            .Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    public static TheoryData<string> BinaryFixtures() =>
        [.. Directory.EnumerateFiles(Fixtures.Dir, "srat-bin--*.bin").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(QemuCapturesWithDsl))]
    public void QemuCapture_HeadersEqualIaslSubtables(string capture)
    {
        var srat = LinuxSratValidation.Parse(Fixtures.Bytes("qemu", capture, "SRAT.bin"), "SRAT.bin").Table!;
        var dsl = Fixtures.Text("qemu", capture, "SRAT.dsl");
        var iasl = SubtableType().Matches(dsl).Select(m => (Hex(m.Groups["off"].Value), (byte)Hex(m.Groups["type"].Value), (byte)Hex(m.Groups["len"].Value))).ToArray();
        var bases = BaseAddress().Matches(dsl).Select(m => ulong.Parse(m.Groups["v"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();

        Assert.NotEmpty(iasl);
        Assert.Equal(iasl, srat.Subtables.Headers.ToArray().Select(h => (h.Offset, h.Type, h.Length)));
        Assert.Equal(bases, srat.MemoryAffinities.Select(m => m.BaseAddress));
    }

    [Theory]
    [MemberData(nameof(BinaryFixtures))]
    public void BinaryFixture_EveryReadDecodesTheSameRecord(string file)
    {
        var subtables = LinuxSratValidation.Parse(Fixtures.Bytes(file), file).Table!.Subtables;
        var enumerated = subtables.ToArray();

        Assert.Equal(subtables.Length, enumerated.Length);
        Assert.All(Enumerable.Range(0, subtables.Length), i =>
        {
            Assert.Equal(enumerated[i], subtables[i]);
            Assert.Equal((subtables.Headers[i].Offset, subtables.Headers[i].Type, subtables.Headers[i].Length), (enumerated[i].Offset, enumerated[i].Type, enumerated[i].Length));
        });
    }

    private static int Hex(string s) => int.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\[(?<off>[0-9A-F]+)h [0-9 ]{4,} 1\]\s+Subtable Type : (?<type>[0-9A-F]{2}).*\n\[[0-9A-F]+h [0-9 ]{4,} 1\]\s+Length : (?<len>[0-9A-F]{2})", RegexOptions.Multiline)]
    private static partial Regex SubtableType();

    [GeneratedRegex(@"Base Address : (?<v>[0-9A-F]{16})")]
    private static partial Regex BaseAddress();
}
