using System.Text.RegularExpressions;
using FirmwarePlanner.Linux;

namespace FirmwarePlanner.Tests.Linux;

/// <summary>Extracts each line group the boot model predicts from a real kernel log (timestamps stripped).</summary>
internal static partial class KernelLogGroups
{
    /// <summary>Every (capture, group) pair, for a theory over captures and line groups.</summary>
    public static TheoryData<string, BootLineGroup> Pairs(IEnumerable<string> captures, IReadOnlyList<BootLineGroup> groups)
    {
        var data = new TheoryData<string, BootLineGroup>();
        foreach (var c in captures)
        {
            foreach (var g in groups)
            {
                data.Add(c, g);
            }
        }

        return data;
    }

    /// <summary>The predicted lines of a group are the kernel's, in order (the group's name heads both sides of a failure).</summary>
    public static void AssertSame(BootPrediction prediction, string[] log, BootLineGroup group)
    {
        var expected = Extract(log, group);
        var actual = prediction.Log.Group(group).ToArray();
        Assert.Equal(group + ":\n" + string.Join('\n', expected), group + ":\n" + string.Join('\n', actual));
    }

    public static string[] Lines(string dmesg) =>
        dmesg.Split('\n').Select(l => Timestamp().Replace(l.TrimEnd('\r'), string.Empty)).ToArray();

    public static IReadOnlyList<string> Extract(string[] log, BootLineGroup group) => group switch
    {
        BootLineGroup.BiosE820 => log.Where(l => l == "BIOS-provided physical RAM map:" || l.StartsWith("BIOS-e820: ", StringComparison.Ordinal)).ToArray(),
        BootLineGroup.EfiMemmap => log.TakeWhile(l => l != "efi: EFI runtime memory map:")
            .Where(l => MemLine().IsMatch(l) || l == "efi: Processing EFI memory map:" || Arm64MemLine().IsMatch(l)).ToArray(),
        BootLineGroup.EfiMmio => log.Where(l => l.StartsWith("efi: Remove mem", StringComparison.Ordinal) || l.StartsWith("efi: Not removing mem", StringComparison.Ordinal)).ToArray(),
        BootLineGroup.EfiFakeMem => log.Where(l => l.StartsWith("efi_fake_mem: add attr=", StringComparison.Ordinal)).ToArray(),
        BootLineGroup.EfiMirror => log.Where(l => l.StartsWith("efi: Memory: ", StringComparison.Ordinal) && l.EndsWith(" mirrored memory", StringComparison.Ordinal)).ToArray(),
        BootLineGroup.Srat => log.Where(l => l.StartsWith("ACPI: SRAT: ", StringComparison.Ordinal)).ToArray(),
        BootLineGroup.Numa => log.Where(l => (l.StartsWith("NUMA: Node ", StringComparison.Ordinal) && l.Contains(" + ", StringComparison.Ordinal))
            || l is "No NUMA configuration found" or "NUMA turned off"
            || l.StartsWith("Faking a node at ", StringComparison.Ordinal)
            || l.StartsWith("NUMA: Faking a node at ", StringComparison.Ordinal)
            || l is "NUMA: No NUMA configuration found" or "NUMA: NUMA disabled"
            || l.StartsWith("NUMA: no nodes coverage", StringComparison.Ordinal)
            || l.Contains(" overlaps with ", StringComparison.Ordinal)).ToArray(),
        BootLineGroup.KernelcoreMirror => log.Where(l => l is "This configuration results in unmirrored kernel memory."
            or "The system has no mirror memory, ignore kernelcore=mirror."
            or "The system is under kdump, ignore kernelcore=mirror.").ToArray(),
        BootLineGroup.ZoneRanges => Block(log, "Zone ranges:"),
        BootLineGroup.MovableZoneStart => Block(log, "Movable zone start for each node"),
        BootLineGroup.EarlyNodeRanges => Block(log, "Early memory node ranges"),
        BootLineGroup.InitmemSetup => log.Where(l => l.StartsWith("Initmem setup node ", StringComparison.Ordinal)).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(group)),
    };

    /// <summary>The header line and the indented lines right after it.</summary>
    private static string[] Block(string[] log, string header)
    {
        var i = Array.IndexOf(log, header);
        if (i < 0)
        {
            return [];
        }

        var list = new List<string> { header };
        for (var j = i + 1; j < log.Length && log[j].StartsWith("  ", StringComparison.Ordinal); j++)
        {
            list.Add(log[j]);
        }

        return [.. list];
    }

    [GeneratedRegex(@"^efi: mem\d+: ")]
    private static partial Regex MemLine();

    /// <summary>arm64 <c>reserve_regions()</c> with efi=debug: <c>"  0x%012llx-0x%012llx %s"</c> after the <c>efi: </c> prefix.</summary>
    [GeneratedRegex(@"^efi:   0x[0-9a-f]{12}-0x[0-9a-f]{12} \[")]
    private static partial Regex Arm64MemLine();

    [GeneratedRegex(@"^\[\s*\d+\.\d+\] ")]
    private static partial Regex Timestamp();
}
