using FirmwarePlanner.E820;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.E820;

public class E820ReadersTests
{
    private static Machine ReadText(string text) =>
        MachineReader.Read([InputDocument.FromText("t", text)], InputOptions.Default);

    [Fact]
    public void OvmfExcerptWithoutTimestamps()
    {
        var table = FixtureInputs.Read("dmesg-excerpt--ovmf-qemu-x86-128M--bios-e820-same-vm-as-uefi-shell-memmap.txt").FirmwareE820!;
        Assert.Equal(13, table.Entries.Count);
        Assert.Equal(E820Type.Acpi, table.Entries[7].Type);
        Assert.Equal(0x7b6f000UL, table.Entries[7].Range.Start);
        Assert.Equal(0x100000000UL, table.Entries[^1].Range.End);
    }

    /// <summary>
    /// The 7.x print of e820__print_table() (arch/x86/kernel/e820.c in Debian's linux-source-7.2: "[gap …]" lines before
    /// an entry that follows a hole, "System RAM" / "device reserved" for the types). No real 7.x log is in fixtures yet:
    /// the lines are the a-capture's real 6.12 BIOS-e820 table re-printed in that format, and must read back to the same
    /// entries with no damaged-line diagnostic.
    /// </summary>
    [Fact]
    public void Linux7FormWithGapLinesReadsBackTheSameTable()
    {
        var old = FixtureInputs.Read("qemu/a-q35-2node-612/dmesg.txt").FirmwareE820!;
        var lines = new List<string>();
        ulong previousEnd = 0;
        foreach (var e in old.Entries)
        {
            if (e.Start > previousEnd)
            {
                lines.Add($"BIOS-e820: [gap 0x{previousEnd:x16}-0x{e.Start - 1:x16}]");
            }

            var name = e.Type == E820Type.Ram ? "System RAM" : e.Type == E820Type.Reserved ? "device reserved" : e.Type.LogName;
            lines.Add($"BIOS-e820: [mem 0x{e.Start:x16}-0x{e.End - 1:x16}] {name}");
            previousEnd = e.End;
        }

        Assert.Contains(lines, l => l.Contains("[gap ", StringComparison.Ordinal));
        var read = ReadText(string.Join('\n', lines) + "\n");
        Assert.DoesNotContain(read.Diagnostics, d => d.Code == "FP2001" || d.Severity > Diagnostics.Severity.Note);
        var table = Assert.Single(read.E820Tables);
        Assert.Equal(old.Entries.Select(e => (e.Start, e.Size, e.Type)), table.Entries.Select(e => (e.Start, e.Size, e.Type)));
    }

