using System.Globalization;

namespace FirmwarePlanner.Efi;

/// <summary>
/// What <c>efi_find_mirror()</c> (drivers/firmware/efi/efi.c) computes: the sum of every descriptor's size, of
/// any type, and the sum of those with <c>EFI_MEMORY_MORE_RELIABLE</c>. Sizes are <c>num_pages &lt;&lt; 12</c> in
/// wrapping 64-bit arithmetic, as the kernel does; the line prints both sums <c>&gt;&gt; 20</c> (truncated).
/// </summary>
public sealed record EfiMirrorSummary(ulong MirrorBytes, ulong TotalBytes)
{
    public ulong MirrorMiB => MirrorBytes >> 20;

    public ulong TotalMiB => TotalBytes >> 20;

    /// <summary>Linux prints the line only when some mirrored memory exists.</summary>
    public bool KernelPrints => MirrorBytes != 0;

    /// <summary><c>pr_info("Memory: %lldM/%lldM mirrored memory\n", …)</c> with pr_fmt <c>"efi: "</c>.</summary>
    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"efi: Memory: {(long)MirrorMiB}M/{(long)TotalMiB}M mirrored memory");

    public static EfiMirrorSummary Compute(IEnumerable<EfiMemoryDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        ulong total = 0, mirror = 0;
        foreach (var d in descriptors)
        {
            var size = unchecked(d.NumberOfPages << EfiMemoryDescriptor.PageShift);
            total = unchecked(total + size);
            if (d.IsMirrored)
            {
                mirror = unchecked(mirror + size);
            }
        }

        return new EfiMirrorSummary(mirror, total);
    }
}
