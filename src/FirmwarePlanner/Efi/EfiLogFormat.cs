using System.Globalization;
using System.Text;

namespace FirmwarePlanner.Efi;

/// <summary>
/// Renders descriptors exactly as Linux 6.12 / 7.2 prints them with <c>efi=debug</c>, so predicted log lines can be
/// compared byte for byte with a real boot. Everything here is pure formatting of the descriptor's raw fields.
/// </summary>
public static class EfiLogFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// One line of <c>efi_print_memmap()</c> (arch/x86/platform/efi/efi.c), pr_fmt <c>"efi: "</c>:
    /// <c>"mem%02u: %s range=[0x%016llx-0x%016llx] (%lluMB)"</c> with the inclusive end
    /// <c>start + (num_pages &lt;&lt; 12) - 1</c> and MB = <c>num_pages &gt;&gt; 8</c>, both in wrapping 64-bit arithmetic.
    /// </summary>
    public static string Line(int index, EfiMemoryDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var last = unchecked(descriptor.PhysicalStart + (descriptor.NumberOfPages << EfiMemoryDescriptor.PageShift) - 1);
        return string.Create(Inv,
            $"efi: mem{index:00}: {TypeAttr(descriptor.Type, descriptor.Attribute)} range=[0x{descriptor.PhysicalStart:x16}-0x{last:x16}] ({descriptor.NumberOfPages >> 8}MB)");
    }

    /// <summary>
    /// One descriptor line of arm64's <c>reserve_regions()</c> (drivers/firmware/efi/efi-init.c) with efi=debug,
    /// pr_fmt <c>"efi: "</c>: <c>"  0x%012llx-0x%012llx %s"</c>, the inclusive end <c>paddr + (npages &lt;&lt; 12) - 1</c>
    /// in wrapping 64-bit arithmetic; no index and no size. The block starts with <see cref="ReserveRegionsHeader"/>.
    /// </summary>
    public static string ReserveRegionsLine(EfiMemoryDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var last = unchecked(descriptor.PhysicalStart + (descriptor.NumberOfPages << EfiMemoryDescriptor.PageShift) - 1);
        return string.Create(Inv, $"efi:   0x{descriptor.PhysicalStart:x12}-0x{last:x12} {TypeAttr(descriptor.Type, descriptor.Attribute)}");
    }

    /// <summary><c>reserve_regions()</c>: <c>pr_info("Processing EFI memory map:\n")</c> before the descriptor lines.</summary>
    public const string ReserveRegionsHeader = "efi: Processing EFI memory map:";

    /// <summary>The whole map as <c>efi_print_memmap()</c> prints it, one line each, indices from 0, '\n' after every line.</summary>
    public static string Lines(IEnumerable<EfiMemoryDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        var sb = new StringBuilder();
        var i = 0;
        foreach (var d in descriptors)
        {
            sb.Append(Line(i++, d)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// <c>efi_md_typeattr_format()</c>: <c>"[%-12s"</c> (or <c>"[type=%u"</c> for types ≥ 16), then either
    /// <c>"|attr=0x%016llx]"</c> when a bit outside Linux's known set is present, or the 15 columns of
    /// <see cref="EfiAttributeColumns"/>, each right-aligned to its width.
    /// </summary>
    public static string TypeAttr(EfiMemoryType type, EfiMemoryAttribute attribute)
    {
        var sb = new StringBuilder(80);
        sb.Append('[');
        if (EfiMemoryTypes.LinuxName(type) is { } name)
        {
            sb.Append(name.PadRight(12));
        }
        else
        {
            sb.Append("type=").Append(((uint)type).ToString(Inv));
        }

        if (((ulong)attribute & ~(ulong)EfiMemoryAttributes.LinuxKnown) != 0)
        {
            sb.Append(Inv, $"|attr=0x{(ulong)attribute:x16}]");
            return sb.ToString();
        }

        foreach (var column in EfiAttributeColumns.All)
        {
            sb.Append('|').Append(((attribute & column.Bit) != 0 ? column.Token : string.Empty).PadLeft(column.Width));
        }

        return sb.Append(']').ToString();
    }
}
