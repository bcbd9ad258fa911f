using System.Buffers.Binary;
using CsCheck;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Numa;
using FirmwarePlanner.Reports.Inspect;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>
/// The validator notes a memory entry that none of its checks has anything to say about from its bytes, and decodes a
/// record only for the others. This pins which findings any memory entry gets to the rules stated here on their own,
/// so an entry the in-place path wrongly takes as plain, or wrongly notes, shows.
/// </summary>
public class MemoryEntryInPlaceTests
{
    private const ulong GiB = 1UL << 30;

    private static Gen<T> Of<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    [Fact]
    public void The_inspect_line_of_any_memory_entry_is_the_records_description()
    {
        Gen.Select(Gen.UInt, Gen.ULong, Gen.ULong, Gen.UInt).Sample((pxm, start, length, flags) =>
        {
            var table = LinuxSratValidation.Parse(new SratBuilder().Memory(pxm, start, length, flags).Build(), "t.bin").Table!;

            var record = Assert.IsType<SratMemoryAffinity>(table.Subtables[0]);
            var line = SratTextRenderer.SubtableLines(table).Split('\n')[1];
            Assert.Equal("  #0    @0x0030 t1 len 40  " + SratTextRenderer.Describe(record, table.Revision), line);
        }, iter: 2000);
    }

    [Fact]
    public void Any_memory_entry_gets_the_findings_its_fields_call_for()
    {
        var pxms = Of(0u, 1u, 0x100u, 0x101u);
        var bases = Of(0UL, GiB / 2, 4 * GiB, ulong.MaxValue - 0xfff);
        var lengths = Of(0UL, GiB, 8 * GiB);
        var flags = Of(0u, 1u, 3u, 5u, 9u, 0x11u, 0x10u);
        var reserved = Of(0UL, 1UL, 0x8000UL, 0x8000_0000UL);
        var revisions = Of((byte)1, (byte)3);
        Gen.Select(pxms, bases, lengths, flags, Gen.Select(reserved, reserved, reserved), revisions).Sample((pxm, start, length, f, res, revision) =>
        {
            // A CPU and 1 GiB of memory in PXM 0, then the entry under test (#2, at 0x30 + 16 + 40).
            var bytes = new SratBuilder { Revision = revision }.Lapic(0, 0).Memory(0, 0, GiB).Memory(pxm, start, length, f).Build();
            var at = 0x30 + 16 + 40;
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 6), (ushort)res.Item1);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 24), (uint)res.Item2);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at + 32), res.Item3);
            bytes[9] = 0;
            bytes[9] = FirmwarePlanner.Acpi.AcpiChecksum.Expected(bytes);

            var expected = new List<string>();
            if ((f & ~0xFu) != 0)
            {
                expected.Add("FP3109");
            }

            if ((f & 8) != 0)
            {
                expected.Add("FP3110");
            }

            expected.AddRange(Enumerable.Repeat("FP3111", ((ushort)res.Item1 != 0 ? 1 : 0) + ((uint)res.Item2 != 0 ? 1 : 0) + (res.Item3 != 0 ? 1 : 0)));
            var linuxPxm = revision < 2 ? pxm & 0xff : pxm;
            if ((f & 1) != 0)
            {
                if (length == 0)
                {
                    expected.Add("FP3112");
                }
                else if (length > ulong.MaxValue - start)
                {
                    expected.Add("FP3113");
                }
                else if (start < GiB)
                {
                    expected.Add(linuxPxm == 0 ? "FP3115" : "FP3114"); // overlaps PXM 0's [0, 1 GiB)
                }

                if (length != 0 && linuxPxm != 0)
                {
                    expected.Add("FP3120"); // memory in a PXM with no processor (Linux maps the PXM before it looks at the range)
                }
            }

            if (revision < 2 && pxm > 0xff)
            {
                expected.Add("FP3116");
            }

            var codes = LinuxSratValidation.Parse(bytes, "t.bin").Diagnostics
                .Select(d => d.Code).Where(c => c is "FP3109" or "FP3110" or "FP3111" or "FP3112" or "FP3113" or "FP3114" or "FP3115" or "FP3116" or "FP3120");
            Assert.Equal(expected.Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
        }, iter: 3000);
    }
}
