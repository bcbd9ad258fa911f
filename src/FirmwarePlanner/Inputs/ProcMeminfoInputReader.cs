using System.Text.RegularExpressions;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Inputs;

/// <summary>
/// <c>/proc/meminfo</c> of the booted machine, read for one fact the early page tables depend on: whether the kernel
/// maps RAM with 1 GiB pages. x86's <c>arch_report_meminfo()</c> prints <c>DirectMap1G</c> only when
/// <c>direct_gbpages</c> is set (the CPU has GBPAGES, the build has CONFIG_X86_DIRECT_GBPAGES, no <c>nogbpages</c>),
/// and always prints <c>DirectMap2M</c>; a meminfo without DirectMap lines (other architectures) says nothing. No
/// address is taken from it.
/// </summary>
public sealed partial class ProcMeminfoInputReader : IInputReader
{
    public string Name => "/proc/meminfo";

    public bool Recognizes(InputDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (TextLines.LooksBinary(document.Content.Span))
        {
            return false;
        }

        var lines = DocumentHead.Lines(document).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
        return lines.Length >= 3 && lines[0].StartsWith("MemTotal:", StringComparison.Ordinal) && lines.All(l => Field().IsMatch(l));
    }

    public string Read(InputDocument document, InputOptions options, MachineBuilder into)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(into);
        var lines = TextLines.Split(document.Content);
        var twoMeg = TextLines.FindIndex(lines, l => l.StartsWith("DirectMap2M:", StringComparison.Ordinal));
        var oneGig = TextLines.FindIndex(lines, l => l.StartsWith("DirectMap1G:", StringComparison.Ordinal));
        if (twoMeg < 0 && oneGig < 0)
        {
            return "no DirectMap lines (not x86): nothing read";
        }

        var line = oneGig >= 0 ? oneGig : twoMeg;
        into.DirectGbPages.Add((oneGig >= 0, new MachineFact("1 GiB direct-map pages", FactOrigin.Kernel,
            Diagnostics.SourceLocation.AtLine(document.Name, line + 1).ToString(), oneGig >= 0 ? "yes (DirectMap1G)" : "no (DirectMap2M but no DirectMap1G)")));
        return oneGig >= 0 ? "direct map with 1 GiB pages" : "direct map without 1 GiB pages";
    }

    [GeneratedRegex(@"^[A-Za-z][\w()]*:\s+\d+(?: kB)?$")]
    private static partial Regex Field();
}
