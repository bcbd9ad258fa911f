using System.Globalization;

namespace FirmwarePlanner.Verification;

/// <summary>
/// <c>/proc/zoneinfo</c> (mm/vmstat.c zoneinfo_show_print) as verify compares it: per zone its header line number and
/// start_pfn (printed for populated zones only), spanned and present pages; the prediction is rendered the same way.
/// </summary>
public static class ZoneinfoText
{
    /// <summary>The zoneinfo header of each zone with its start_pfn (populated zones only), spanned and present counts.</summary>
    public static ObservedLine[] Lines(ObservedDocument zoneinfo)
    {
        ArgumentNullException.ThrowIfNull(zoneinfo);
        var list = new List<ObservedLine>();
        ObservedLine? header = null;
        string? node = null, zone = null;
        ulong? start = null, spanned = null, present = null;
        void Flush()
        {
            if (header is not null)
            {
                list.Add(new ObservedLine(header.Line, Line(int.Parse(node!, CultureInfo.InvariantCulture), zone!, start, spanned ?? 0, present ?? 0)));
            }
        }

        foreach (var l in zoneinfo.Lines)
        {
            var t = l.Text.Trim();
            var parts = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 4 && parts[0] == "Node" && parts[2] == "zone" && parts[1].EndsWith(',') && int.TryParse(parts[1].TrimEnd(','), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                Flush();
                header = l;
                node = parts[1].TrimEnd(',');
                zone = parts[3];
                start = spanned = present = null;
            }
            else if (header is not null && parts.Length == 2 && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                switch (parts[0])
                {
                    case "spanned": spanned ??= v; break;
                    case "present": present ??= v; break;
                    case "start_pfn:": start ??= v; break;
                }
            }
        }

        Flush();
        return [.. list];
    }

    /// <summary>One zone as verify compares it: <c>Node N, zone NAME: [start_pfn S, ]spanned X, present Y</c>.</summary>
    public static string Line(int nid, string zone, ulong? start, ulong spanned, ulong present) =>
        string.Create(CultureInfo.InvariantCulture, $"Node {nid}, zone {zone,8}: {(start is { } s ? $"start_pfn {s}, " : string.Empty)}spanned {spanned}, present {present}");
}
