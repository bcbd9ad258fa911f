using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>Every SRAT-bearing fixture decodes; the whole decode (tables, subtables, SLIT, Linux's nodes, diagnostics) is snapshot-tested.</summary>
public class AcpiFixtureSnapshotTests
{
    public static TheoryData<string> Files() => [.. AcpiFixtureSupport.SratFixtures()];

    [Theory]
    [MemberData(nameof(Files))]
    public void Decode_Snapshot(string relative)
    {
        var text = AcpiFixtureSupport.Render(relative);
        TextSnapshot.Match(text, "Acpi." + relative.Replace('/', '_'));
    }

    [Fact]
    public void SratFixtures_AreAllFound()
    {
        // At least: 8 srat-bin, 12 acpidump, 3 acpi-decoded, 1 srat-decoded, 10 qemu SRAT.bin + 8 SRAT.dsl, 2 + 3 linuxhw
        // pairs; new captures only add to it.
        Assert.True(AcpiFixtureSupport.SratFixtures().Count() >= 47);
    }
}
