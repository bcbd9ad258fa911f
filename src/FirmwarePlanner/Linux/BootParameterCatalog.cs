namespace FirmwarePlanner.Linux;

/// <summary>
/// What each boot parameter means for the prediction. Parameters that change the memory map, NUMA or zones are
/// <see cref="ParameterRole.Modeled"/> (or <see cref="ParameterRole.NotModeled"/> when we know they matter but
/// do not reproduce them); parameters known to be harmless for these results are listed as irrelevant. Anything
/// else is reported as not modeled, never silently ignored.
/// </summary>
public static class BootParameterCatalog
{
    private static readonly (string Name, ParameterRole Role, string Note)[] Table =
    [
        ("kernelcore", ParameterRole.Modeled, "kernelcore=mirror: ZONE_MOVABLE from non-mirrored memory; a size or percentage is not modeled"),
        ("movablecore", ParameterRole.NotModeled, "ZONE_MOVABLE sized by movablecore= is not modeled"),
        ("movable_node", ParameterRole.Modeled, "hotpluggable SRAT memory becomes ZONE_MOVABLE"),
        ("mem", ParameterRole.Modeled, "x86: e820 RAM above the address is removed; arm64: memblock_enforce_memory_limit"),
        ("memmap", ParameterRole.Modeled, "x86 e820 edits (exactmap, @ # $ ! %)"),
        ("numa", ParameterRole.Modeled, "numa=off / numa=noacpi; numa=fake is not modeled"),
        ("acpi", ParameterRole.Modeled, "acpi=off: no SRAT, so one faked node"),
        ("efi", ParameterRole.Modeled, "efi=debug prints the map; efi=nosoftreserve, efi=noruntime"),
        ("noefi", ParameterRole.Modeled, "EFI runtime disabled: no MMIO removal, no map print"),
        ("memblock", ParameterRole.Modeled, "memblock=debug prints the memblock tables"),
        ("efi_fake_mem", ParameterRole.Modeled, "kernels before 6.11: ORs attributes into the EFI map"),
        ("add_efi_memmap", ParameterRole.NotModeled, "the e820 table rebuilt from the EFI map is not modeled"),
        ("mem_encrypt", ParameterRole.Irrelevant, "memory encryption does not change these tables"),
        ("crashkernel", ParameterRole.AffectsAllocations, "crash kernel reservation (placement planner)"),
        ("log_buf_len", ParameterRole.AffectsAllocations, "printk buffer allocated before NUMA init"),
        ("cma", ParameterRole.AffectsAllocations, "CMA area"),
        ("hugepages", ParameterRole.AffectsAllocations, "gigantic pages from memblock"),
        ("hugepagesz", ParameterRole.AffectsAllocations, "gigantic pages from memblock"),
        ("default_hugepagesz", ParameterRole.AffectsAllocations, "gigantic pages from memblock"),
        ("swiotlb", ParameterRole.AffectsAllocations, "bounce buffer size"),
        ("nokaslr", ParameterRole.AffectsAllocations, "kernel image placement"),
        ("kaslr", ParameterRole.AffectsAllocations, "kernel image placement"),
        ("initrd", ParameterRole.AffectsAllocations, "initrd placement"),
        ("hashdist", ParameterRole.AffectsAllocations, "early hash tables"),
        ("kfence.sample_interval", ParameterRole.AffectsAllocations, "kfence pool"),
        ("nr_cpus", ParameterRole.AffectsAllocations, "per-CPU areas"),
        ("possible_cpus", ParameterRole.AffectsAllocations, "per-CPU areas"),
        ("console", ParameterRole.Irrelevant, string.Empty),
        ("earlycon", ParameterRole.Irrelevant, string.Empty),
        ("earlyprintk", ParameterRole.Irrelevant, string.Empty),
        ("loglevel", ParameterRole.Irrelevant, string.Empty),
        ("ignore_loglevel", ParameterRole.Irrelevant, string.Empty),
        ("quiet", ParameterRole.Irrelevant, string.Empty),
        ("debug", ParameterRole.Irrelevant, string.Empty),
        ("splash", ParameterRole.Irrelevant, string.Empty),
        ("panic", ParameterRole.Irrelevant, string.Empty),
        ("root", ParameterRole.Irrelevant, string.Empty),
        ("rootfstype", ParameterRole.Irrelevant, string.Empty),
        ("rootwait", ParameterRole.Irrelevant, string.Empty),
        ("ro", ParameterRole.Irrelevant, string.Empty),
        ("rw", ParameterRole.Irrelevant, string.Empty),
        ("init", ParameterRole.Irrelevant, string.Empty),
        ("rdinit", ParameterRole.Irrelevant, string.Empty),
        ("BOOT_IMAGE", ParameterRole.Irrelevant, string.Empty),
        ("resume", ParameterRole.Irrelevant, string.Empty),
        ("net.ifnames", ParameterRole.Irrelevant, string.Empty),
        ("biosdevname", ParameterRole.Irrelevant, string.Empty),
        ("selinux", ParameterRole.Irrelevant, string.Empty),
        ("apparmor", ParameterRole.Irrelevant, string.Empty),
        ("audit", ParameterRole.Irrelevant, string.Empty),
        ("crypt_root", ParameterRole.Irrelevant, string.Empty),
        ("rd.lvm.lv", ParameterRole.Irrelevant, string.Empty),
        ("rd.luks.uuid", ParameterRole.Irrelevant, string.Empty),
        ("rhgb", ParameterRole.Irrelevant, string.Empty),
        ("intel_iommu", ParameterRole.Irrelevant, string.Empty),
        ("amd_iommu", ParameterRole.Irrelevant, string.Empty),
        ("iommu", ParameterRole.Irrelevant, string.Empty),
        ("mitigations", ParameterRole.Irrelevant, string.Empty),
        ("nosmt", ParameterRole.Irrelevant, string.Empty),
        ("noapic", ParameterRole.Irrelevant, string.Empty),
        ("nomodeset", ParameterRole.Irrelevant, string.Empty),
        ("transparent_hugepage", ParameterRole.Irrelevant, string.Empty),
    ];

    public static BootParameter Classify(string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.StartsWith("systemd.", StringComparison.Ordinal) || name.StartsWith("rd.", StringComparison.Ordinal)
            || name.StartsWith("vt.", StringComparison.Ordinal))
        {
            return new BootParameter(name, value, ParameterRole.Irrelevant, string.Empty);
        }

        foreach (var (n, role, note) in Table)
        {
            if (BootCommandLine.SameName(n, name))
            {
                return new BootParameter(name, value, Refine(n, value, role), note);
            }
        }

        return new BootParameter(name, value, ParameterRole.NotModeled, "unknown to the model; its effect (if any) is not predicted");
    }

    private static ParameterRole Refine(string name, string? value, ParameterRole role) => name switch
    {
        "kernelcore" when value is null => ParameterRole.Invalid,
        "kernelcore" when !string.Equals(value, "mirror", StringComparison.Ordinal) => ParameterRole.NotModeled,
        "numa" when value is not null && value.StartsWith("fake", StringComparison.Ordinal) => ParameterRole.NotModeled,
        "mem" or "memmap" or "efi_fake_mem" when value is null => ParameterRole.Invalid,
        _ => role,
    };
}
