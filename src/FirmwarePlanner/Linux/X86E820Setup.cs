using FirmwarePlanner.Kernel;
using FirmwarePlanner.E820;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Linux;

/// <summary>
/// The x86 e820 path of <c>setup_arch()</c> up to <c>e820__memblock_setup()</c>: the firmware table as printed,
/// command-line edits (<c>mem=</c>, <c>memmap=</c>), the EFI MMIO removal, <c>trim_bios_range()</c> and max_pfn.
/// </summary>
internal static class X86E820Setup
{
    private const ulong BiosBegin = 0xa0000;
    private const ulong BiosEnd = 0x100000;

    public static (KernelE820Table Table, ulong MaxPfn) Run(
        IReadOnlyList<E820Entry> handedOver,
        IReadOnlyList<EfiMemoryDescriptor>? efiMap,
        BootCommandLine cmdline,
        BootOptions options,
        KernelTarget profile,
        BootLog log,
        List<PredictionNote> notes)
    {
        var table = new KernelE820Table(log, profile.E820PrintsSystemRamNames);

        // e820__memory_setup_default(): boot_params entries (up to 128), sanitized, printed.
        var zeroPage = handedOver.Take(EfiStubE820.ZeroPageEntries).ToArray();
        if (zeroPage.Length < 2)
        {
            notes.Add(new PredictionNote("e820", "fewer than two e820 entries: the kernel would build a map from BIOS data areas; not modeled"));
        }

        foreach (var e in zeroPage)
        {
            table.Add(e.Start, e.Size, e.Type);
        }

        table.Sanitize();
        log.Add(BootLineGroup.BiosE820, "BIOS-provided physical RAM map:");
        table.Print("BIOS-e820", BootLineGroup.BiosE820);

        // parse_setup_data(): SETUP_E820_EXT carries the entries past 128.
        if (handedOver.Count > EfiStubE820.ZeroPageEntries)
        {
            foreach (var e in handedOver.Skip(EfiStubE820.ZeroPageEntries))
            {
                table.Add(e.Start, e.Size, e.Type);
            }

            table.Sanitize();
            log.Add(BootLineGroup.E820Edits, "extended physical RAM map:");
            table.Print("extended", BootLineGroup.E820Edits);
        }

        // parse_early_param(): mem= and memmap= edit the table in command-line order.
        var userdef = false;
        foreach (var p in cmdline.Parameters)
        {
            if (p.Value is null)
            {
                continue;
            }

            if (BootCommandLine.SameName(p.Name, "mem"))
            {
                userdef |= MemOption(table, p.Value);
            }
            else if (BootCommandLine.SameName(p.Name, "memmap"))
            {
                foreach (var one in p.Value.Split(','))
                {
                    userdef |= MemmapOne(table, one, notes);
                }
            }
            else if (BootCommandLine.SameName(p.Name, "efi_fake_mem") && profile.HasEfiFakeMem)
            {
                foreach (var f in options.EfiFakeMem)
                {
                    log.Add(BootLineGroup.EfiFakeMem, EfiFakeMem.Line(f));
                }
            }
        }

        notes.Add(new PredictionNote("setup_data", "where the boot loader put its setup_data blocks is not in the inputs: the `reserve setup_data` map (which only splits RAM entries and does not change memblock) is not predicted"));

        // e820__finish_early_params()
        if (userdef)
        {
            if (!table.Sanitize())
            {
                notes.Add(new PredictionNote("e820", "the user-defined map is invalid: the kernel panics (\"Invalid user supplied memory map\")"));
            }

            log.Add(BootLineGroup.E820Edits, "user-defined physical RAM map:");
            table.Print("user", BootLineGroup.E820Edits);
        }

        // efi_init(): drop invalid descriptors, remove large MMIO ranges from e820.
        if (efiMap is not null && !options.EfiRuntimeDisabled && profile.RemovesLargeEfiMmioFromE820)
        {
            var i = 0;
            foreach (var d in efiMap)
            {
                if (d.Type == EfiMemoryType.MemoryMappedIO)
                {
                    var size = d.NumberOfPages << 12;
                    var start = d.PhysicalStart;
                    var end = start + size - 1;
                    if (size >= 256 * 1024)
                    {
                        log.Add(BootLineGroup.EfiMmio, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                            $"efi: Remove mem{i:00}: MMIO range=[{KernelFormat.Hash010(start)}-{KernelFormat.Hash010(end)}] ({size >> 20}MB) from e820 map"));
                        table.Remove(start, size, E820Type.Reserved, true);
                    }
                    else
                    {
                        log.Add(BootLineGroup.EfiMmio, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                            $"efi: Not removing mem{i:00}: MMIO range=[{KernelFormat.Hash010(start)}-{KernelFormat.Hash010(end)}] ({size >> 10}KB) from e820 map"));
                    }
                }

                i++;
            }
        }

        if (efiMap is not null && !options.EfiRuntimeDisabled && options.EfiDebug)
        {
            PrintEfiMap(efiMap, log);
        }

        // trim_bios_range()
        table.Update(0, 4096, E820Type.Ram, E820Type.Reserved);
        table.Remove(BiosBegin, BiosEnd - BiosBegin, E820Type.Ram, true);
        table.Sanitize();

        notes.Add(new PredictionNote("mtrr", "MTRR-based trimming of RAM not covered by write-back MTRRs is not modeled (firmware state)"));
        return (table, table.EndOfRamPfn(1UL << (46 - 12)));
    }

    /// <summary><c>efi_print_memmap()</c> (efi=debug).</summary>
    public static void PrintEfiMap(IReadOnlyList<EfiMemoryDescriptor> map, BootLog log)
    {
        for (var i = 0; log.Keeps && i < map.Count; i++)
        {
            log.Add(BootLineGroup.EfiMemmap, EfiLogFormat.Line(i, map[i]));
        }
    }

    private static bool MemOption(KernelE820Table table, string value)
    {
        if (string.Equals(value, "nopentium", StringComparison.Ordinal))
        {
            return false;
        }

        var (size, used) = KernelParse.Memparse(value);
        if (used == 0 || size == 0)
        {
            return false;
        }

        table.Remove(size, ulong.MaxValue - size, E820Type.Ram, true);
        return true;
    }

    private static bool MemmapOne(KernelE820Table table, string p, List<PredictionNote> notes)
    {
        if (p.StartsWith("exactmap", StringComparison.Ordinal))
        {
            table.Clear();
            return true;
        }

        var (size, used) = KernelParse.Memparse(p);
        if (used == 0)
        {
            notes.Add(new PredictionNote("memmap", "memmap=" + p + " has no size; the kernel ignores it"));
            return false;
        }

        var rest = p.AsSpan(used);
        if (rest.IsEmpty)
        {
            table.Remove(size, ulong.MaxValue - size, E820Type.Ram, true);
            return true;
        }

        var op = rest[0];
        var (start, used2) = KernelParse.Memparse(rest[1..]);
        rest = rest[(1 + used2)..];
        switch (op)
        {
            case '@':
                table.Add(start, size, E820Type.Ram);
                break;
            case '#':
                table.Add(start, size, E820Type.Acpi);
                break;
            case '$':
                table.Add(start, size, E820Type.Reserved);
                break;
            case '!':
                table.Add(start, size, E820Type.Pram);
                break;
            case '%':
                uint from = 0, to = 0;
                if (!rest.IsEmpty && rest[0] == '-')
                {
                    var (f, u) = KernelParse.StrToUll(rest[1..]);
                    from = (uint)f;
                    rest = rest[(1 + u)..];
                }

                if (!rest.IsEmpty && rest[0] == '+')
                {
                    var (t, u) = KernelParse.StrToUll(rest[1..]);
                    to = (uint)t;
                    rest = rest[(1 + u)..];
                }

                if (!rest.IsEmpty)
                {
                    return true;
                }

                if (from != 0 && to != 0)
                {
                    table.Update(start, size, new E820Type(from), new E820Type(to));
                }
                else if (to != 0)
                {
                    table.Add(start, size, new E820Type(to));
                }
                else if (from != 0)
                {
                    table.Remove(start, size, new E820Type(from), true);
                }
                else
                {
                    table.Remove(start, size, default, false);
                }

                break;
            default:
                table.Remove(size, ulong.MaxValue - size, E820Type.Ram, true);
                break;
        }

        return true;
    }
}
