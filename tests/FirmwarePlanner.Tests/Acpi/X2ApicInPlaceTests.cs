using CsCheck;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Kernel;
using FirmwarePlanner.Numa;
using FirmwarePlanner.Reports.Inspect;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>
/// x2APIC entries come by the tens of thousands, so the validator, Linux's reading and the inspect lines read them in
/// place instead of decoding a record each. These pin the in-place paths to the record's fields and to hand-worked
/// messages, on hand-made tables.
/// </summary>
public class X2ApicInPlaceTests
{
    [Fact]
    public void The_inspect_line_of_any_x2apic_entry_is_the_records_description()
    {
        Gen.Select(Gen.UInt, Gen.UInt, Gen.UInt, Gen.UInt, Gen.UShort, Gen.UInt).Sample((pxm, id, flags, clock, reserved1, reserved2) =>
        {
            var srat = new SratBuilder().Memory(0, 0, 1UL << 30).X2Apic(pxm, id, flags, clock, reserved1, reserved2).Build();
            var table = LinuxSratValidation.Parse(srat, "t.bin").Table!;

            var record = Assert.IsType<SratX2ApicAffinity>(table.Subtables[1]);
            var line = SratTextRenderer.SubtableLines(table).Split('\n')[2];
            Assert.Equal("  #1    @0x0058 t2 len 24  " + SratTextRenderer.Describe(record, table.Revision), line);
        }, iter: 2000);
    }

    [Fact]
    public void Reserved_fields_and_flag_bits_of_an_x2apic_entry_are_reported_as_for_any_entry()
    {
        // Reserved1 5, flags enabled with reserved bit 7, Reserved2 1.
        var r = LinuxSratValidation.Parse(new SratBuilder().Memory(0, 0, 1UL << 30).X2Apic(0, 0, flags: 0x81, reserved1: 0x05, reserved2: 0x01).Build(), "t.bin");

        Assert.Equal(
            [
                "FP3109 Processor Local x2APIC Affinity #1: flags 0x00000081 set reserved bits 0x00000080",
                "FP3111 Processor Local x2APIC Affinity #1: Reserved1 is 0x5, must be zero",
                "FP3111 Processor Local x2APIC Affinity #1: Reserved2 is 0x1, must be zero",
            ],
            r.Diagnostics.Where(d => d.Code is "FP3109" or "FP3111").Select(d => d.Code + " " + d.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_x2apic_id_a_lapic_already_named_is_a_duplicate_and_a_disabled_one_is_not()
    {
        var r = LinuxSratValidation.Parse(
            new SratBuilder().Memory(0, 0, 1UL << 30).Lapic(0, 0x05).X2Apic(0, 0x05).X2Apic(0, 0x05, flags: 0).X2Apic(0, 0x06).Build(), "t.bin");

        var d = Assert.Single(r.Diagnostics, d => d.Code == "FP3121");
        Assert.Equal("Processor Local x2APIC Affinity #2: APIC 0x5 already named by #1", d.Message);
        Assert.Equal(0x30 + 40 + 16, d.Location.Offset); // the third subtable: after the 48-byte header, a memory and a LAPIC entry
    }

    [Fact]
    public void Every_repeat_of_an_id_names_the_first_entry_in_table_order()
    {
        var r = LinuxSratValidation.Parse(
            new SratBuilder().Memory(0, 0, 1UL << 30).X2Apic(0, 0x9).X2Apic(0, 0x5).Lapic(0, 0x05).X2Apic(0, 0x9).X2Apic(0, 0x5).Build(), "t.bin");

        Assert.Equal(
            [
                "Processor Local APIC/SAPIC Affinity #3: APIC 0x5 already named by #2",
                "Processor Local x2APIC Affinity #4: APIC 0x9 already named by #1",
                "Processor Local x2APIC Affinity #5: APIC 0x5 already named by #2",
            ],
            r.Diagnostics.Where(d => d.Code == "FP3121").Select(d => d.Message));
    }

    [Fact]
    public void Repeats_of_large_ids_and_of_ids_at_the_bitmap_edge_are_found_like_small_ones()
    {
        // 0xfffff is the largest id marked in a bitmap, 0x100000 the smallest kept as a key; 0xffffffff is the largest x2APIC id.
        var r = LinuxSratValidation.Parse(
            new SratBuilder().Memory(0, 0, 1UL << 30)
                .X2Apic(0, 0xffffffff).X2Apic(0, 0x100000).X2Apic(0, 0xfffff).X2Apic(0, 0x3)
                .X2Apic(0, 0x100000).X2Apic(0, 0xfffff).X2Apic(0, 0xffffffff).X2Apic(0, 0xfffffffe).Build(), "t.bin");

        Assert.Equal(
            [
                "Processor Local x2APIC Affinity #5: APIC 0x100000 already named by #2",
                "Processor Local x2APIC Affinity #6: APIC 0xfffff already named by #3",
                "Processor Local x2APIC Affinity #7: APIC 0xffffffff already named by #1",
            ],
            r.Diagnostics.Where(d => d.Code == "FP3121").Select(d => d.Message));
    }

    [Fact]
    public void An_x2apic_entry_outside_x86_is_the_kernels_unsupported_line_and_no_cpu()
    {
        var table = LinuxSratValidation.Parse(new SratBuilder().Memory(0, 0, 1UL << 30).X2Apic(0, 0x1234).Build(), "t.bin").Table!;
        var linux = LinuxSratReader.Read(table, options: LinuxNumaOptions.Default with { Architecture = KernelArchitecture.Arm64 });

        Assert.Contains("Found unsupported x2apic [0x00001234] SRAT entry", linux.Lines.Select(l => l.Text));
        Assert.Empty(linux.Info.Cpus);
    }

    [Fact]
    public void An_x2apic_entry_cut_off_by_the_table_end_is_kept_raw_and_stops_nothing()
    {
        // 20 of the entry's 24 bytes: the walk sees its header, the fields run past the table.
        var built = new SratBuilder().Memory(0, 0, 1UL << 30).X2Apic(0, 0x07).Build();
        var cut = built.AsMemory(0, built.Length - 4);
        var r = LinuxSratValidation.Parse(cut, "t.bin");

        var raw = Assert.IsType<SratRawSubtable>(r.Table!.Subtables[1]);
        Assert.True(raw.Truncated);
        Assert.True(r.Table.Subtables.FieldBytes(1).IsEmpty);
        Assert.Equal(40, r.Table.Subtables.FieldBytes(0).Length); // the memory entry's canonical size
        var linux = LinuxSratReader.Read(r.Table);
        Assert.Contains(linux.Diagnostics, d => d.Message.Contains("#1 is cut off by the end of the data", StringComparison.Ordinal));
    }
}
