using System.Globalization;
using System.Net;
using FirmwarePlanner.Checks;
using FirmwarePlanner.Common;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Planning;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Reports;

/// <summary>
/// An SVG map of physical memory with one lane per node (plus one for memory outside SRAT), each lane scaled on its
/// own to the full width of the map. The scale is piecewise: every run of like memory gets a width that grows with
/// the logarithm of its size, and the holes between a node's runs get a fixed narrow hatched column, so a 4 KiB range
/// and a terabyte hole are both visible on one lane. Under each lane's bar, a strip shows where the placement
/// planner put the early kernel allocations (in mirror, or spilled out of it). Every shape has a hover title with its
/// exact range.
/// </summary>
public static class MemoryMapSvg
{
    /// <summary>Width of the whole map in px: fits a 1280 px window with the page's margins and a scrollbar.</summary>
    public const int MapWidth = 1180;
    public const int LaneHeight = 70;
    public const int HoleWidth = 22;
    private const int HeaderHeight = 16;
    private const int BarHeight = 26;
    private const int PlanHeight = 8;
    private const double LabelCharWidth = 6.2;

    /// <summary>A drawn run of one lane: merged adjacent segments of one kind and loader-ness, or a hole (Kind null).</summary>
    internal sealed record Piece(AddressRange Range, SegmentKind? Kind, bool Loader, bool Hotpluggable, double X, double Width);

    /// <summary>One node's lane (node -1: memory outside SRAT) with its pieces, x from 0 to <see cref="MapWidth"/>.</summary>
    internal sealed record Lane(int Node, IReadOnlyList<Piece> Pieces);

    /// <summary>The colour of each kind, shared with the legend.</summary>
    public static IReadOnlyList<(string Name, string Colour)> Legend { get; } =
    [
        ("RAM", "#4e79a7"),
        ("mirrored RAM (MORE_RELIABLE)", "#59a14f"),
        ("loader code/data (kernel image, initrd)", "#e15759"),
        ("reserved / firmware", "#f28e2b"),
        ("MMIO", "#b07aa1"),
        ("hole (compressed scale)", "url(#hatch)"),
    ];

    /// <summary>The colours of the planner strip.</summary>
    public static IReadOnlyList<(string Name, string Colour)> PlanLegend { get; } =
    [
        ("early allocation in mirror", "#1b5e20"),
        ("early allocation spilled out of mirror", "#d81b60"),
    ];

