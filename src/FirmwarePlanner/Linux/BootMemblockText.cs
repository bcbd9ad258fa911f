using FirmwarePlanner.Memblock;
using System.Globalization;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Linux;

/// <summary>
/// The memory table as the kernel prints it: <c>memblock_dump()</c> lines (memblock=debug) and the
/// <c>/sys/kernel/debug/memblock/memory</c> lines (new format with nid and flags from 6.5, old format before).
/// </summary>
public static class BootMemblockText
{
    /// <summary><c> memory[%#x]\t[%pa-%pa], %pa bytes%s flags: %#x</c> (kernel printf: <c>0x0</c> for zero).</summary>
    public static IEnumerable<string> DumpLines(IReadOnlyList<MemblockRegion> memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        for (var i = 0; i < memory.Count; i++)
        {
            var r = memory[i];
            var node = MemblockConstants.IsValidNode(r.Nid) ? string.Create(CultureInfo.InvariantCulture, $" on node {r.Nid}") : string.Empty;
            yield return " memory[" + KernelFormat.HashX((ulong)i) + "]\t[" + KernelFormat.Pa(r.Base) + "-" + KernelFormat.Pa(r.End - 1) + "], "
                + KernelFormat.Pa(r.Size) + " bytes" + node + " flags: " + KernelFormat.HashX((ulong)r.Flags);
        }
    }

    /// <summary>debugfs <c>memblock/memory</c>.</summary>
    public static IEnumerable<string> DebugfsLines(IReadOnlyList<MemblockRegion> memory, bool withNodeAndFlags)
    {
        ArgumentNullException.ThrowIfNull(memory);
        for (var i = 0; i < memory.Count; i++)
        {
            var r = memory[i];
            var line = string.Create(CultureInfo.InvariantCulture, $"{i,4}: ") + KernelFormat.Pa(r.Base) + ".." + KernelFormat.Pa(r.End - 1);
            if (withNodeAndFlags)
            {
                line += " " + (MemblockConstants.IsValidNode(r.Nid) ? string.Create(CultureInfo.InvariantCulture, $"{r.Nid,4}") : "   x") + " " + MemblockEngine.FlagList(r.Flags);
            }

            yield return line;
        }
    }
}
