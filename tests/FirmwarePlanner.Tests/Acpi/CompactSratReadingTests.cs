using System.Globalization;
using System.Text.RegularExpressions;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Numa;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>
/// Linux's reading of an SRAT keeps its CPUs as the index of each one's entry and its per-entry kernel lines as runs
/// over consecutive entries, both read back from the table with the node of the entry's PXM. These pin what is read
/// back: against real kernels' lines for real tables, and against hand-worked lines for a table made so that runs
/// break (a disabled entry, an id at MAX_LOCAL_APIC, a change of hotplug flag) and PXMs get nodes out of order.
/// </summary>
public partial class CompactSratReadingTests
{
    // #0 @0x30, #1 @0x58, #2 @0x80: memory in PXM 0, PXM 1 hotpluggable, PXM 1 non-volatile (bit 2);
    // #3 @0xA8 .. #7 @0x108: x2APIC 0x10 in PXM 1 (which so becomes node 0), 0x11 disabled, 0x12 in PXM 0 (node 1),
    // 0x8000 (MAX_LOCAL_APIC) in PXM 0, 0x13 in PXM 1.
    private static SratTable Table() => LinuxSratValidation.Parse(new SratBuilder()
        .Memory(0, 0, 1UL << 30)
        .Memory(1, 1UL << 30, 1UL << 30, flags: 3)
        .Memory(1, 2UL << 30, 1UL << 30, flags: 5)
        .X2Apic(1, 0x10)
        .X2Apic(0, 0x11, flags: 0)
        .X2Apic(0, 0x12)
        .X2Apic(0, 0x8000)
        .X2Apic(1, 0x13)
        .Build(), "t.bin").Table!;

