using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Checks;

public class FleetCommandTests
{
    private static string Qemu => Fixtures.PathOf("qemu");

    private static int MachineCount => Directory.GetDirectories(Qemu).Length;

    [Fact]
    public void Fleet_over_all_captures_summarizes_every_machine_whatever_the_jobs()
    {
        var (code, one, err) = CliRunner.Run("fleet", Qemu, "--jobs", "1");
        var (_, four, _) = CliRunner.Run("fleet", Qemu, "--jobs", "4");
        Assert.Equal(one, four);
        Assert.Equal(ExitCodes.Findings, code);
        using var doc = JsonDocument.Parse(one);
        var root = doc.RootElement;
        Assert.Equal(MachineCount, root.GetProperty("machines").GetInt32());
        var v = root.GetProperty("verdicts");
        Assert.Equal(MachineCount, v.GetProperty("pass").GetInt32() + v.GetProperty("fail").GetInt32() + v.GetProperty("unusable").GetInt32());
        var results = root.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("machine").GetString()!, r => r.GetProperty("verdict").GetString());
        Assert.Equal("fail", results[CheckFixtures.D2]);
        Assert.Equal("fail", results[CheckFixtures.G2]);
        Assert.Equal("pass", results[CheckFixtures.A]);
        Assert.Equal("pass", results[CheckFixtures.E]);
        Assert.Contains(root.GetProperty("mirrorShortfalls").EnumerateArray(),
            s => s.GetProperty("machine").GetString() == CheckFixtures.D2 && s.GetProperty("node").GetInt32() == 1);
        Assert.Contains("machines:", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundles_give_the_same_summary_as_folders_and_drift_is_reported()
    {
        using var temp = new TempDir();
        var bundles = Path.Combine(temp.Path, "bundles");
        Directory.CreateDirectory(bundles);
        foreach (var dir in Directory.GetDirectories(Qemu))
        {
            using var fs = File.Create(Path.Combine(bundles, Path.GetFileName(dir) + ".tar.gz"));
            using var gz = new GZipStream(fs, CompressionLevel.Fastest);
            TarFile.CreateFromDirectory(dir, gz, includeBaseDirectory: true);
        }

        var (_, folders, _) = CliRunner.Run("fleet", Qemu, "--format", "csv");
        var (code, archives, err) = CliRunner.Run("fleet", bundles, "--format", "csv");
        Assert.Equal(ExitCodes.Findings, code);
        Assert.Equal(folders, archives);
        Assert.DoesNotContain("refused", err, StringComparison.Ordinal);

        var baseline = Path.Combine(temp.Path, "before.json");
        Assert.Equal(ExitCodes.Findings, CliRunner.Run("fleet", Qemu, "-o", baseline).Code);
        File.Delete(Path.Combine(bundles, CheckFixtures.A + ".tar.gz"));
        var (_, md, _) = CliRunner.Run("fleet", bundles, "--baseline", baseline, "--format", "markdown");
        Assert.Contains("- removed: " + CheckFixtures.A, md, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_bundles_are_refused_and_nothing_is_written_outside_the_output()
    {
        using var temp = new TempDir();
        var fleet = Path.Combine(temp.Path, "fleet", "racks");
        Directory.CreateDirectory(fleet);
        Write(Path.Combine(fleet, "traversal.tar.gz"), SafeArchiveTests.Tar(true, SafeArchiveTests.File("m/../../evil", "x")));
        Write(Path.Combine(fleet, "absolute.tar"), SafeArchiveTests.Tar(false, SafeArchiveTests.File(Path.Combine(temp.Path, "abs-evil"), "x")));
        Write(Path.Combine(fleet, "symlink.tar.gz"), SafeArchiveTests.Tar(true, new PaxTarEntry(TarEntryType.SymbolicLink, "m/SRAT") { LinkName = "/etc/shadow" }));
        Write(Path.Combine(fleet, "hardlink.tar"), SafeArchiveTests.Tar(false, new PaxTarEntry(TarEntryType.HardLink, "m/SRAT") { LinkName = "../../evil" }));
        Write(Path.Combine(fleet, "bomb.tar.gz"), SafeArchiveTests.Bomb(40L << 20));
        var before = Listing(temp.Path);
        var output = Path.Combine(temp.Path, "summary.json");

        var (code, _, err) = CliRunner.Run("fleet", fleet, "-o", output);

        Assert.Equal(ExitCodes.Unusable, code);
        Assert.Equal(before.Append(output).Order(StringComparer.Ordinal), Listing(temp.Path));
        Assert.Contains("traversal: refused: entry 'm/../../evil': path goes up", err, StringComparison.Ordinal);
        Assert.Contains("absolute: refused:", err, StringComparison.Ordinal);
        Assert.Contains("symlink: refused: entry 'm/SRAT' is a link", err, StringComparison.Ordinal);
        Assert.Contains("hardlink: refused: entry 'm/SRAT' is a link", err, StringComparison.Ordinal);
        Assert.Contains("bomb: refused: compression ratio", err, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(5, doc.RootElement.GetProperty("verdicts").GetProperty("unusable").GetInt32());
    }

    private static void Write(string path, byte[] bytes) => File.WriteAllBytes(path, bytes);

    private static string[] Listing(string root) =>
        Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
}
