using FirmwarePlanner.Linux;
using FirmwarePlanner.Memblock;
using System.Globalization;
using System.Text;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Reports.Predict;

/// <summary>Renders a prediction as the kernel's lines (boot order, no timestamps) plus optional memblock tables.</summary>
public static class PredictionText
{
    public static string Render(BootPrediction prediction, bool memblock)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var sb = new StringBuilder();
        var numaDumpWritten = false;
        var e820DumpWritten = false;
        foreach (var line in prediction.Log.Lines)
        {
            if (memblock && !numaDumpWritten && line.Group >= BootLineGroup.MemblockNumaDump && prediction.Nodes.Count > 0)
            {
                Dump(sb, prediction.MemblockAfterNuma);
                numaDumpWritten = true;
            }

            if (memblock && !e820DumpWritten && line.Group >= BootLineGroup.MemblockE820Dump)
            {
                Dump(sb, prediction.MemblockAfterE820);
                e820DumpWritten = true;
            }

            sb.Append(line.Text).Append('\n');
        }

        if (memblock)
        {
            if (!numaDumpWritten)
            {
                Dump(sb, prediction.MemblockAfterNuma);
            }

            sb.Append("/sys/kernel/debug/memblock/memory:\n");
            foreach (var l in BootMemblockText.DebugfsLines(prediction.MemblockAfterNuma, prediction.Inputs.Kernel.DebugfsShowsNodeAndFlags))
            {
                sb.Append(l).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>The notes, one per line: <c>note: topic: message</c>.</summary>
    public static string RenderNotes(BootPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var sb = new StringBuilder();
        foreach (var n in prediction.Notes)
        {
            sb.Append("note: ").Append(n.Topic).Append(": ").Append(n.Message).Append('\n');
        }

        return sb.ToString();
    }

    private static void Dump(StringBuilder sb, IReadOnlyList<MemblockRegion> memory)
    {
        sb.Append("MEMBLOCK configuration:\n");
        sb.Append(" memory.cnt  = ").Append(KernelFormat.HashX((ulong)memory.Count)).Append('\n');
        foreach (var l in BootMemblockText.DumpLines(memory))
        {
            sb.Append(l).Append('\n');
        }

        sb.Append(string.Create(CultureInfo.InvariantCulture, $" (reserved[] not predicted)\n"));
    }
}