    [Fact]
    public void Lines_across_broken_runs_read_as_the_kernel_prints_them_with_their_entries_offsets()
    {
        var lines = LinuxSratReader.Read(Table()).Lines;

        Assert.Equal(
            [
                "Debug SRAT: PXM 1 -> APIC 0x0010 -> Node 0 @0xA8",
                "Debug SRAT: PXM 0 -> APIC 0x0012 -> Node 1 @0xD8",
                "Info SRAT: PXM 0 -> APIC 0x8000 -> Node 1 skipped apicid that is too big @0xF0",
                "Debug SRAT: PXM 1 -> APIC 0x0013 -> Node 0 @0x108",
                "Info ACPI: SRAT: Node 1 PXM 0 [mem 0x00000000-0x3fffffff] @0x30",
                "Info ACPI: SRAT: Node 0 PXM 1 [mem 0x40000000-0x7fffffff] hotplug @0x58",
                "Info ACPI: SRAT: Node 0 PXM 1 [mem 0x80000000-0xbfffffff] non-volatile @0x80",
            ],
            Enumerable.Range(0, lines.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{lines.Level(i)} {lines.Text(i)} @0x{lines.Offset(i):X}")));
        Assert.Equal(Enumerable.Range(0, lines.Count).Select(lines.Text), lines.Select(l => l.Text));
        Assert.Throws<ArgumentOutOfRangeException>(() => lines.Text(lines.Count));
    }

    [Fact]
    public void A_line_added_after_the_runs_comes_last_and_leaves_the_others_as_they_were()
    {
        var lines = LinuxSratReader.Read(Table()).Lines;
        var more = lines.Add(new KernelMessage(KernelMessageLevel.Info, "ACPI: SLIT table looks invalid. Not used.", null));

        Assert.Equal(lines.Count + 1, more.Count);
        Assert.Equal("ACPI: SLIT table looks invalid. Not used.", more.Text(lines.Count));
        Assert.Null(more.Offset(lines.Count));
        Assert.False(more.IsSingleLine(lines.Count));
        Assert.Equal(lines.Select(l => l.Text), more.Take(lines.Count).Select(l => l.Text));
    }

    [Fact]
    public void Cpus_are_the_enabled_entries_below_max_local_apic_with_their_pxms_nodes()
    {
        var info = LinuxSratReader.Read(Table()).Info;

        Assert.Equal(
            [new NumaCpu(0, 1, 0x10, NumaCpuKind.X2Apic), new NumaCpu(1, 0, 0x12, NumaCpuKind.X2Apic), new NumaCpu(0, 1, 0x13, NumaCpuKind.X2Apic)],
            info.Cpus);
        Assert.Equal(3, info.Cpus.Count);
        Assert.Equal(new NumaCpu(1, 0, 0x12, NumaCpuKind.X2Apic), info.Cpus[1]);
        Assert.Equal(
            [new NumaMemoryBlock(1, 0, new(0, 1UL << 30), false, false), new NumaMemoryBlock(0, 1, new(1UL << 30, 2UL << 30), true, false),
             new NumaMemoryBlock(0, 1, new(2UL << 30, 3UL << 30), false, true)],
            info.MemoryBlocks);
    }

    [Fact]
    public void A_revision_1_table_gives_linux_the_low_8_bits_of_a_memory_pxm_and_only_the_low_byte_of_a_lapic_pxm()
    {
        // Memory PXM 0x1FF (Linux: 255); LAPIC 0x02 with PXM low byte 0xFF and high bytes 0x01 (Linux: 255 in revision 1).
        var bytes = new SratBuilder { Revision = 1 }.Lapic(0xFF, 0x02).Memory(0x1FF, 0, 1UL << 30).Build();
        bytes[0x30 + 9] = 0x01;
        bytes[9] = 0;
        bytes[9] = FirmwarePlanner.Acpi.AcpiChecksum.Expected(bytes);
        var reading = LinuxSratReader.Read(LinuxSratValidation.Parse(bytes, "t.bin").Table!);

        Assert.Equal([new NumaCpu(0, 255, 0x02, NumaCpuKind.Lapic)], reading.Info.Cpus);
        Assert.Equal(255u, Assert.Single(reading.Info.MemoryBlocks).Pxm);
        Assert.Equal(
            ["SRAT: PXM 255 -> APIC 0x02 -> Node 0", "ACPI: SRAT: Node 0 PXM 255 [mem 0x00000000-0x3fffffff]"],
            reading.Lines.Select(l => l.Text));
    }

    /// <summary>Firmware tables in, the kernel's own <c>SRAT: PXM … -> APIC … -> Node …</c> lines as the oracle for the CPU list.</summary>
    [Theory]
    [MemberData(nameof(LinuxSratLinesTests.PairsWithApicLines), MemberType = typeof(LinuxSratLinesTests))]
    public void LinuxhwPair_CpusAreTheCpusTheKernelMapped(string pair)
    {
        var file = File.Exists(Fixtures.PathOf("linuxhw-pairs", pair, "acpidump.txt")) ? "acpidump.txt" : "acpi-decoded.txt";
        var cpus = AcpiFixtureSupport.Linux($"linuxhw-pairs/{pair}/{file}")!.Info.Cpus;
        var kernel = Fixtures.Text("linuxhw-pairs", pair, "dmesg.txt").Split('\n').Select(l => ApicLine().Match(l.TrimEnd('\r'))).Where(m => m.Success)
            .Select(m => m.Value).Where(l => !l.EndsWith("too big", StringComparison.Ordinal)).ToArray();

        var ours = cpus.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"SRAT: PXM {c.Pxm} -> APIC 0x{(c.Kind == NumaCpuKind.Lapic ? c.ProcessorId.ToString("x2", CultureInfo.InvariantCulture) : c.ProcessorId.ToString("x4", CultureInfo.InvariantCulture))} -> Node {c.Node}")).ToArray();
        // The dmesg files are the head of the real log, so the kernel's lines are the first of ours.
        Assert.NotEmpty(kernel);
        Assert.Equal(kernel, ours.Take(kernel.Length));
    }

