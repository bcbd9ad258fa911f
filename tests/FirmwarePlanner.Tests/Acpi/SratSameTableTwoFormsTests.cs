using FirmwarePlanner.Reports.Inspect;
using FirmwarePlanner.Acpi.Srat;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>One table in two published forms decodes to the same model.</summary>
public class SratSameTableTwoFormsTests
{
    [Theory]
    [InlineData("acpidump--dell-poweredge-r820--4node.txt", "acpi-decoded--dell-poweredge-r820--4node-same-machine-as-acpidump.txt")]
    [InlineData("srat-bin--ampere-altra-ava--gicc-its-1node.bin", "srat-decoded--ampere-altra-ava--gicc-its-1node.dsl")]
    [InlineData("qemu/b-q35-4node-memless-612/SRAT.bin", "qemu/b-q35-4node-memless-612/SRAT.dsl")]
    public void SameTable_SameModel(string a, string b)
    {
        var x = Model(a);
        var y = Model(b);
        Assert.True(x.Subtables.Length > 0);
        Assert.Equal(x.Table.DeclaredBytes.ToArray(), y.Table.DeclaredBytes.ToArray());
        Assert.Equal(x.Header with { }, y.Header);
        Assert.Equal(SratTextRenderer.SubtableLines(x), SratTextRenderer.SubtableLines(y));
    }

    [Fact]
    public void AmpereDsl_FieldsOnly_RebuildsTheBinary()
    {
        // Drop the Raw Table Data so the reader must rebuild the bytes from the decoded field lines.
        var dsl = Support.Fixtures.Text("srat-decoded--ampere-altra-ava--gicc-its-1node.dsl");
        var cut = dsl[..dsl.IndexOf("Raw Table Data", StringComparison.Ordinal)];
        var set = FirmwarePlanner.Acpi.Input.AcpiInputReader.Read(System.Text.Encoding.UTF8.GetBytes(cut), "fields-only.dsl");
        var table = Assert.Single(set.Tables);
        Assert.Equal(FirmwarePlanner.Acpi.AcpiTableFormat.IaslFields, table.Format);
        Assert.Equal(Support.Fixtures.Bytes("srat-bin--ampere-altra-ava--gicc-its-1node.bin"), table.Bytes.ToArray());
        Assert.Contains(set.Diagnostics, d => d.Code == "FP3015");
    }

    private static SratTable Model(string relative)
    {
        var (srat, _) = AcpiFixtureSupport.Parse(AcpiFixtureSupport.ReadSet(relative));
        return srat!.Table!;
    }
}
