using System.Diagnostics;
using System.Text.RegularExpressions;
using FirmwarePlanner.Reports;
using FirmwarePlanner.Tests.Support;
using static FirmwarePlanner.Tests.Checks.CheckFixtures;

namespace FirmwarePlanner.Tests.Checks;

public class HtmlReportRenderTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Theory]
    [InlineData(D2)]
    [InlineData(A)]
    public void The_map_has_a_lane_for_every_node_and_no_external_reference(string fixture)
    {
        var report = Report(fixture);
        var html = HtmlReport.Render(report);
        foreach (var n in report.Layout!.Nodes)
        {
            Assert.Contains($"<g class=\"lane\" data-node=\"{n.Node}\">", html, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:)?//", RegexOptions.None, TimeSpan.FromSeconds(5)), html);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("hole", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Holes_are_compressed_and_small_ranges_stay_visible()
    {
        Assert.True(MemoryMapSvg.WidthOf(4096) >= 6);
        Assert.True(MemoryMapSvg.WidthOf(1UL << 40) < 300, "a terabyte must fit on a screen");
        Assert.True(MemoryMapSvg.WidthOf(1UL << 30) > 3 * MemoryMapSvg.WidthOf(1UL << 20) / 2);
    }

    [SkippableFact]
    public void Headless_Chromium_renders_a_map_that_is_not_blank()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(Chromium))
        {
            Assert.False(ci, "CI=true but chromium is not installed: tools/ci/install-deps.sh should have installed it");
            Skip.If(true, "chromium is not installed (run tools/ci/install-deps.sh); CI fails instead of skipping");
        }

        using var temp = new TempDir();
        var page = Path.Combine(temp.Path, "report.html");
        var shot = Path.Combine(temp.Path, "shot.png");
        File.WriteAllText(page, HtmlReport.Render(Report(D2)));
        var psi = new ProcessStartInfo(Chromium)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + Path.Combine(temp.Path, "profile"),
            "--screenshot=" + shot, "--window-size=1400,1000", new Uri(page).AbsoluteUri,
        })
        {
            psi.ArgumentList.Add(arg);
        }

        using (var p = Process.Start(psi)!)
        {
            var stderr = p.StandardError.ReadToEndAsync();
            _ = p.StandardOutput.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                p.Kill(entireProcessTree: true);
                Assert.Fail("chromium did not finish within 90 s");
            }

            Assert.True(File.Exists(shot), "no screenshot; chromium said: " + stderr.Result);
        }

        var png = PngImage.Decode(File.ReadAllBytes(shot));
        Assert.Equal(1400, png.Width);
        var colours = new HashSet<(byte, byte, byte)>();
        int nonWhite = 0, mirrored = 0, ram = 0;
        for (var y = 0; y < png.Height; y += 2)
        {
            for (var x = 0; x < png.Width; x += 2)
            {
                var c = png[x, y];
                colours.Add(c);
                nonWhite += c != (255, 255, 255) ? 1 : 0;
                mirrored += Near(c, (0x59, 0xa1, 0x4f)) ? 1 : 0;
                ram += Near(c, (0x4e, 0x79, 0xa7)) ? 1 : 0;
            }
        }

        var total = png.Width / 2 * (png.Height / 2);
        Assert.True(nonWhite > total / 50, $"the page looks blank: {nonWhite} of {total} sampled pixels are not white");
        Assert.True(colours.Count > 20, $"only {colours.Count} colours");
        Assert.True(mirrored > 100, $"mirrored-RAM colour barely visible ({mirrored} pixels)");
        Assert.True(ram > 100, $"RAM colour barely visible ({ram} pixels)");
    }

    private static bool Near((byte R, byte G, byte B) c, (int R, int G, int B) want) =>
        Math.Abs(c.R - want.R) <= 6 && Math.Abs(c.G - want.G) <= 6 && Math.Abs(c.B - want.B) <= 6;
}
