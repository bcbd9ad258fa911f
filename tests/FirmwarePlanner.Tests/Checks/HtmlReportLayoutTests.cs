using System.Text.Json;
using FirmwarePlanner.Reports;
using FirmwarePlanner.Tests.Support;
using Microsoft.Playwright;
using static FirmwarePlanner.Tests.Checks.CheckFixtures;

namespace FirmwarePlanner.Tests.Checks;

/// <summary>
/// The HTML page in a real browser: Playwright drives Debian's chromium (no browser download) at 1280x800 and the
/// assertions read the page's layout (element boxes), not pixels.
/// </summary>
public class HtmlReportLayoutTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const int ViewportWidth = 1280;
    private const int ViewportHeight = 800;
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    // What the page's layout is, read in the browser: scroll extents, each lane's box, its placements and every text box.
    private const string LayoutScript = """
        () => {
          const box = e => { const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
          const lanes = [...document.querySelectorAll('svg.memmap g.lane')].map(g => ({
            node: Number(g.dataset.node),
            box: box(g),
            segments: g.querySelectorAll('rect.seg').length,
            untitled: [...g.querySelectorAll('rect.seg, rect.hole, rect.placed, rect.spill')].filter(r => !/\[0x[0-9a-f]+-0x[0-9a-f]+\]/.test(r.querySelector('title')?.textContent ?? '')).length,
            placed: g.querySelectorAll('rect.placed').length,
            spilled: g.querySelectorAll('rect.spill').length,
            texts: [...g.querySelectorAll('text')].map(t => ({ text: t.textContent, box: box(t) })),
          }));
          return JSON.stringify({
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
            lanes,
          });
        }
        """;

    public static TheoryData<string> Captures => [D2, A, "b-q35-4node-memless-612", "h1-q35-3node-mirror2-kcmirror-612", "h2-q35-4node-mirrornode-memless-kcmirror-612"];

    [SkippableTheory]
    [MemberData(nameof(Captures))]
    public async Task Every_node_has_a_lane_inside_a_1280x800_window_with_labels_that_do_not_overlap(string fixture)
    {
        SkipWithoutChromium();
        var report = Report(fixture);
        var layout = await ReadLayout(HtmlReport.Render(report));

        Assert.True(layout.ScrollWidth <= layout.ClientWidth, $"horizontal scrolling: page is {layout.ScrollWidth} px wide in a {layout.ClientWidth} px window");
        var expected = report.Layout!.Nodes.Select(n => n.Node)
            .Concat(report.Layout.Segments.Select(s => s.Node)).Distinct().Order().ToArray();
        Assert.Equal(expected, layout.Lanes.Select(l => l.Node).Order().ToArray());
        foreach (var lane in layout.Lanes)
        {
            Assert.True(lane.Box.Left >= 0 && lane.Box.Right <= ViewportWidth, $"lane {lane.Node} spans x {lane.Box.Left}..{lane.Box.Right}");
            Assert.True(lane.Box.Top >= 0 && lane.Box.Bottom <= ViewportHeight, $"lane {lane.Node} spans y {lane.Box.Top}..{lane.Box.Bottom}, below the first screen");
            Assert.Equal(0, lane.Untitled);
            var texts = lane.Texts;
            foreach (var t in texts)
            {
                Assert.True(t.Box.Right <= ViewportWidth, $"lane {lane.Node}: label '{t.Text}' ends at x {t.Box.Right}");
            }

            for (var i = 0; i < texts.Count; i++)
            {
                for (var j = i + 1; j < texts.Count; j++)
                {
                    Assert.False(Overlap(texts[i].Box, texts[j].Box), $"lane {lane.Node}: '{texts[i].Text}' overlaps '{texts[j].Text}'");
                }
            }
        }

        foreach (var (a, b) in layout.Lanes.Zip(layout.Lanes.Skip(1)))
        {
            Assert.True(a.Box.Bottom <= b.Box.Top + 0.5, $"lanes {a.Node} and {b.Node} overlap");
        }

        foreach (var n in report.Layout.Nodes.Where(n => n.RamBytes > 0))
        {
            Assert.True(layout.Lanes.Single(l => l.Node == n.Node).Segments > 0, $"node {n.Node} has RAM but nothing drawn");
        }
    }

    [SkippableFact]
    public async Task The_planner_placements_show_node_1_spilling_on_the_capture_with_mirror_on_node_0_only()
    {
        SkipWithoutChromium();
        var report = Report(D2);
        Assert.NotNull(report.Plan);
        var plan = report.Plan!.Nodes.ToDictionary(n => n.Node);
        Assert.True(plan[1].Spilled > 0 && plan[1].Mirrored == 0);
        var layout = await ReadLayout(HtmlReport.Render(report));

        var node0 = layout.Lanes.Single(l => l.Node == 0);
        var node1 = layout.Lanes.Single(l => l.Node == 1);
        Assert.True(node0.Placed > 0, "node 0's early allocations in its mirror are not drawn");
        Assert.True(node1.Spilled > 0, "node 1's spilled early allocations are not drawn");
        Assert.Equal(0, node1.Placed);
        Assert.Contains(node1.Texts, t => t.Text.Contains("spilled", StringComparison.Ordinal));
    }

    private static void SkipWithoutChromium()
    {
        if (!File.Exists(Chromium))
        {
            var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            Assert.False(ci, "CI=true but chromium is not installed: tools/ci/install-deps.sh should have installed it");
            Skip.If(true, "chromium is not installed (apt-get install chromium, or tools/ci/install-deps.sh)");
        }
    }

    private static bool Overlap(Box a, Box b) =>
        a.Left < b.Right - 0.5 && b.Left < a.Right - 0.5 && a.Top < b.Bottom - 0.5 && b.Top < a.Bottom - 0.5;

    private static async Task<PageLayout> ReadLayout(string html)
    {
        using var temp = new TempDir();
        var path = Path.Combine(temp.Path, "report.html");
        await File.WriteAllTextAsync(path, html);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = ViewportWidth, Height = ViewportHeight } });
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        var json = await page.EvaluateAsync<string>(LayoutScript);
        return JsonSerializer.Deserialize<PageLayout>(json, Json)!;
    }

    public sealed record Box(double Left, double Top, double Right, double Bottom);

    public sealed record TextBox(string Text, Box Box);

    public sealed record LaneLayout(int Node, Box Box, int Segments, int Untitled, int Placed, int Spilled, List<TextBox> Texts);

    public sealed record PageLayout(int ScrollWidth, int ClientWidth, List<LaneLayout> Lanes);
}
