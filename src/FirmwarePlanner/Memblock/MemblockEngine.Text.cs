using System.Text;
using static FirmwarePlanner.Memblock.MemblockConstants;
using static FirmwarePlanner.Text.KernelFormat;

namespace FirmwarePlanner.Memblock;

/// <summary>The kernel's own renderings: <c>memblock_dump_all()</c> and the debugfs files.</summary>
public sealed partial class MemblockEngine
{
    /// <summary>The debugfs flag names, by bit (7.x table; 6.12 lacks the last two and prints UNKNOWN there).</summary>
    private static readonly string[] FlagNames = ["HOTPLUG", "MIRROR", "NOMAP", "DRV_MNG", "RSV_NIT", "RSV_KERN", "KHO_SCRATCH"];

    /// <summary>
    /// The lines <c>__memblock_dump_all()</c> prints (<c>MEMBLOCK configuration:</c> …), without log prefix.
    /// </summary>
    public IReadOnlyList<string> KernelDumpLines(KernelTextStyle style = KernelTextStyle.Kernel)
    {
        var lines = new List<string>
        {
            "MEMBLOCK configuration:",
            $" memory size = {Pa(_memory.TotalSize)} reserved size = {Pa(_reserved.TotalSize)}",
        };
        DumpType(_memory, style, lines);
        DumpType(_reserved, style, lines);
        return lines;
    }

    /// <summary><see cref="KernelDumpLines"/> joined with newlines (each line ends with one).</summary>
    public string DumpKernel(KernelTextStyle style = KernelTextStyle.Kernel)
    {
        var sb = new StringBuilder();
        foreach (var line in KernelDumpLines(style))
        {
            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary><c>memblock_dump_all()</c>: prints the dump into <see cref="Log"/> only under memblock=debug.</summary>
    public void DumpAll()
    {
        if (!Debug)
        {
            return;
        }

        foreach (var line in KernelDumpLines())
        {
            Print(MemblockLogKind.Info, line);
        }
    }

    /// <summary>The text of <c>/sys/kernel/debug/memblock/memory</c> or <c>reserved</c>.</summary>
    public string DebugfsText(MemblockTypeKind kind)
    {
        var type = TypeOf(kind);
        var sb = new StringBuilder();
        var known = V7 ? FlagNames.Length : 5;
        for (var i = 0; i < type.Count; i++)
        {
            var r = type.Regions[i];
            sb.Append(D(i).PadLeft(4)).Append(": ");
            sb.Append(Pa(r.Base)).Append("..").Append(Pa(r.End - 1)).Append(' ');
            sb.Append((IsValidNode(r.Nid) ? D(r.Nid) : "x").PadLeft(4)).Append(' ');
            sb.Append(FlagList(r.Flags, known)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Flag names joined by <c>|</c> from bit 0 up, <c>NONE</c> for none, <c>UNKNOWN</c> past the table.</summary>
    public static string FlagList(MemblockFlags flags, int knownNames = 7)
    {
        if (flags == MemblockFlags.None)
        {
            return "NONE";
        }

        var sb = new StringBuilder();
        var bits = (uint)flags;
        for (var j = 0; bits != 0; j++, bits >>= 1)
        {
            if ((bits & 1) == 0)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append('|');
            }

            sb.Append(j < knownNames && j < FlagNames.Length ? FlagNames[j] : "UNKNOWN");
        }

        return sb.ToString();
    }

    private static void DumpType(MemblockType type, KernelTextStyle style, List<string> lines)
    {
        lines.Add($" {type.Name}.cnt  = 0x{X((ulong)type.Count)}");
        for (var i = 0; i < type.Count; i++)
        {
            var r = type.Regions[i];
            var node = IsValidNode(r.Nid) ? $" on node {D(r.Nid)}" : string.Empty;
            lines.Add($" {type.Name}[{HashOf((ulong)i, style)}]\t[{Pa(r.Base)}-{Pa(r.End - 1)}], {Pa(r.Size)} bytes{node} flags: {HashOf((uint)r.Flags, style)}");
        }
    }

    private static string HashOf(ulong value, KernelTextStyle style) =>
        style == KernelTextStyle.Glibc ? GlibcHashX(value) : HashX(value);
}
