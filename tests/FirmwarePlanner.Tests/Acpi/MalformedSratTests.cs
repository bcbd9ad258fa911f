using FirmwarePlanner.Kernel;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Numa;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>Hand-made malformed SRATs, one defect each: the expected code at the expected offset (never the message text).</summary>
public class MalformedSratTests
{
    [Fact]
    public void WellFormed_TwoNodes_HasNoFindingsAboveNote()
    {
        var r = Parse(SratBuilder.TwoNodes().Build());
        Assert.DoesNotContain(r.Diagnostics, d => d.Severity > Severity.Note);
        Assert.Equal(4, r.Table!.Subtables.Length);
    }

    [Fact]
    public void MalformedSrat_ZeroLengthSubtable()
    {
        var b = SratBuilder.TwoNodes();
        var at = b.Next;
        var bytes = b.Raw(1, 0, 0, 0).Memory(0, 0x2_0000_0000, 0x1000).Build();
        var r = Parse(bytes);
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3103" && d.Location.Offset == at + 1);
        Assert.True(r.Table!.WalkStoppedOnZeroLength);
        Assert.Equal(5, r.Table.Subtables.Length); // the walk never reaches the entry after it
        var linux = LinuxSratReader.Read(r.Table);
        Assert.False(linux.Info.Usable);
        Assert.Contains(linux.Lines, l => l.Text == "[SRAT:0x01] Invalid zero length");
        Assert.Contains(linux.Lines, l => l.Text == "ACPI: SRAT: Unexpected header length: 0");
    }

    [Fact]
    public void MalformedSrat_Overrun()
    {
        var b = SratBuilder.TwoNodes();
        var at = b.Next;
        var bytes = b.Raw(0, 0xFF, 0, 0).Build();
        var r = Parse(bytes);
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3106" && d.Location.Offset == at);
    }

    [Fact]
    public void MalformedSrat_BadChecksum()
    {
        var bytes = SratBuilder.TwoNodes().Build();
        bytes[9] ^= 0x5A;
        var r = Parse(bytes);
        var d = Assert.Single(r.Diagnostics, d => d.Code == "FP3004");
        Assert.Equal(9, d.Location.Offset);
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.True(LinuxSratReader.Read(r.Table!).Info.Usable); // a checksum mismatch does not stop anything
    }

    [Fact]
    public void MalformedSrat_ShortHeader()
    {
        var bytes = SratBuilder.TwoNodes().Build()[..20];
        var r = Parse(bytes);
        Assert.Null(r.Table);
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3001" && d.Location.Offset == 0);
    }

    [Fact]
    public void MalformedSrat_HeaderLongerThanData()
    {
        var full = SratBuilder.TwoNodes().Build();
        var cut = full[..100];
        var r = Parse(cut);
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3002" && d.Location.Offset == 100);
        Assert.NotNull(r.Table);
    }

    [Fact]
    public void MalformedSrat_DeclaredLengthBelowFixedPart()
    {
        var r = Parse(SratBuilder.TwoNodes().Build(declaredLength: 40));
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3005" && d.Location.Offset == 4);
    }

    [Fact]
    public void MalformedSrat_TrailingDataAfterDeclaredLength()
    {
        var b = SratBuilder.TwoNodes();
        var declared = (uint)b.Next;
        var r = Parse(b.Memory(5, 0x9_0000_0000, 0x1000).Build(declaredLength: declared));
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3003" && d.Location.Offset == declared);
        Assert.Equal(4, r.Table!.Subtables.Length);
    }

    [Fact]
    public void MalformedSrat_UnknownType()
    {
        var b = SratBuilder.TwoNodes();
        var at = b.Next;
        var r = Parse(b.Raw(9, 8, 0, 0, 0, 0, 0, 0).Memory(0, 0x2_0000_0000, 0x1000).Build());
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3108" && d.Location.Offset == at);
        Assert.Equal(6, r.Table!.Subtables.Length); // skipped by its length, the walk goes on
        Assert.IsType<SratRawSubtable>(r.Table.Subtables[4]);
    }