    public static string Render(MemoryLayout layout, PolicyPlan? plan = null)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Render(w, layout, plan);
        return w.ToString();
    }

    public static void Render(TextWriter w, MemoryLayout layout, PolicyPlan? plan = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(layout);
        var lanes = Lanes(layout, MapWidth);
        var height = lanes.Count * LaneHeight;
        w.Write(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"memmap\" width=\"{MapWidth}\" height=\"{height}\" viewBox=\"0 0 {MapWidth} {height}\" role=\"img\" aria-label=\"physical memory map, one lane per node\">\n"));
        w.Write("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#eeeeee\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999999\" stroke-width=\"2\"/></pattern></defs>\n");
        for (var i = 0; i < lanes.Count; i++)
        {
            AppendLane(w, lanes[i], i * LaneHeight, layout, plan);
        }

        w.Write("</svg>\n");
    }

    private static void AppendLane(TextWriter w, Lane lane, int y, MemoryLayout layout, PolicyPlan? plan)
    {
        var bar = y + HeaderHeight;
        w.Write(Inv($"<g class=\"lane\" data-node=\"{lane.Node}\">"));
        w.Write(Inv($"<text class=\"lane-label\" x=\"0\" y=\"{y + 12}\" font-size=\"12\"><tspan font-weight=\"bold\">{Esc(LaneName(lane.Node))}</tspan> {Esc(LaneSummary(lane.Node, layout, plan))}</text>\n"));
        foreach (var p in lane.Pieces)
        {
            if (p.Kind is null)
            {
                w.Write(Inv($"<rect class=\"hole\" x=\"{p.X:0.##}\" y=\"{bar}\" width=\"{p.Width:0.##}\" height=\"{BarHeight}\" fill=\"url(#hatch)\"><title>hole {p.Range} ({Esc(Sizes.Approx(p.Range.Size))}) not on this node</title></rect>\n"));
                continue;
            }

            var stroke = p.Hotpluggable ? " stroke=\"#000000\" stroke-dasharray=\"4 2\"" : " stroke=\"#ffffff\" stroke-width=\"0.5\"";
            w.Write(Inv($"<rect class=\"seg\" x=\"{p.X:0.##}\" y=\"{bar}\" width=\"{p.Width:0.##}\" height=\"{BarHeight}\" fill=\"{Colour(p)}\"{stroke}><title>{KindName(p)}{(p.Hotpluggable ? " (hot-pluggable)" : string.Empty)} {p.Range} {Esc(Sizes.Approx(p.Range.Size))}</title></rect>"));
            var size = Sizes.Approx(p.Range.Size);
            if (p.Width >= (size.Length * LabelCharWidth) + 6)
            {
                w.Write(Inv($"<text class=\"size\" x=\"{p.X + 3:0.##}\" y=\"{bar + 17}\" font-size=\"10\" fill=\"#ffffff\">{Esc(size)}</text>"));
            }

            w.Write('\n');
        }

        if (plan is not null)
        {
            AppendPlacements(w, lane, bar + BarHeight + 2, plan);
        }

        AppendAddresses(w, lane, bar + BarHeight + PlanHeight + 14);
        w.Write("</g>\n");
    }

    private static string LaneName(int node) => node < 0 ? "outside SRAT" : "node " + node.ToString(CultureInfo.InvariantCulture);

    private static string LaneSummary(int node, MemoryLayout layout, PolicyPlan? plan)
    {
        var mem = layout.Nodes.FirstOrDefault(n => n.Node == node);
        var text = mem is null ? string.Empty : $"{Sizes.Approx(mem.RamBytes)} RAM, {Sizes.Approx(mem.MirroredBytes)} mirrored";
        if (plan?.Nodes.FirstOrDefault(n => n.Node == node) is { } row)
        {
            text += $"; early allocations {Sizes.Approx(row.EarlyNeed)}: {Sizes.Approx(row.PlacedInMirror)} in mirror, {Sizes.Approx(row.Spilled)} spilled" +
                (row.Unplaced > 0 ? $", {Sizes.Approx(row.Unplaced)} not placed" : string.Empty);
        }

        return text;
    }

    /// <summary>The planner's allocations that landed in this lane, each at its address on the lane's scale.</summary>
    private static void AppendPlacements(TextWriter w, Lane lane, int y, PolicyPlan plan)
    {
        w.Write("<g class=\"plan\">");
        foreach (var a in plan.Run.Allocations)
        {
            if (a.Range is not { } range || !TryX(lane, range.Start, out var x, out var piece))
            {
                continue;
            }

            var width = Math.Max(2, range.Size / (double)piece.Range.Size * piece.Width);
            width = Math.Min(width, MapWidth - x);
            var spilled = a.SpilledBytes > 0;
            var colour = PlanLegend[spilled ? 1 : 0].Colour;
            var where = spilled ? $"{Sizes.Approx(a.SpilledBytes)} spilled out of mirror" : "in mirror";
            w.Write(Inv($"<rect class=\"{(spilled ? "spill" : "placed")}\" x=\"{x:0.##}\" y=\"{y}\" width=\"{width:0.##}\" height=\"{PlanHeight - 2}\" fill=\"{colour}\"><title>{Esc(a.ItemId)} ({Esc(a.Call)}) {range} {Esc(Sizes.Approx(a.Size))}, {where}</title></rect>"));
        }

        w.Write("</g>\n");
    }

    /// <summary>Start addresses of the lane's runs (and its end), left to right, skipping any that would overlap the previous one.</summary>
    private static void AppendAddresses(TextWriter w, Lane lane, int y)
    {
        var lastEnd = double.MinValue;
        var marks = lane.Pieces.Where(p => p.Kind is not null).Select(p => (p.X, Address: p.Range.Start)).ToList();
        if (lane.Pieces.Count > 0)
        {
            marks.Add((MapWidth, lane.Pieces[^1].Range.End));
        }

        foreach (var (x0, address) in marks)
        {
            var text = KernelFormat.HashX(address);
            var width = text.Length * LabelCharWidth;
            var x = Math.Min(x0, MapWidth - width);
            if (x < lastEnd + 8)
            {
                continue;
            }

            w.Write(Inv($"<text class=\"addr\" x=\"{x:0.##}\" y=\"{y}\" font-size=\"10\" font-family=\"monospace\" fill=\"#444444\">{text}</text>"));
            lastEnd = x + width;
        }

        w.Write('\n');
    }

    private static bool TryX(Lane lane, ulong address, out double x, out Piece piece)
    {
        foreach (var p in lane.Pieces)
        {
            if (p.Kind is not null && p.Range.Contains(address))
            {
                piece = p;
                x = p.X + ((address - p.Range.Start) / (double)p.Range.Size * p.Width);
                return true;
            }
        }

        x = 0;
        piece = null!;
        return false;
    }

    private static string KindName(Piece p) => p.Loader ? "loader" : p.Kind switch
    {
        SegmentKind.Ram => "RAM",
        SegmentKind.MirroredRam => "mirrored RAM",
        SegmentKind.Reserved => "reserved",
        _ => "MMIO",
    };

    private static string Colour(Piece p) => p.Loader ? "#e15759" : p.Kind switch
    {
        SegmentKind.Ram => "#4e79a7",
        SegmentKind.MirroredRam => "#59a14f",
        SegmentKind.Reserved => "#f28e2b",
        _ => "#b07aa1",
    };

    /// <summary>The lanes in node order (memory outside SRAT last), each fitted to <paramref name="width"/> px.</summary>
    internal static List<Lane> Lanes(MemoryLayout layout, double width)
    {
        var nodes = layout.Nodes.Select(n => n.Node).Concat(layout.Segments.Select(s => s.Node)).Distinct()
            .OrderBy(n => n < 0 ? int.MaxValue : n).ToArray();
        var lanes = new List<Lane>(nodes.Length);
        foreach (var node in nodes)
        {
            lanes.Add(new Lane(node, Fit(Runs(layout.Segments.Where(s => s.Node == node)), width)));
        }

        return lanes;
    }

    /// <summary>Adjacent segments of one kind, loader-ness and hot-plug state merged; overlaps clipped to what is new.</summary>
    private static List<(AddressRange Range, SegmentKind Kind, bool Loader, bool Hot)> Runs(IEnumerable<MemorySegment> segments)
    {
        var runs = new List<(AddressRange Range, SegmentKind Kind, bool Loader, bool Hot)>();
        foreach (var s in segments.OrderBy(s => s.Range.Start))
        {
            var loader = s.Descriptor.Type is EfiMemoryType.LoaderCode or EfiMemoryType.LoaderData;
            var start = runs.Count > 0 ? Math.Max(s.Range.Start, runs[^1].Range.End) : s.Range.Start;
            if (start >= s.Range.End)
            {
                continue;
            }

            if (runs.Count > 0 && runs[^1] is var last && last.Range.End == start && last.Kind == s.Kind && last.Loader == loader && last.Hot == s.Hotpluggable)
            {
                runs[^1] = (new AddressRange(last.Range.Start, s.Range.End), last.Kind, loader, last.Hot);
                continue;
            }

            runs.Add((new AddressRange(start, s.Range.End), s.Kind, loader, s.Hotpluggable));
        }

        return runs;
    }

    /// <summary>Log-scaled widths for the runs, a fixed column for each hole between them, all scaled to fill the width.</summary>
    private static List<Piece> Fit(List<(AddressRange Range, SegmentKind Kind, bool Loader, bool Hot)> runs, double width)
    {
        var holes = runs.Zip(runs.Skip(1)).Count(p => p.Second.Range.Start > p.First.Range.End);
        var hole = Math.Min(HoleWidth, width / 4 / Math.Max(1, holes));
        var raw = runs.Sum(r => WidthOf(r.Range.Size));
        var scale = raw > 0 ? (width - (holes * hole)) / raw : 0;
        var pieces = new List<Piece>((runs.Count * 2) + 1);
        double x = 0;
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            if (i > 0 && r.Range.Start > runs[i - 1].Range.End)
            {
                pieces.Add(new Piece(new AddressRange(runs[i - 1].Range.End, r.Range.Start), null, false, false, x, hole));
                x += hole;
            }

            var w = WidthOf(r.Range.Size) * scale;
            pieces.Add(new Piece(r.Range, r.Kind, r.Loader, r.Hot, x, w));
            x += w;
        }

        return pieces;
    }

    /// <summary>Unscaled width: 6 for a page, growing by 9 per doubling; 1 GiB ≈ 168, 1 TiB ≈ 258.</summary>
    internal static double WidthOf(ulong size) => 6 + (9 * Math.Log2(Math.Max(1.0, size / 4096.0)));

    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
