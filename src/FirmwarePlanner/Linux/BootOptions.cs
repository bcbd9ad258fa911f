using FirmwarePlanner.Text;
namespace FirmwarePlanner.Linux;

/// <summary>
/// The meaning of the command line for the boot path, after the kernel's own parsing rules (last value wins
/// where the kernel overwrites, every value counts where it accumulates).
/// </summary>
public sealed record BootOptions(
    bool KernelcoreMirror,
    bool MovableNode,
    ulong? MemLimit,
    IReadOnlyList<string> Memmap,
    bool NumaOff,
    bool SratDisabled,
    bool AcpiOff,
    bool EfiDebug,
    bool EfiSoftReserve,
    bool EfiRuntimeDisabled,
    bool MemblockDebug,
    IReadOnlyList<EfiFakeMemEntry> EfiFakeMem)
{
    public static BootOptions From(BootCommandLine cmdline)
    {
        ArgumentNullException.ThrowIfNull(cmdline);
        var efi = cmdline.ValuesOf("efi").Where(v => v is not null).SelectMany(v => v!.Split(',')).ToArray();
        var numa = cmdline.ValuesOf("numa").Where(v => v is not null).Select(v => v!).ToArray();
        ulong? mem = null;
        foreach (var v in cmdline.ValuesOf("mem"))
        {
            if (v is null || string.Equals(v, "nopentium", StringComparison.Ordinal))
            {
                continue;
            }

            var (value, used) = KernelParse.Memparse(v);
            if (used > 0 && value != 0)
            {
                mem = value;
            }
        }

        return new BootOptions(
            KernelcoreMirror: cmdline.ValuesOf("kernelcore").Any(v => string.Equals(v, "mirror", StringComparison.Ordinal)),
            MovableNode: cmdline.Has("movable_node"),
            MemLimit: mem,
            Memmap: cmdline.ValuesOf("memmap").Where(v => v is not null).SelectMany(v => v!.Split(',')).ToArray(),
            NumaOff: numa.Contains("off", StringComparer.Ordinal),
            SratDisabled: numa.Contains("noacpi", StringComparer.Ordinal),
            AcpiOff: cmdline.ValuesOf("acpi").Any(v => string.Equals(v, "off", StringComparison.Ordinal)),
            EfiDebug: efi.Contains("debug", StringComparer.Ordinal),
            EfiSoftReserve: !efi.Contains("nosoftreserve", StringComparer.Ordinal),
            EfiRuntimeDisabled: cmdline.Has("noefi") || efi.Contains("noruntime", StringComparer.Ordinal),
            MemblockDebug: cmdline.ValuesOf("memblock").Any(v => v is not null && v.Contains("debug", StringComparison.Ordinal)),
            EfiFakeMem: ParseFakeMem(cmdline.ValuesOf("efi_fake_mem")));
    }

    /// <summary><c>nn[KMG]@ss[KMG]:aa[,…]</c>; malformed entries end the list, as <c>setup_fake_mem()</c> stops.</summary>
    private static EfiFakeMemEntry[] ParseFakeMem(IEnumerable<string?> values)
    {
        var list = new List<EfiFakeMemEntry>();
        foreach (var v in values)
        {
            var p = (v ?? string.Empty).AsSpan();
            while (!p.IsEmpty)
            {
                var (size, used) = KernelParse.Memparse(p);
                if (used == 0 || used >= p.Length || p[used] != '@')
                {
                    break;
                }

                p = p[(used + 1)..];
                var (start, used2) = KernelParse.Memparse(p);
                if (used2 == 0 || used2 >= p.Length || p[used2] != ':')
                {
                    break;
                }

                p = p[(used2 + 1)..];
                var (attr, used3) = KernelParse.StrToUll(p);
                if (used3 == 0)
                {
                    break;
                }

                list.Add(new EfiFakeMemEntry(start, size, attr));
                p = p[used3..];
                if (!p.IsEmpty && p[0] == ',')
                {
                    p = p[1..];
                }
                else
                {
                    break;
                }
            }
        }

        return [.. list.OrderBy(e => e.Start)];
    }
}
