using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Numa;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>
/// x2APIC ids at or above MAX_LOCAL_APIC (32768): x86 Linux prints
/// <c>SRAT: PXM %u -> APIC 0x%04x -> Node %u skipped apicid that is too big</c> (arch/x86/mm/srat.c) and gives the CPU
/// no node. FP3125's message is kept as its numbers and formatted when read.
/// </summary>
public class ApicIdTooBigTests
{
    [Fact]
    public void X2ApicId32768_IsSkippedWithTheKernelLine()
    {
        var b = new SratBuilder().Memory(0, 0, 0x4000_0000).X2Apic(1, 0x7fff);
        var at = b.Next;
        var r = LinuxSratValidation.Parse(b.X2Apic(1, 0x8000).Build(), "t.bin");
        var linux = LinuxSratReader.Read(r.Table!);

        var d = Assert.Single(r.Diagnostics, d => d.Code == "FP3125");
        Assert.Equal(at + 8, d.Location.Offset); // the x2APIC ID field
        Assert.Equal("x2APIC id 0x8000 of entry #2 is at or above MAX_LOCAL_APIC (32768); the CPU gets no node", d.Message);
        Assert.Equal(d, new Diagnostic(d.Code, d.Severity, d.Location, d.Message));
        Assert.Equal(new Diagnostic(d.Code, d.Severity, d.Location, d.Message).GetHashCode(), d.GetHashCode());
        Assert.Equal("warning FP3125 t.bin@0x" + (at + 8).ToString("x", System.Globalization.CultureInfo.InvariantCulture) + ": " + d.Message, d.ToString());
        Assert.Equal(
            ["SRAT: PXM 1 -> APIC 0x7fff -> Node 0", "SRAT: PXM 1 -> APIC 0x8000 -> Node 0 skipped apicid that is too big", "ACPI: SRAT: Node 1 PXM 0 [mem 0x00000000-0x3fffffff]"],
            linux.Lines.Select(l => l.Text));
        Assert.Equal([0x7fffu], linux.Info.Cpus.Select(c => c.ProcessorId));
    }

    [Fact]
    public void Twenty_TooBigIds_ListSixteenFindingsAndAClosingLine_ButEveryKernelLine()
    {
        // The kernel prints its line for every such entry; the finding is listed for the first 16 (the cap the SRAT
        // checks share) and one closing line, placed at the 17th, says that the rest are not.
        var b = new SratBuilder().Memory(0, 0, 0x4000_0000);
        var offsets = new List<int>();
        for (var i = 0u; i < 20; i++)
        {
            offsets.Add(b.Next);
            b.X2Apic(0, 0x8000 + i);
        }

        var r = LinuxSratValidation.Parse(b.Build(), "t.bin");
        var linux = LinuxSratReader.Read(r.Table!);

        var found = r.Diagnostics.Where(d => d.Code == "FP3125").ToList();
        Assert.Equal(17, found.Count);
        Assert.Equal("x2APIC id 0x800f of entry #16 is at or above MAX_LOCAL_APIC (32768); the CPU gets no node", found[15].Message);
        Assert.Equal("further FP3125 findings are not listed", found[16].Message);
        Assert.Equal(offsets[16] + 8, found[16].Location.Offset);
        Assert.Equal(20, linux.Lines.Count(l => l.Text.EndsWith("skipped apicid that is too big", StringComparison.Ordinal)));
        Assert.Equal("SRAT: PXM 0 -> APIC 0x8013 -> Node 0 skipped apicid that is too big", linux.Lines[19].Text);
        Assert.Empty(linux.Info.Cpus);
    }
}