    /// <summary>The arm64 captures whose kernel kept the SRAT (no <c>NUMA: Faking a node</c>: the n-series, see the folder's README).</summary>
    public static TheoryData<string> Arm64CapturesWithSratNodes() =>
        [.. Directory.EnumerateDirectories(Fixtures.PathOf("qemu-arm64"))
            .Where(d => !File.ReadAllText(Path.Combine(d, "dmesg.txt")).Contains("NUMA: Faking a node", StringComparison.Ordinal))
            .Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The firmware's SRAT.bin in, the kernel's <c>ACPI: NUMA: SRAT: PXM … -> MPIDR … -> Node …</c> lines (one per GICC
    /// entry it maps, in table order) as the oracle for the GICC CPUs' PXMs and nodes. The MPIDR comes from the MADT,
    /// which the SRAT does not hold, so only the PXM and node are compared. Where the kernel rejected the SRAT later
    /// (the a-series: memory the SRAT does not cover) it prints these lines after the fallback, with Node -1; that is
    /// the NUMA-init stage's answer, not the SRAT reading's, so those captures are not compared here.
    /// </summary>
    [Theory]
    [MemberData(nameof(Arm64CapturesWithSratNodes))]
    public void QemuArm64Capture_GiccCpusAreTheCpusTheKernelMapped(string capture)
    {
        var srat = LinuxSratValidation.Parse(Fixtures.Bytes("qemu-arm64", capture, "SRAT.bin"), "SRAT.bin").Table!;
        var cpus = LinuxSratReader.Read(srat).Info.Cpus;
        var kernel = Fixtures.Text("qemu-arm64", capture, "dmesg.txt").Split('\n').Select(l => MpidrLine().Match(l))
            .Where(m => m.Success).Select(m => (uint.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToArray();

        Assert.NotEmpty(kernel);
        Assert.Equal(kernel, cpus.Select(c => (c.Pxm, c.Node)));
        Assert.All(cpus, c => Assert.Equal(NumaCpuKind.Gicc, c.Kind));
    }

    [Fact]
    public void A_loongarch_lapic_line_says_cpu_at_info_level()
    {
        var options = FirmwarePlanner.Kernel.LinuxNumaOptions.Default with { Architecture = FirmwarePlanner.Kernel.KernelArchitecture.LoongArch };
        var reading = LinuxSratReader.Read(LinuxSratValidation.Parse(new SratBuilder().Lapic(1, 0x2a).Memory(1, 0, GiB).Build(), "t.bin").Table!, options: options);

        Assert.Equal(KernelMessageLevel.Info, reading.Lines.Level(0));
        Assert.Equal("SRAT: PXM 1 -> CPU 0x2a -> Node 0", reading.Lines.Text(0));
        Assert.Equal([new NumaCpu(0, 1, 0x2a, NumaCpuKind.Lapic)], reading.Info.Cpus);
    }

    [Fact]
    public void A_rintc_entry_is_a_cpu_with_its_uid()
    {
        // RINTC (type 7, 20 bytes): reserved u16, PXM 3, ACPI processor UID 0x11, flags enabled, clock domain 0.
        byte[] rintc = [7, 20, 0, 0, 3, 0, 0, 0, 0x11, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
        var reading = LinuxSratReader.Read(LinuxSratValidation.Parse(new SratBuilder().Raw(rintc).Memory(3, 0, GiB).Build(), "t.bin").Table!);

        Assert.Equal([new NumaCpu(0, 3, 0x11, NumaCpuKind.Rintc)], reading.Info.Cpus);
    }

    private const ulong GiB = 1UL << 30;

    [GeneratedRegex(@"SRAT: PXM \d+ -> APIC 0x[0-9a-f]+ -> Node \d+( skipped apicid that is too big)?$")]
    private static partial Regex ApicLine();

    [GeneratedRegex(@"ACPI: NUMA: SRAT: PXM (\d+) -> MPIDR 0x[0-9a-f]+ -> Node (\d+)$")]
    private static partial Regex MpidrLine();
}
