using System.Globalization;
using System.Net;
using System.Text;
using FirmwarePlanner.Checks;
using FirmwarePlanner.Common;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Reports;

/// <summary>
/// An SVG map of physical memory: one lane per node (plus one for memory outside SRAT), the address axis shared
/// by all lanes. The scale is piecewise: every run of like memory gets a width that grows with the logarithm of
/// its size, and holes get a fixed narrow hatched column with their size written on it, so a 4 KiB range and a
/// terabyte hole are both visible and labelled on one map.
/// </summary>
public static class MemoryMapSvg
{
    public const int LabelWidth = 120;
    public const int LaneHeight = 44;
    public const int HoleWidth = 34;
    private const int Top = 10;
    private const int AxisHeight = 46;

    /// <summary>A drawn run: merged adjacent segments of one node, kind and loader-ness, or a hole (Node null).</summary>
    internal sealed record Piece(AddressRange Range, SegmentKind? Kind, int? Node, bool Loader, bool Hotpluggable, double X, double Width);

    public static string Render(MemoryLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var pieces = Pieces(layout);
        var lanes = layout.Nodes.Select(n => n.Node).Concat(layout.Segments.Any(s => s.Node < 0) ? [-1] : []).Distinct().Order().ToArray();
        var width = LabelWidth + (pieces.Count == 0 ? 0 : pieces[^1].X + pieces[^1].Width) + 20;
        var height = Top + (lanes.Length * LaneHeight) + AxisHeight;
        var sb = new StringBuilder();
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"memmap\" width=\"{width:0}\" height=\"{height}\" viewBox=\"0 0 {width:0} {height}\" role=\"img\" aria-label=\"physical memory map\">\n"));
        sb.Append("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#eeeeee\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999999\" stroke-width=\"2\"/></pattern></defs>\n");
        foreach (var hole in pieces.Where(p => p.Kind is null))
        {
            var x = LabelWidth + hole.X;
            sb.Append(Inv($"<g class=\"hole\"><rect x=\"{x:0.#}\" y=\"{Top}\" width=\"{hole.Width:0.#}\" height=\"{lanes.Length * LaneHeight}\" fill=\"url(#hatch)\"><title>hole {hole.Range} ({Esc(Sizes.Approx(hole.Range.Size))})</title></rect>"));
            sb.Append(Inv($"<text x=\"{x + (hole.Width / 2):0.#}\" y=\"{Top + (lanes.Length * LaneHeight / 2)}\" font-size=\"10\" text-anchor=\"middle\" transform=\"rotate(-90 {x + (hole.Width / 2):0.#} {Top + (lanes.Length * LaneHeight / 2)})\">{Esc(Sizes.Approx(hole.Range.Size))}</text></g>\n"));
        }

        for (var i = 0; i < lanes.Length; i++)
        {
            var node = lanes[i];
            var y = Top + (i * LaneHeight);
            var label = node < 0 ? "outside SRAT" : "node " + node.ToString(CultureInfo.InvariantCulture);
            sb.Append(Inv($"<g class=\"lane\" data-node=\"{node}\"><text x=\"4\" y=\"{y + (LaneHeight / 2) + 4}\" font-size=\"13\" font-weight=\"bold\">{label}</text>"));
            sb.Append(Inv($"<line x1=\"{LabelWidth}\" y1=\"{y + LaneHeight - 2}\" x2=\"{width - 20:0}\" y2=\"{y + LaneHeight - 2}\" stroke=\"#cccccc\"/>\n"));
            foreach (var p in pieces.Where(p => p.Node == node))
            {
                AppendPiece(sb, p, y);
            }

            sb.Append("</g>\n");
        }

        AppendAxis(sb, pieces, Top + (lanes.Length * LaneHeight));
        sb.Append("</svg>\n");
        return sb.ToString();
    }

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

    private static string Colour(Piece p) => p.Loader ? "#e15759" : p.Kind switch
    {
        SegmentKind.Ram => "#4e79a7",
        SegmentKind.MirroredRam => "#59a14f",
        SegmentKind.Reserved => "#f28e2b",
        _ => "#b07aa1",
    };

    private static void AppendPiece(StringBuilder sb, Piece p, int y)
    {
        var x = LabelWidth + p.X;
        var kind = p.Loader ? "loader" : p.Kind switch
        {
            SegmentKind.Ram => "RAM",
            SegmentKind.MirroredRam => "mirrored RAM",
            SegmentKind.Reserved => "reserved",
            _ => "MMIO",
        };
        var stroke = p.Hotpluggable ? " stroke=\"#000000\" stroke-dasharray=\"4 2\"" : " stroke=\"#ffffff\" stroke-width=\"0.5\"";
        sb.Append(Inv($"<rect class=\"seg\" x=\"{x:0.#}\" y=\"{y + 4}\" width=\"{Math.Max(1, p.Width - 1):0.#}\" height=\"{LaneHeight - 10}\" fill=\"{Colour(p)}\"{stroke}><title>{kind}{(p.Hotpluggable ? " (hot-pluggable)" : string.Empty)} {p.Range} {Esc(Sizes.Approx(p.Range.Size))}</title></rect>"));
        if (p.Width >= 54)
        {
            sb.Append(Inv($"<text x=\"{x + 3:0.#}\" y=\"{y + (LaneHeight / 2) + 3}\" font-size=\"10\" fill=\"#ffffff\">{Esc(Sizes.Approx(p.Range.Size))}</text>"));
        }

        sb.Append('\n');
    }

    private static void AppendAxis(StringBuilder sb, List<Piece> pieces, int y)
    {
        sb.Append("<g class=\"axis\">\n");
        var lastLabelEnd = double.MinValue;
        foreach (var p in pieces)
        {
            var x = LabelWidth + p.X;
            sb.Append(Inv($"<line x1=\"{x:0.#}\" y1=\"{y}\" x2=\"{x:0.#}\" y2=\"{y + 4}\" stroke=\"#666666\"/>"));
            if (x >= lastLabelEnd)
            {
                var text = KernelFormat.HashX(p.Range.Start);
                sb.Append(Inv($"<text x=\"{x:0.#}\" y=\"{y + 14}\" font-size=\"9\" transform=\"rotate(30 {x:0.#} {y + 14})\">{text}</text>"));
                lastLabelEnd = x + 26;
            }

            sb.Append('\n');
        }

        sb.Append("</g>\n");
    }

    internal static List<Piece> Pieces(MemoryLayout layout)
    {
        var runs = new List<(AddressRange Range, SegmentKind Kind, int Node, bool Loader, bool Hot)>();
        foreach (var s in layout.Segments)
        {
            var loader = s.Descriptor.Type is EfiMemoryType.LoaderCode or EfiMemoryType.LoaderData;
            if (runs.Count > 0 && runs[^1] is var last && last.Range.End == s.Range.Start && last.Kind == s.Kind &&
                last.Node == s.Node && last.Loader == loader && last.Hot == s.Hotpluggable)
            {
                runs[^1] = (new AddressRange(last.Range.Start, s.Range.End), last.Kind, last.Node, loader, last.Hot);
                continue;
            }

            runs.Add((s.Range, s.Kind, s.Node, loader, s.Hotpluggable));
        }

        var pieces = new List<Piece>();
        double x = 0;
        ulong at = runs.Count > 0 ? runs[0].Range.Start : 0;
        foreach (var r in runs)
        {
            if (r.Range.Start > at)
            {
                pieces.Add(new Piece(new AddressRange(at, r.Range.Start), null, null, false, false, x, HoleWidth));
                x += HoleWidth;
            }

            // Overlapping descriptors (a firmware bug reported elsewhere) share the x of the earlier one.
            var start = Math.Max(r.Range.Start, at);
            var w = WidthOf(r.Range.Size);
            pieces.Add(new Piece(r.Range, r.Kind, r.Node, r.Loader, r.Hot, r.Range.Start < at ? x - w : x, w));
            if (r.Range.End > at)
            {
                x += start < r.Range.End ? w : 0;
                at = r.Range.End;
            }
        }

        return pieces;
    }

    /// <summary>Width in px: 6 for a page, growing by 9 px per doubling; 1 GiB ≈ 168, 1 TiB ≈ 258.</summary>
    internal static double WidthOf(ulong size) => 6 + (9 * Math.Log2(Math.Max(1.0, size / 4096.0)));

    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
