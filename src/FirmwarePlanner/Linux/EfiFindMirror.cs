using System.Globalization;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Memblock;

namespace FirmwarePlanner.Linux;

/// <summary>
/// <c>efi_find_mirror()</c> (drivers/firmware/efi/efi.c, x86 and arm64): every descriptor counts toward the total,
/// every EFI_MEMORY_MORE_RELIABLE one is marked mirror in memblock (a no-op without kernelcore=mirror) and counted;
/// the summary line is printed when anything is mirrored.
/// </summary>
public static class EfiFindMirror
{
    public static (ulong MirrorBytes, ulong TotalBytes) Run(IReadOnlyList<EfiMemoryDescriptor> map, MemblockEngine memblock, BootLog log)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(memblock);
        ArgumentNullException.ThrowIfNull(log);
        ulong total = 0, mirror = 0;
        foreach (var d in map)
        {
            var size = unchecked(d.NumberOfPages << 12);
            total = unchecked(total + size);
            if (d.IsMirrored)
            {
                memblock.MarkMirror(d.PhysicalStart, size);
                mirror = unchecked(mirror + size);
            }
        }

        if (mirror != 0)
        {
            log.Add(BootLineGroup.EfiMirror, string.Create(CultureInfo.InvariantCulture, $"efi: Memory: {mirror >> 20}M/{total >> 20}M mirrored memory"));
        }

        return (mirror, total);
    }
}
