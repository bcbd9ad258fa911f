using FirmwarePlanner.Checks;
using FirmwarePlanner.Acpi;
using FirmwarePlanner.Acpi.Slit;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>Pins every layout to the specification (kernel-reference §3.1, actbl3.h compiled sizes).</summary>
public class AcpiLayoutTests
{
    public static TheoryData<string, int, int> Sizes() => new()
    {
        { nameof(AcpiTableHeaderLayout), AcpiTableHeaderLayout.Size, 36 },
        { nameof(SratLayout), SratLayout.Size, 48 },
        { nameof(SratSubtableHeaderLayout), SratSubtableHeaderLayout.Size, 2 },
        { nameof(SratCpuAffinityLayout), SratCpuAffinityLayout.Size, 16 },
        { nameof(SratMemoryAffinityLayout), SratMemoryAffinityLayout.Size, 40 },
        { nameof(SratX2ApicAffinityLayout), SratX2ApicAffinityLayout.Size, 24 },
        { nameof(SratGiccAffinityLayout), SratGiccAffinityLayout.Size, 18 },
        { nameof(SratGicItsAffinityLayout), SratGicItsAffinityLayout.Size, 12 },
        { nameof(SratGenericAffinityLayout), SratGenericAffinityLayout.Size, 32 },
        { nameof(SratRintcAffinityLayout), SratRintcAffinityLayout.Size, 20 },
        { nameof(SlitLayout), SlitLayout.Size, 44 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Layout_SizeMatchesSpec(string name, int actual, int expected)
    {
        Assert.True(actual == expected, $"{name}: {actual} != {expected}");
    }

    public static TheoryData<string> LayoutNames() =>
    [
        nameof(SratLayout), nameof(SratCpuAffinityLayout), nameof(SratMemoryAffinityLayout), nameof(SratX2ApicAffinityLayout),
        nameof(SratGiccAffinityLayout), nameof(SratGicItsAffinityLayout), nameof(SratGenericAffinityLayout), nameof(SratRintcAffinityLayout),
    ];

    [Theory]
    [MemberData(nameof(LayoutNames))]
    public void Layout_FieldsAreContiguousAndEndAtSize(string name)
    {
        var (fields, size) = name switch
        {
            nameof(SratLayout) => (SratLayout.Fields, SratLayout.Size),
            nameof(SratCpuAffinityLayout) => (SratCpuAffinityLayout.Fields, SratCpuAffinityLayout.Size),
            nameof(SratMemoryAffinityLayout) => (SratMemoryAffinityLayout.Fields, SratMemoryAffinityLayout.Size),
            nameof(SratX2ApicAffinityLayout) => (SratX2ApicAffinityLayout.Fields, SratX2ApicAffinityLayout.Size),
            nameof(SratGiccAffinityLayout) => (SratGiccAffinityLayout.Fields, SratGiccAffinityLayout.Size),
            nameof(SratGicItsAffinityLayout) => (SratGicItsAffinityLayout.Fields, SratGicItsAffinityLayout.Size),
            nameof(SratGenericAffinityLayout) => (SratGenericAffinityLayout.Fields, SratGenericAffinityLayout.Size),
            _ => (SratRintcAffinityLayout.Fields, SratRintcAffinityLayout.Size),
        };
        var at = 0;
        foreach (var f in fields)
        {
            Assert.Equal(at, f.Offset);
            at = f.End;
        }

        Assert.Equal(size, at);
    }

    [Fact]
    public void Offsets_MatchKernelReference()
    {
        // struct acpi_table_header
        Assert.Equal((4, 8, 9, 10, 16, 24, 28, 32), (AcpiTableHeaderLayout.Length, AcpiTableHeaderLayout.Revision, AcpiTableHeaderLayout.Checksum,
            AcpiTableHeaderLayout.OemId, AcpiTableHeaderLayout.OemTableId, AcpiTableHeaderLayout.OemRevision, AcpiTableHeaderLayout.AslCompilerId,
            AcpiTableHeaderLayout.AslCompilerRevision));
        Assert.Equal((36, 40), (SratLayout.TableRevision, SratLayout.Reserved));
        Assert.Equal((2, 3, 4, 8, 9, 12), (SratCpuAffinityLayout.ProximityDomainLow, SratCpuAffinityLayout.ApicId, SratCpuAffinityLayout.Flags,
            SratCpuAffinityLayout.LocalSapicEid, SratCpuAffinityLayout.ProximityDomainHigh, SratCpuAffinityLayout.ClockDomain));
        Assert.Equal((2, 6, 8, 16, 24, 28, 32), (SratMemoryAffinityLayout.ProximityDomain, SratMemoryAffinityLayout.Reserved1,
            SratMemoryAffinityLayout.BaseAddress, SratMemoryAffinityLayout.Length, SratMemoryAffinityLayout.Reserved2,
            SratMemoryAffinityLayout.Flags, SratMemoryAffinityLayout.Reserved3));
        Assert.Equal((2, 4, 8, 12, 16, 20), (SratX2ApicAffinityLayout.Reserved1, SratX2ApicAffinityLayout.ProximityDomain,
            SratX2ApicAffinityLayout.ApicId, SratX2ApicAffinityLayout.Flags, SratX2ApicAffinityLayout.ClockDomain, SratX2ApicAffinityLayout.Reserved2));
        Assert.Equal((2, 6, 10, 14), (SratGiccAffinityLayout.ProximityDomain, SratGiccAffinityLayout.AcpiProcessorUid,
            SratGiccAffinityLayout.Flags, SratGiccAffinityLayout.ClockDomain));
        Assert.Equal((2, 6, 8), (SratGicItsAffinityLayout.ProximityDomain, SratGicItsAffinityLayout.Reserved, SratGicItsAffinityLayout.ItsId));
        Assert.Equal((2, 3, 4, 8, 24, 28), (SratGenericAffinityLayout.Reserved1, SratGenericAffinityLayout.DeviceHandleType,
            SratGenericAffinityLayout.ProximityDomain, SratGenericAffinityLayout.DeviceHandle, SratGenericAffinityLayout.Flags,
            SratGenericAffinityLayout.Reserved2));
        Assert.Equal((2, 4, 8, 12, 16), (SratRintcAffinityLayout.Reserved, SratRintcAffinityLayout.ProximityDomain,
            SratRintcAffinityLayout.AcpiProcessorUid, SratRintcAffinityLayout.Flags, SratRintcAffinityLayout.ClockDomain));
        Assert.Equal((36, 44), (SlitLayout.LocalityCount, SlitLayout.Entry));
    }

    [Fact]
    public void CanonicalSizes_CoverTypesZeroToSeven_AndNothingElse()
    {
        int?[] expected = [16, 40, 24, 18, 12, 32, 32, 20];
        for (byte t = 0; t < 8; t++)
        {
            Assert.Equal(expected[t], SratSubtableTypes.CanonicalSize(t));
        }

        Assert.Null(SratSubtableTypes.CanonicalSize(8));
        Assert.Null(SratSubtableTypes.CanonicalSize(0xff));
    }

    [Fact]
    public void AcpiCodes_AreRegisteredUniqueAndInTheFp3Block()
    {
        IEnumerable<DiagnosticDescriptor> ours = [.. AcpiDiagnostics.All, .. SratDiagnostics.All, .. SlitDiagnostics.All];
        foreach (var d in ours)
        {
            Assert.StartsWith("FP3", d.Id, StringComparison.Ordinal);
            Assert.Same(d, DiagnosticCatalog.Find(d.Id));
        }

        Assert.Equal(ours.Count(), ours.Select(d => d.Id).Distinct().Count());
    }
}
