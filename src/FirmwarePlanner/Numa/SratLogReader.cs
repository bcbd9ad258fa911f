using FirmwarePlanner.Kernel;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using FirmwarePlanner.Acpi;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Numa;

/// <summary>
/// Rebuilds a partial SRAT reading from a kernel log when no table is at hand. Inverts
/// <c>pr_info("SRAT: Node %u PXM %u [mem %#010Lx-%#010Lx]%s%s\n")</c> (<c>drivers/acpi/numa/srat.c</c>, with the
/// <c>ACPI: </c> pr_fmt prefix since ~4.x and without it before) and the x86 debug line
/// <c>SRAT: PXM %u -> APIC 0x%02x -> Node %u</c> (4 hex digits for x2APIC and newer kernels), plus
/// <c>SRAT: SRAT not used.</c>. Only enabled memory entries the kernel printed are known; the result is marked
/// <see cref="NumaFirmwareInfo.Partial"/>.
/// </summary>
public static partial class SratLogReader
{
    /// <summary>Reads timestamp-free log messages; null when none of them is an SRAT line.</summary>
    public static LinuxSratReading? Read(IEnumerable<string> messages, string source)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var blocks = new List<NumaMemoryBlock>();
        var cpus = new List<NumaCpu>();
        var pxmToNode = new Dictionary<uint, int>();
        var lines = ImmutableArray.CreateBuilder<KernelMessage>();
        var usable = true;
        var lineNo = 0;
        int? firstLine = null;
        foreach (var message in messages)
        {
            lineNo++;
            if (NodeLine().Match(message) is { Success: true } m && TryNodeLine(m, out var block))
            {
                firstLine ??= lineNo;
                pxmToNode.TryAdd(block.Pxm, block.Node);
                if (!block.Range.IsEmpty)
                {
                    blocks.Add(block);
                }

                lines.Add(new KernelMessage(KernelMessageLevel.Info, "ACPI: " + message[m.Index..].TrimEnd(), null));
            }
            else if (CpuLine().Match(message) is { Success: true } c && TryCpuLine(c, out var cpu))
            {
                firstLine ??= lineNo;
                pxmToNode.TryAdd(cpu.Pxm, cpu.Node);
                cpus.Add(cpu);
            }
            else if (message.Contains("SRAT: SRAT not used", StringComparison.Ordinal))
            {
                firstLine ??= lineNo;
                usable = false;
            }
        }

        if (firstLine is null)
        {
            return null;
        }

        var bag = new DiagnosticBag();
        bag.Report(AcpiDiagnostics.PartialSratFromLog, SourceLocation.AtLine(source, firstLine.Value), string.Create(CultureInfo.InvariantCulture,
            $"SRAT rebuilt from {blocks.Count} logged memory range(s) and {cpus.Count} logged CPU line(s); disabled entries and the table itself are unknown"));
        var info = new NumaFirmwareInfo(blocks, cpus, usable && blocks.Count > 0, pxmToNode, null) { Partial = true };
        return new LinuxSratReading(info, LinuxSratLines.FromMessages(lines), KernelArchitecture.Auto, usable ? null : "the log says SRAT not used", [.. bag.Items]);
    }

    private static bool TryNodeLine(Match m, out NumaMemoryBlock block)
    {
        block = null!;
        if (!int.TryParse(m.Groups["node"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var node)
            || !uint.TryParse(m.Groups["pxm"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var pxm)
            || !ulong.TryParse(m.Groups["start"].ValueSpan, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
            || !ulong.TryParse(m.Groups["last"].ValueSpan, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var last))
        {
            return false;
        }

        // A zero-length entry prints its start minus one as the end; a wrapped one an end below its start.
        var range = last == ulong.MaxValue || last < start ? new AddressRange(start, start) : new AddressRange(start, last + 1);
        block = new NumaMemoryBlock(node, pxm, range, m.Groups["hot"].Success, m.Groups["nv"].Success);
        return true;
    }

    private static bool TryCpuLine(Match m, out NumaCpu cpu)
    {
        cpu = default;
        if (!uint.TryParse(m.Groups["pxm"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var pxm)
            || !uint.TryParse(m.Groups["id"].ValueSpan, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id)
            || !int.TryParse(m.Groups["node"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var node))
        {
            return false;
        }

        cpu = new NumaCpu(node, pxm, id, m.Groups["kind"].Value == "CPU" ? NumaCpuKind.Cpu : id > 0xff ? NumaCpuKind.X2Apic : NumaCpuKind.Lapic);
        return true;
    }

    [GeneratedRegex(@"SRAT: Node (?<node>\d{1,4}) PXM (?<pxm>\d{1,10}) \[mem 0x(?<start>[0-9a-fA-F]{1,16})-0x(?<last>[0-9a-fA-F]{1,16})\](?<hot> hotplug)?(?<nv> non-volatile)?\s*$")]
    private static partial Regex NodeLine();

    [GeneratedRegex(@"SRAT: PXM (?<pxm>\d{1,10}) -> (?<kind>APIC|CPU) 0x(?<id>[0-9a-fA-F]{1,8}) -> Node (?<node>\d{1,4})\s*$")]
    private static partial Regex CpuLine();
}
