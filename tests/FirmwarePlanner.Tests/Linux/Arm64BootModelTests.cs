using FirmwarePlanner.Reports.Predict;
using FirmwarePlanner.Kernel;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Linux;
using FirmwarePlanner.Memblock;
using FirmwarePlanner.Numa;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Linux;

/// <summary>
/// arm64: QEMU virt's real SRAT (3 nodes, one memory-only) with a hand-built EFI map over the same RAM (no arm64
/// capture with an efi=debug map exists yet), checked against the rules of efi-init.c and arm64 zone_sizes_init.
/// </summary>
public class Arm64BootModelTests
{
    private static EfiMemoryDescriptor D(int i, EfiMemoryType t, ulong start, ulong bytes, EfiMemoryAttribute a) =>
        new(i, t, start, 0, bytes >> 12, a, SourceLocation.Whole("hand-built"));

    private static BootPrediction Predict(string cmdline)
    {
        const EfiMemoryAttribute wb = EfiMemoryAttribute.WB | EfiMemoryAttribute.WT | EfiMemoryAttribute.WC | EfiMemoryAttribute.UC;
        EfiMemoryDescriptor[] map =
        [
            D(0, EfiMemoryType.ConventionalMemory, 0x40000000, 0x8000000, wb | EfiMemoryAttribute.MoreReliable),
            D(1, EfiMemoryType.ConventionalMemory, 0x48000000, 0x6000000, wb),
            D(2, EfiMemoryType.RuntimeServicesData, 0x4e000000, 0x100000, wb | EfiMemoryAttribute.Runtime),
            D(3, EfiMemoryType.ConventionalMemory, 0x4e100000, 0x1f00000, wb),
            D(4, EfiMemoryType.AcpiReclaimMemory, 0x50000000, 0x10000, wb),
            D(5, EfiMemoryType.ConventionalMemory, 0x50010000, 0x7ff0000, wb),
            D(6, EfiMemoryType.MemoryMappedIO, 0x9000000, 0x1000, EfiMemoryAttribute.UC | EfiMemoryAttribute.Runtime),
        ];
        var efi = new EfiMemoryMap("hand-built", EfiMapForm.Binary, map, 48, 1, null, []);
        var srat = LinuxSratReader.Read(LinuxSratValidation.Parse(Fixtures.Bytes("srat-bin--qemu-arm-virt-acpihmatvirt--3node-memory-only-node.bin"), "srat").Table!).Info;
        return BootModel.Run(new BootInputs(efi, null, srat, true, BootCommandLine.Parse(cmdline), KernelTarget.Default, BootArch.Arm64));
    }

    [Fact]
    public void Memory_comes_from_the_efi_map_with_nomap_mirror_and_nodes()
    {
        var p = Predict("kernelcore=mirror");
        var regions = p.MemblockAfterNuma.Select(r => (r.Base, r.End, r.Nid, r.Flags)).ToArray();
        Assert.Equal(
            [
                (0x40000000UL, 0x48000000UL, 0, MemblockFlags.Mirror),
                (0x48000000UL, 0x4e000000UL, 1, MemblockFlags.None),
                (0x4e000000UL, 0x4e100000UL, 1, MemblockFlags.NoMap),
                (0x4e100000UL, 0x50000000UL, 1, MemblockFlags.None),
                (0x50000000UL, 0x58000000UL, 2, MemblockFlags.None),
            ],
            regions);
        Assert.Contains("This configuration results in unmirrored kernel memory.", p.Log.Group(BootLineGroup.KernelcoreMirror));
        Assert.Equal("efi: Memory: 128M/384M mirrored memory", Assert.Single(p.Log.Group(BootLineGroup.EfiMirror)));
    }

    [Fact]
    public void Text_output_snapshot() =>
        TextSnapshot.Match(PredictionText.Render(Predict("kernelcore=mirror"), memblock: true), "Arm64BootModelTests.Text_output_snapshot");

    [Fact]
    public void Numa_off_fakes_one_node_over_dram()
    {
        var p = Predict("numa=off");
        Assert.Equal(["NUMA: NUMA disabled", "NUMA: Faking a node at [mem 0x0000000040000000-0x0000000057ffffff]"], p.Log.Group(BootLineGroup.Numa));
        Assert.True(p.NumaFaked);
    }
}