    [Fact]
    public void MalformedSrat_CrossNodeOverlap()
    {
        var b = new SratBuilder().Lapic(0, 0).Lapic(1, 1).Memory(0, 0, 0x8000_0000);
        var at = b.Next;
        var r = Parse(b.Memory(1, 0x4000_0000, 0x8000_0000).Build());
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3114" && d.Location.Offset == at + SratMemoryAffinityLayout.BaseAddress);
    }

    [Fact]
    public void MalformedSrat_SameNodeOverlap()
    {
        var b = new SratBuilder().Lapic(0, 0).Memory(0, 0, 0x8000_0000);
        var at = b.Next;
        var r = Parse(b.Memory(0, 0x4000_0000, 0x8000_0000).Build());
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3115" && d.Location.Offset == at + SratMemoryAffinityLayout.BaseAddress);
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == "FP3114");
    }

    [Fact]
    public void MalformedSrat_WrappedRange()
    {
        var b = new SratBuilder().Lapic(0, 0).Memory(0, 0, 0x8000_0000);
        var at = b.Next;
        var r = Parse(b.Memory(0, 0xFFFF_FFFF_FFFF_0000, 0x10_0000).Build());
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3113" && d.Location.Offset == at + SratMemoryAffinityLayout.Length);
        var linux = LinuxSratReader.Read(r.Table!);
        Assert.Contains(linux.Lines, l => l.Text == "Warning: invalid memblk node 0 [mem 0xffffffffffff0000-0x000effff]");
        Assert.Single(linux.Info.MemoryBlocks);
    }

    [Fact]
    public void MalformedSrat_EnabledZeroLengthRange()
    {
        var b = new SratBuilder().Lapic(0, 0).Memory(0, 0, 0x8000_0000);
        var at = b.Next;
        var r = Parse(b.Memory(0, 0x1480000000, 0).Build());
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3112" && d.Location.Offset == at + SratMemoryAffinityLayout.Length);
        Assert.Contains("ACPI: SRAT: Node 0 PXM 0 [mem 0x1480000000-0x147fffffff]", LinuxSratReader.Read(r.Table!).NodeLines);
    }

    [Fact]
    public void MalformedSrat_MemoryFlagsBit3()
    {
        var b = new SratBuilder().Lapic(0, 0);
        var at = b.Next;
        var r = Parse(b.Memory(0, 0, 0x8000_0000, flags: 0xB).Build());
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3110" && d.Location.Offset == at + SratMemoryAffinityLayout.Flags);
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == "FP3109");
    }

    [Fact]
    public void MalformedSrat_ReservedFlagBits()
    {
        var b = new SratBuilder().Lapic(0, 0);
        var at = b.Next;
        var r = Parse(b.Memory(0, 0, 0x8000_0000, flags: 0x21).Build());
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3109" && d.Location.Offset == at + SratMemoryAffinityLayout.Flags);
    }

    [Fact]
    public void MalformedSrat_MemoryLengthShorterThanCanonical()
    {
        var b = new SratBuilder().Lapic(0, 0);
        var at = b.Next;
        var r = Parse(b.Memory(0, 0, 0x8000_0000, declaredLength: 0x20).Raw(new byte[8]).Build());
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3105" && d.Location.Offset == at + 1);
        Assert.False(LinuxSratReader.Read(r.Table!).Info.Usable);
    }

    [Fact]
    public void MalformedSrat_MemoryLengthLongerThanCanonical()
    {
        var b = new SratBuilder().Lapic(0, 0);
        var at = b.Next;
        var r = Parse(b.Memory(0, 0, 0x8000_0000, declaredLength: 48).Raw(new byte[8]).Build());
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3104" && d.Location.Offset == at + 1);
        Assert.True(LinuxSratReader.Read(r.Table!).Info.Usable);
    }

    [Fact]
    public void MalformedSrat_LapicLengthNot16_LinuxDropsSrat()
    {
        var b = new SratBuilder();
        var r = Parse(b.Lapic(0, 0, length: 20).Raw(new byte[4]).Memory(0, 0, 0x8000_0000).Build());
        var linux = LinuxSratReader.Read(r.Table!);
        Assert.False(linux.Info.Usable);
        Assert.Contains(linux.Diagnostics, d => d.Code == "FP3123" && d.Location.Offset == SratLayout.Size);
    }

    [Fact]
    public void MalformedSrat_TrailingBytes()
    {
        var b = SratBuilder.TwoNodes();
        var at = b.Next;
        var r = Parse(b.Raw(0, 0).Build());
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3107" && d.Location.Offset == at);
    }

    [Fact]
    public void MalformedSrat_TableRevisionNotOne()
    {
        var bytes = SratBuilder.TwoNodes().Build();
        bytes[36] = 0;
        bytes[9] = FirmwarePlanner.Acpi.AcpiChecksum.Expected(bytes);
        Assert.Contains(Parse(bytes).Diagnostics, d => d.Code == "FP3101" && d.Location.Offset == 36);
    }

    [Fact]
    public void MalformedSrat_PxmAbove255InRevisionOne()
    {
        var b = new SratBuilder { Revision = 1 }.Lapic(0, 0).Memory(0, 0, 0x8000_0000);
        var at = b.Next;
        var r = Parse(b.Memory(0x100, 0x1_0000_0000, 0x8000_0000).Build());
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3116" && d.Location.Offset == at + SratMemoryAffinityLayout.ProximityDomain);
        // Linux masks PXM 0x100 to 0: both ranges land on node 0.
        Assert.All(LinuxSratReader.Read(r.Table!).Info.MemoryBlocks, m => Assert.Equal(0, m.Node));
    }

    [Fact]
    public void MalformedSrat_MoreNodesThanMaxNumNodes()
    {
        var b = new SratBuilder().Lapic(0, 0).Lapic(1, 1);
        var at = b.Next;
        var bytes = b.Lapic(2, 2).Memory(0, 0, 0x1000_0000).Build();
        var r = LinuxSratValidation.Parse(bytes, "t.bin", new LinuxNumaOptions { MaxNumNodes = 2 });
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3117" && d.Location.Offset == at);
        Assert.False(LinuxSratReader.Read(r.Table!, null, new LinuxNumaOptions { MaxNumNodes = 2 }).Info.Usable);
    }

    [Fact]
    public void MalformedSrat_PxmBeyondMaxPxmDomains()
    {
        var b = new SratBuilder().Lapic(0, 0);
        var at = b.Next;
        var r = Parse(b.Memory(5000, 0, 0x1000_0000).Build());
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3118" && d.Location.Offset == at);
    }

    [Fact]
    public void MalformedSrat_DuplicateApicId()
    {
        var b = new SratBuilder().Lapic(0, 7);
        var at = b.Next;
        var r = Parse(b.X2Apic(1, 7).Memory(0, 0, 0x1000_0000).Memory(1, 0x1000_0000, 0x1000_0000).Build());
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3121" && d.Location.Offset == at);
    }

    [Fact]
    public void MalformedSrat_NoEnabledMemory()
    {
        var r = Parse(new SratBuilder().Lapic(0, 0).Memory(0, 0, 0x1000_0000, flags: 0).Build());
        Assert.Contains(r.Diagnostics, d => d.Code == "FP3122");
        Assert.False(LinuxSratReader.Read(r.Table!).Info.Usable);
    }

    [Fact]
    public void MalformedSrat_DisabledGenericInitiator_EndsCpuPass()
    {
        var gi = new byte[32];
        gi[0] = 5;
        gi[1] = 32;
        var r = Parse(new SratBuilder().Lapic(0, 0).Raw(gi).Lapic(1, 1).Memory(0, 0, 0x1000_0000).Memory(1, 0x1000_0000, 0x1000_0000).Build());
        var linux = LinuxSratReader.Read(r.Table!);
        Assert.Single(linux.Info.Cpus); // the LAPIC after the disabled GI is never seen by Linux
        Assert.Equal(1, linux.Info.PxmToNode[1]); // PXM 1 is numbered by its memory entry instead
    }

    private static SratParseResult Parse(byte[] bytes) => LinuxSratValidation.Parse(bytes, "t.bin");
}
