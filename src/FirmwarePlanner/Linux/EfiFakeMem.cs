using FirmwarePlanner.Efi;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Linux;

/// <summary>
/// <c>efi_fake_mem=</c> (kernels before 6.11, arch/x86/platform/efi/fake_mem.c): each entry ORs its attribute into
/// the descriptors covering its range, splitting descriptors at the range edges (<c>efi_memmap_insert</c>).
/// Applying it to a map that already carries the edit changes nothing, so the result does not depend on whether
/// the input map was captured before or after the kernel's rewrite.
/// </summary>
public static class EfiFakeMem
{
    public static IReadOnlyList<EfiMemoryDescriptor> Apply(IReadOnlyList<EfiMemoryDescriptor> map, IReadOnlyList<EfiFakeMemEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(entries);
        var current = map.ToList();
        foreach (var f in entries)
        {
            if (f.Size == 0 || f.Start > ulong.MaxValue - f.Size)
            {
                continue;
            }

            var fEnd = f.Start + f.Size;
            var next = new List<EfiMemoryDescriptor>(current.Count + 2);
            foreach (var d in current)
            {
                if (d.Range is not { } r || !r.Overlaps(new Common.AddressRange(f.Start, fEnd)))
                {
                    next.Add(d);
                    continue;
                }

                var cuts = new[] { r.Start, Math.Max(r.Start, f.Start), Math.Min(r.End, fEnd), r.End };
                for (var i = 0; i < 3; i++)
                {
                    if (cuts[i] >= cuts[i + 1])
                    {
                        continue;
                    }

                    var inside = i == 1;
                    next.Add(d with
                    {
                        PhysicalStart = cuts[i],
                        NumberOfPages = (cuts[i + 1] - cuts[i]) >> 12,
                        Attribute = inside ? d.Attribute | (EfiMemoryAttribute)f.Attribute : d.Attribute,
                    });
                }
            }

            current = next;
        }

        return current.Select((d, i) => d with { Index = i }).ToArray();
    }

    /// <summary>The line <c>setup_fake_mem()</c> prints per entry.</summary>
    public static string Line(EfiFakeMemEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return "efi_fake_mem: add attr=" + KernelFormat.Pa(entry.Attribute) + " to [mem " + KernelFormat.Pa(entry.Start) + "-" + KernelFormat.Pa(entry.Start + entry.Size - 1) + "]";
    }
}