    [Fact]
    public void GenoaDmesgHasTheAmdHoleBelow1TiB()
    {
        var inputs = FixtureInputs.Read("dmesg--supermicro-as-4125gs-h13dsg-epyc-genoa-2s--1.5TB-amd-1tb-hole.txt");
        var table = inputs.FirmwareE820!;
        Assert.Contains(table.Entries, e => e.Range.Start == 0xfc50000000 && e.Range.End == 0x10000000000 && e.Type == E820Type.Reserved);
        Assert.Empty(inputs.EfiMaps);
        Assert.StartsWith("BOOT_IMAGE=(hd2,gpt2)/vmlinuz-5.14.0", inputs.CommandLine!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void LegacyFormWithExclusiveEndAndUserTable()
    {
        var inputs = ReadText(
            "BIOS-provided physical RAM map:\n" +
            " BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)\n" +
            " BIOS-e820: 0000000000100000 - 000000007fff0000 (usable)\n" +
            " BIOS-e820: 00000000fffc0000 - 0000000100000000 (reserved)\n" +
            "user-defined physical RAM map:\n" +
            "user: [mem 0x0000000000000000-0x000000000009fbff] usable\n" +
            "user: [mem 0x0000000100000000-0x000000013fffffff] persistent (type 12)\n");
        Assert.Equal(2, inputs.E820Tables.Count);
        var bios = inputs.E820Tables[0];
        Assert.Equal(E820Form.KernelLogLegacy, bios.Form);
        Assert.Equal(0x9fc00UL, bios.Entries[0].Range.End);
        Assert.Equal(0x100000000UL, bios.Entries[2].Range.End);
        Assert.Equal("user", inputs.E820Tables[1].Who);
        Assert.Equal(E820Type.Pram, inputs.E820Tables[1].Entries[1].Type);
        Assert.False(inputs.E820Tables[1].IsFirmwareTable);
    }

    [Fact]
    public void FirmwareMemmapCapturedAsOneLinePerEntry()
    {
        var table = Assert.Single(FixtureInputs.Read("qemu/d1-q35-2node-mirror512M-612/firmware-memmap.txt").E820Tables);
        Assert.Equal(E820Form.SysfsFirmwareMemmap, table.Form);
        Assert.Equal(17, table.Entries.Count);
        Assert.Equal(E820Type.Nvs, table.Entries[2].Type);
        Assert.Equal(0x808000UL, table.Entries[2].Range.End);
    }

    /// <summary>Hand-made: entries out of address order are noted and their overlap is still found (a sorted copy is walked).</summary>
    [Fact]
    public void FirmwareMemmapOutOfOrderIsNotedAndItsOverlapFound()
    {
        var inputs = ReadText(
            "0 start=0x100000 end=0x1fffff type=System RAM\n" +
            "1 start=0x0 end=0x9ffff type=System RAM\n" +
            "2 start=0x80000 end=0x17ffff type=Reserved\n");
        var table = Assert.Single(inputs.E820Tables);
        Assert.Equal([0x100000UL, 0x0UL, 0x80000UL], table.Entries.Select(e => e.Range.Start));
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP2005" && d.Location.Line == 2);
        Assert.Equal(2, inputs.Diagnostics.Count(d => d.Code == "FP2002"));
    }

    /// <summary>Hand-made: the <c>grep "" /sys/firmware/memmap/*/*</c> form (no real capture exists; fixture-formats §9).</summary>
    [Fact]
    public void FirmwareMemmapCapturedWithGrep()
    {
        var table = Assert.Single(ReadText(
            "/sys/firmware/memmap/0/end:0x9fbff\n/sys/firmware/memmap/0/start:0x0\n/sys/firmware/memmap/0/type:System RAM\n" +
            "/sys/firmware/memmap/10/end:0xffffffff\n/sys/firmware/memmap/10/start:0xfffc0000\n/sys/firmware/memmap/10/type:Reserved\n" +
            "/sys/firmware/memmap/2/end:0x7fffffff\n/sys/firmware/memmap/2/start:0x100000\n/sys/firmware/memmap/2/type:Soft Reserved\n").E820Tables);
        Assert.Equal([E820Type.Ram, E820Type.SoftReserved, E820Type.Reserved], table.Entries.Select(e => e.Type));
        Assert.Equal(0x9fc00UL, table.Entries[0].Range.End);
    }

    [Fact]
    public void MalformedMemmap_MissingFileIsReported()
    {
        var inputs = ReadText("0 start=0x0 end=0x9ffff type=System RAM\n1 start=0x100000 type=System RAM\n");
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP2007" && d.Location.Line == 2);
    }

    [Fact]
    public void ProcIomemTopLevelAndNesting()
    {
        var inputs = FixtureInputs.Read("proc-iomem--intel-laptop-x86-10G--kernel-rodata-ram-buffer.txt");
        Assert.Empty(inputs.EfiMaps);
        Assert.Contains(inputs.Iomem, r => r.Depth == 0 && r.Name == "System RAM" && r.Range.Start == 0x1000);
        Assert.Contains(inputs.Iomem, r => r.Depth > 0 && r.Name == "Kernel rodata");
        Assert.Equal(0, inputs.ExitCode);
    }

    [Fact]
    public void ZeroedIomemIsANote()
    {
        var inputs = ReadText("00000000-00000000 : Reserved\n00000000-00000000 : System RAM\n");
        Assert.Contains(inputs.Diagnostics, d => d.Code == "FP2006");
    }
}
