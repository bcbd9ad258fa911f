using FirmwarePlanner.Common;
using FirmwarePlanner.Efi;

namespace FirmwarePlanner.Checks;

/// <summary>Evaluators of the rules about EFI attributes (FP7007, FP7008).</summary>
internal static class EfiMapRules
{
    public static IEnumerable<Finding> MirrorOnNonRam(RuleContext c)
    {
        foreach (var d in c.Subject.KernelEfiMap!.Where(d => d.IsMirrored && d.Range is { IsEmpty: false }))
        {
            var runtimeFirmware = d.Type is EfiMemoryType.RuntimeServicesCode or EfiMemoryType.RuntimeServicesData
                or EfiMemoryType.AcpiReclaimMemory or EfiMemoryType.AcpiMemoryNvs;
            if (MemoryLayout.KindOf(d) is SegmentKind.Ram or SegmentKind.MirroredRam || runtimeFirmware)
            {
                continue;
            }

            var why = (d.Attribute & EfiMemoryAttribute.SP) != 0 ? "soft reserved (EFI_MEMORY_SP)" : $"of type {TypeName(d.Type)}";
            yield return RuleContext.Make(CheckRules.MirrorOnNonRam, RuleContext.Mem(d.Index),
                $"{RuleContext.Mem(d.Index)} {d.Range} ({Sizes.Approx(d.Range!.Value.Size)}) is MORE_RELIABLE but {why}; Linux cannot use it as mirrored RAM.",
                d.Location);
        }
    }

    public static IEnumerable<Finding> RuntimeOutsideMirror(RuleContext c)
    {
        if (!c.HasMirror)
        {
            yield break;
        }

        var outside = c.Subject.KernelEfiMap!
            .Where(d => !d.IsMirrored && d.Range is { IsEmpty: false } &&
                (d.Type is EfiMemoryType.RuntimeServicesCode or EfiMemoryType.RuntimeServicesData ||
                 ((d.Attribute & EfiMemoryAttribute.Runtime) != 0 && d.Type is not (EfiMemoryType.MemoryMappedIO or EfiMemoryType.MemoryMappedIOPortSpace))))
            .ToArray();
        if (outside.Length == 0)
        {
            yield break;
        }

        var bytes = outside.Aggregate(0UL, (a, d) => a + d.Range!.Value.Size);
        var names = string.Join(", ", outside.Take(8).Select(d => RuleContext.Mem(d.Index)));
        var more = outside.Length > 8 ? $" and {outside.Length - 8} more" : string.Empty;
        yield return RuleContext.Make(CheckRules.RuntimeOutsideMirror, "machine",
            $"{outside.Length} runtime descriptor(s), {Sizes.Approx(bytes)}, are not mirrored: {names}{more}.",
            outside[0].Location);
    }

    public static string TypeName(EfiMemoryType type) =>
        Enum.IsDefined(type) ? type.ToString() : "0x" + ((uint)type).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
