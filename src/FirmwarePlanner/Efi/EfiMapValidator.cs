using System.Globalization;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Efi;

/// <summary>
/// Checks a map the way Linux would trip over it, in small ordered steps: per descriptor (pages, alignment,
/// 64-bit overflow, type, attribute bits, MORE_RELIABLE on non-RAM), then across descriptors (order, overlap).
/// Each finding points at the descriptor's own location (byte offset or line).
/// </summary>
public static class EfiMapValidator
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Validate(IReadOnlyList<EfiMemoryDescriptor> descriptors, DiagnosticBag bag) =>
        Validate(descriptors, bag, EfiMapRole.Boot);

    /// <summary>
    /// As above; a runtime map (<c>EFI runtime memory map:</c>, sysfs runtime-map) is in the order of its virtual
    /// addresses (<c>efi_map_regions()</c> lays them out top-down), so its physical order is not a finding.
    /// </summary>
    public static void Validate(IReadOnlyList<EfiMemoryDescriptor> descriptors, DiagnosticBag bag, EfiMapRole role)
{
        ArgumentNullException.ThrowIfNull(descriptors);
        ArgumentNullException.ThrowIfNull(bag);
        foreach (var d in descriptors)
        {
            CheckPages(d, bag);
            CheckType(d, bag);
            CheckAttribute(d, bag);
        }

        CheckOrderAndOverlap(descriptors, bag, role == EfiMapRole.Boot);
    }

    /// <summary>Zero pages, an unaligned start, and a range past 2^64 (the cases efi_memmap_entry_valid() rejects).</summary>
    private static void CheckPages(EfiMemoryDescriptor d, DiagnosticBag bag)
    {
        if (d.NumberOfPages == 0)
        {
            bag.Report(EfiDiagnostics.ZeroPages, d.Location, $"{Name(d)}: NumberOfPages is 0");
        }
        else if (d.Range is null)
        {
            bag.Report(EfiDiagnostics.RangePast64Bit, d.Location,
                string.Create(Inv, $"{Name(d)}: 0x{d.PhysicalStart:x16} + 0x{d.NumberOfPages:x} pages passes 2^64"));
        }

        if ((d.PhysicalStart & 0xfff) != 0)
        {
            bag.Report(EfiDiagnostics.UnalignedStart, d.Location, string.Create(Inv, $"{Name(d)}: PhysicalStart 0x{d.PhysicalStart:x16}"));
        }
    }

    private static void CheckType(EfiMemoryDescriptor d, DiagnosticBag bag)
    {
        if (EfiMemoryTypes.IsDefined(d.Type))
        {
            return;
        }

        var raw = (uint)d.Type;
        var severity = raw >= EfiMemoryTypes.OemFirst ? Severity.Note : Severity.Warning;
        bag.Add(EfiDiagnostics.UnknownType.At(d.Location, severity, string.Create(Inv, $"{Name(d)}: type {raw} (0x{raw:x})")));
    }

    private static void CheckAttribute(EfiMemoryDescriptor d, DiagnosticBag bag)
    {
        var unknown = (ulong)d.Attribute & ~(ulong)EfiMemoryAttributes.LinuxKnown;
        if (unknown != 0)
        {
            bag.Report(EfiDiagnostics.ReservedAttributeBits, d.Location,
                string.Create(Inv, $"{Name(d)}: attribute 0x{(ulong)d.Attribute:x16} has bits 0x{unknown:x16}"));
        }

        if (d.IsMirrored && !EfiMemoryTypes.IsUsableRam(d.Type))
        {
            bag.Report(EfiDiagnostics.MirrorOnNonRam, d.Location, $"{Name(d)}: {EfiMemoryTypes.DisplayName(d.Type)} has MR");
        }
    }

    private static void CheckOrderAndOverlap(IReadOnlyList<EfiMemoryDescriptor> descriptors, DiagnosticBag bag, bool checkOrder)
    {
        // Firmware lists MMIO and reserved windows where it likes (OVMF after all memory: PCI MMCONFIG as Reserved, the
        // flash as MMIO); only memory out of address order is noted.
        EfiMemoryDescriptor? previousMemory = null;
        for (var i = 0; checkOrder && i < descriptors.Count; i++)
        {
            var d = descriptors[i];
            if (d.Type is EfiMemoryType.MemoryMappedIO or EfiMemoryType.MemoryMappedIOPortSpace or EfiMemoryType.ReservedMemoryType)
            {
                continue;
            }

            if (previousMemory is not null && d.PhysicalStart < previousMemory.PhysicalStart)
            {
                bag.Report(EfiDiagnostics.Unsorted, d.Location,
                    string.Create(Inv, $"{Name(d)} starts at 0x{d.PhysicalStart:x} below {Name(previousMemory)} (first such entry)"));
                break;
            }

            previousMemory = d;
        }

        // In address order (by start, then index); a range overlaps when it begins before the furthest end seen so far.
        // A map already in that order (nearly every one) is walked as it is; only a map out of order is sorted, as a copy.
        EfiMemoryDescriptor? furthest = null;
        foreach (var d in InAddressOrder(descriptors))
        {
            if (furthest is not null && d.Range!.Value.Start < furthest.Range!.Value.End)
            {
                bag.Report(EfiDiagnostics.Overlap, d.Location,
                    $"{Name(d)} {d.Range.Value} overlaps {Name(furthest)} {furthest.Range.Value}");
            }

            if (furthest is null || d.Range!.Value.End > furthest.Range!.Value.End)
            {
                furthest = d;
            }
        }
    }

    /// <summary>The descriptors with a non-empty range, ordered by start and then by index.</summary>
    private static IEnumerable<EfiMemoryDescriptor> InAddressOrder(IReadOnlyList<EfiMemoryDescriptor> descriptors)
    {
        var sorted = true;
        EfiMemoryDescriptor? previous = null;
        for (var i = 0; i < descriptors.Count && sorted; i++)
        {
            var d = descriptors[i];
            if (d.Range is not { IsEmpty: false })
            {
                continue;
            }

            sorted = previous is null || (previous.PhysicalStart, previous.Index).CompareTo((d.PhysicalStart, d.Index)) <= 0;
            previous = d;
        }

        if (sorted)
        {
            return descriptors.Where(d => d.Range is { IsEmpty: false });
        }

        // By start, then index, then place in the list (the order a stable sort by start and index gives), as keys.
        var keys = new (ulong Start, int Index, int Place)[descriptors.Count];
        var count = 0;
        for (var i = 0; i < descriptors.Count; i++)
        {
            if (descriptors[i].Range is { IsEmpty: false })
            {
                keys[count++] = (descriptors[i].PhysicalStart, descriptors[i].Index, i);
            }
        }

        var ordered = keys.AsSpan(0, count);
        ordered.Sort();
        var result = new EfiMemoryDescriptor[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = descriptors[ordered[i].Place];
        }

        return result;
    }

    /// <summary>The descriptor named as Linux names it: <c>mem07</c>.</summary>
    public static string Name(EfiMemoryDescriptor d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return string.Create(Inv, $"mem{d.Index:00}");
    }
}
