using System.Security.Cryptography;
using System.Text.Json;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Kernel;
using FirmwarePlanner.Linux;
using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Tests.Support;
using KernelLogGroups = FirmwarePlanner.Tests.Linux.KernelLogGroups;

namespace FirmwarePlanner.Tests.Verification;

/// <summary>
/// Real arm64 mirrored-memory boot logs from public material (fixtures/field-arm64, provenance in each README.md and in
/// fixtures/PROVENANCE.md), held against the model. Every expected line is the kernel's own line in the excerpt. Where
/// an excerpt holds what a group needs (the EFI map lines with MR, the SRAT lines, the command line) the predicted
/// group is identical to the kernel's; where it does not, <c>fwplan verify</c> reports the group not comparable and the
/// comment names the missing input.
/// </summary>
public class Arm64FieldLogTests
{
    private const string Folder = "field-arm64";

    /// <summary>
    /// Wupeng Ma (Huawei), "Re: [PATCH] mm: ignore nomap memory during mirror init", 2025-07-23,
    /// https://lore.kernel.org/r/d197fe6c-9541-444f-91b9-15653ea70644@huawei.com: a 4-node Huawei arm64 server with
    /// firmware MR, booted with kernelcore=mirror on a Huawei/openEuler kernel (no banner in the mail).
    /// </summary>
    private const string Kunpeng = "kunpeng-4node-mirror-nomap-reserved-2025";

    /// <summary>
    /// The command line is not in the excerpt (the mail's log starts at efi=debug's map print); the author names it in
    /// the same mail: "With feature kenrelcore=mirror, movable zone is needed to limit kernel memory usage." (sic).
    /// </summary>
    private const string KunpengCommandLine = "kernelcore=mirror";

    public static string[] ExcerptNames() =>
        Directory.EnumerateDirectories(Fixtures.PathOf(Folder)).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Excerpts() => new(ExcerptNames());

    [Fact]
    public void The_field_folder_holds_the_kunpeng_excerpt()
    {
        Assert.Contains(Kunpeng, ExcerptNames());
    }

    /// <summary>Each excerpt is a log file with a README naming its source, and PROVENANCE.md records its sha256: an
    /// edited log fails here.</summary>
    [Theory]
    [MemberData(nameof(Excerpts))]
    public void Every_excerpt_has_its_provenance_and_is_unchanged(string excerpt)
    {
        var log = LogFile(excerpt);
        var readme = Fixtures.Text(Folder, excerpt, "README.md");
        Assert.Contains("## Source", readme, StringComparison.Ordinal);
        Assert.Contains("https://", readme, StringComparison.Ordinal);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Fixtures.Bytes(Folder, excerpt, log)));
        var provenance = Fixtures.Text("PROVENANCE.md");
        Assert.Contains($"`{Folder}/{excerpt}`", provenance, StringComparison.Ordinal);
        Assert.Contains(sha, provenance, StringComparison.Ordinal);
    }

    [Fact]
    public void Kunpeng_movable_zone_starts_are_the_kernels()
    {
        // Needs the memblock regions at or above 4 GiB with their MR and NOMAP flags and node ids: the efi=debug print
        // (complete above 4 GiB: each early node range up there is a run of printed descriptors), the SRAT lines, and
        // kernelcore=mirror. Node 0 starts at 0x84000000000, the 64 MiB WB Reserved (so NOMAP) region below its mirror:
        // 6.12's find_zone_movable_pfns_for_nodes() skips only mirror regions (the thread's patch to skip NOMAP ones too
        // was not merged), and this boot did the same.
        var (prediction, log) = Predict(Kunpeng, KunpengCommandLine);
        Assert.Equal(
            ["Movable zone start for each node", "  Node 0: 0x0000084000000000", "  Node 1: 0x0000082880000000",
             "  Node 2: 0x0000284400000000", "  Node 3: 0x0000282200000000"],
            KernelLogGroups.Extract(log, BootLineGroup.MovableZoneStart));
        KernelLogGroups.AssertSame(prediction, log, BootLineGroup.MovableZoneStart);
    }

    [Fact]
    public void Kunpeng_mirror_summary_is_not_comparable_the_map_print_lacks_descriptors()
    {
        // Missing input: the whole EFI memory map. The summary's total counts every descriptor, and the mail omits some:
        // node 1's early ranges 0x11000000-0x1bffffff and 0x20000000-0x5fbeffff lie in no printed descriptor, and the
        // printed 25 add up to 461629M against the kernel's 462861M. (verify also finds the log cut: no banner.)
        var (code, json, _) = CliRunner.Run("verify", Fixtures.PathOf(Folder, Kunpeng, "excerpt.txt"), "--arch", "arm64", "--format", "json");
        Assert.Equal(ExitCodes.Unusable, code);
        Assert.Equal("not-comparable", Status(json, "mirror-summary"));

        // What the print does settle, the mirrored MiB, is the kernel's: all six MR descriptors are printed.
        var (prediction, log) = Predict(Kunpeng, KunpengCommandLine);
        Assert.Equal(["efi: Memory: 61376M/462861M mirrored memory"], KernelLogGroups.Extract(log, BootLineGroup.EfiMirror));
        Assert.Equal(["efi: Memory: 61376M/461629M mirrored memory"], prediction.Log.Group(BootLineGroup.EfiMirror).ToArray());
    }

    [Fact]
    public void Kunpeng_verify_compares_nothing_the_log_starts_at_the_map_print()
    {
        // Missing inputs for verify: the boot's start (no Linux version banner, so no release and no Command line:) and
        // firmware tables of its own (the EFI map and the SRAT would be this log's print, which proves nothing). The
        // movable starts are held above with the command line the author names; verify, given only the log, cannot.
        var (code, json, _) = CliRunner.Run("verify", Fixtures.PathOf(Folder, Kunpeng, "excerpt.txt"), "--arch", "arm64", "--format", "json");
        Assert.Equal(ExitCodes.Unusable, code);
        Assert.Equal("not-comparable", Status(json, "movable-zone-start"));
        Assert.All(JsonDocument.Parse(json).RootElement.GetProperty("groups").EnumerateArray(),
            g => Assert.Equal("not-comparable", g.GetProperty("status").GetString()));
    }

    private static string LogFile(string excerpt) =>
        File.Exists(Fixtures.PathOf(Folder, excerpt, "dmesg.txt")) ? "dmesg.txt" : "excerpt.txt";

    private static string Status(string json, string group) =>
        JsonDocument.Parse(json).RootElement.GetProperty("groups").EnumerateArray()
            .Single(g => g.GetProperty("group").GetString() == group).GetProperty("status").GetString()!;

    /// <summary>The pipeline on the excerpt alone, for arm64, with the command line the source names.</summary>
    private static (BootPrediction Prediction, string[] Log) Predict(string excerpt, string commandLine)
    {
        var file = LogFile(excerpt);
        var documents = new[] { new InputDocument(file, Fixtures.Bytes(Folder, excerpt, file)) };
        Assert.True(AnalysisOptions.TryCreate(null, "arm64", commandLine, null, out var options, out var error), error);
        var analysis = MachineAnalyzer.Analyze(excerpt, documents, options);
        Assert.Equal(BootArch.Arm64, analysis.BootInputs.Arch);
        Assert.NotNull(analysis.BootInputs.EfiMap);
        Assert.NotNull(analysis.Prediction);
        return (analysis.Prediction, KernelLogGroups.Lines(Fixtures.Text(Folder, excerpt, file)));
    }
}
