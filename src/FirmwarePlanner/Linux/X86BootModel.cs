using FirmwarePlanner.Kernel;
using FirmwarePlanner.E820;
using FirmwarePlanner.Memblock;
using System.Globalization;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Numa;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Linux;

/// <summary>
/// The x86-64 boot path from firmware tables to memblock, NUMA nodes and zones (arch/x86/kernel/setup.c
/// <c>setup_arch()</c>): EFI stub e820 → kernel e820 edits → <c>e820__memblock_setup()</c> →
/// <c>efi_find_mirror()</c> → <c>initmem_init()</c> (SRAT → numa_meminfo → node ids) → <c>zone_sizes_init()</c>.
/// </summary>
public static class X86BootModel
{
    public static BootPrediction Run(BootInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var options = BootOptions.From(inputs.CommandLine);
        var profile = inputs.Kernel;
        var log = new BootLog(inputs.KernelLines);
        var notes = new List<PredictionNote>();
        NoteParameters(inputs.CommandLine, profile, notes);

        var firmwareMap = inputs.EfiMap?.Descriptors;
        IReadOnlyList<E820Entry> handedOver;
        if (firmwareMap is not null)
        {
            handedOver = EfiStubE820.Build(inputs.EfiMap!, options.EfiSoftReserve);
        }
        else if (inputs.FirmwareE820 is { Count: > 0 } e820)
        {
            handedOver = e820;
            notes.Add(new PredictionNote("efi", "no EFI memory map: no efi: lines, no mirror (EFI_MEMORY_MORE_RELIABLE) and no EFI MMIO removal"));
        }
        else
        {
            notes.Add(new PredictionNote("memory", "neither an EFI memory map nor an e820 table: the memory layout cannot be predicted", NoteEffect.BootPathNotModelled));
            return Empty(inputs, options, log, notes);
        }

        var (table, maxPfn) = X86E820Setup.Run(handedOver, firmwareMap, inputs.CommandLine, options, profile, log, notes);

        // The kernel's working EFI map: efi_fake_mem (before 6.11) rewrites it before efi_find_mirror().
        IReadOnlyList<EfiMemoryDescriptor>? kernelMap = firmwareMap;
        if (kernelMap is not null && profile.HasEfiFakeMem && options.EfiFakeMem.Count > 0)
        {
            kernelMap = EfiFakeMem.Apply(kernelMap, options.EfiFakeMem);
            if (options.EfiDebug)
            {
                X86E820Setup.PrintEfiMap(kernelMap, log);
            }
        }

        // e820__memblock_setup()
        var memblock = MemblockEngine.Create(profile.MemblockVersion());
        memblock.MirroredKernelcore = options.KernelcoreMirror;
        memblock.MovableNode = options.MovableNode;
        memblock.CurrentLimit = 1UL << 20;
        memblock.AllowResize();
        foreach (var e in table.Entries)
        {
            if (e.Start + e.Size < e.Start)
            {
                continue;
            }

            if (e.Type == E820Type.Ram || (e.Type == E820Type.ReservedKern && profile.E820AddsReservedKern))
            {
                memblock.Add(e.Start, e.Size);
            }
        }

        // 7.x: the memory below 1 MiB is KHO scratch until the real-mode trampoline is allocated.
        if (profile.E820MarksLowMemoryKhoScratch)
        {
            memblock.MarkKhoScratch(0, 1UL << 20);
        }

        memblock.TrimMemory(4096);
        var afterE820 = memblock.Memory.Regions.ToArray();

        // efi_find_mirror()
        var (mirror, total) = kernelMap is null ? (0UL, 0UL) : EfiFindMirror.Run(kernelMap, memblock, log);
        var hasMirror = memblock.HasMirror;

        // reserve_real_mode() (before initmem_init): clears the KHO scratch mark (the model does not place the
        // trampoline; the planner does).
        if (profile.E820MarksLowMemoryKhoScratch)
        {
            memblock.ClearKhoScratch(0, 1UL << 20);
        }

        var (faked, nodes) = NumaInit.Init(inputs, options, profile, memblock, maxPfn, kernelMap, log, notes);
        var afterNuma = memblock.Memory.Regions.ToArray();

        // zone_sizes_init(): on x86-64 max_low_pfn = max_pfn after init_mem_mapping().
        var possible = nodes.Select(n => n.Nid).ToArray();
        var zones = ZoneLayout.Compute(afterNuma, Math.Min(0x1000UL, maxPfn), Math.Min(1UL << 20, maxPfn), maxPfn,
            possible, options, hasMirror, IsKdump(inputs.CommandLine), profile, log);
        var bootNodes = nodes.Select(n => n with { Span = zones.Nodes.First(s => s.Nid == n.Nid) }).ToArray();

        notes.Add(new PredictionNote("NODE_DATA", "NODE_DATA placement depends on the memblock reservations and allocations made before NUMA init (kernel image, initrd, boot services, page tables, log buffer): use the placement planner"));
        return new BootPrediction(inputs, options, log, handedOver, table.Entries.ToArray(), maxPfn, afterE820, mirror, total,
            hasMirror, afterNuma, memblock, faked, bootNodes, zones, notes)
        {
            KernelEfiMap = kernelMap,
        };
    }

    internal static bool IsKdump(BootCommandLine cmdline) => cmdline.Has("elfcorehdr");

    private static BootPrediction Empty(BootInputs inputs, BootOptions options, BootLog log, List<PredictionNote> notes) =>
        new(inputs, options, log, [], [], 0, [], 0, 0, false, [], MemblockEngine.Create(inputs.Kernel.MemblockVersion()), false, [], null, notes);

    internal static void NoteParameters(BootCommandLine cmdline, KernelTarget profile, List<PredictionNote> notes)
    {
        var notModeled = new List<string>();
        foreach (var p in cmdline.Parameters)
        {
            switch (p.Role)
            {
                case ParameterRole.NotModeled:
                    notModeled.Add(p.Text + " (" + p.Note + ")");
                    break;
                case ParameterRole.Invalid:
                    notes.Add(new PredictionNote("cmdline", p.Text + ": invalid value, ignored as the kernel ignores it"));
                    break;
                case ParameterRole.Modeled when BootCommandLine.SameName(p.Name, "efi_fake_mem") && !profile.HasEfiFakeMem:
                    notes.Add(new PredictionNote("cmdline", p.Text + ": efi_fake_mem was removed in Linux 6.11; Linux " + profile.Release + " ignores it"));
                    break;
                default:
                    break;
            }
        }

        // One note for every option that may change the result and is not modelled, not one per option.
        if (notModeled.Count > 0)
        {
            notes.Add(new PredictionNote("cmdline", (notModeled.Count == 1 ? "not modeled: " : notModeled.Count + " options not modeled: ") + string.Join("; ", notModeled)));
        }
    }
}
