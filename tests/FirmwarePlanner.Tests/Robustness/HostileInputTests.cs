using System.Diagnostics;
using System.Xml.Linq;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Robustness;

/// <summary>
/// The crafted reproducers of <c>fixtures/hostile/</c> (issue 16): each class of hostile input ends with the exit code
/// and diagnostic it should, within a time bound, and never on the internal-error path (exit 3).
/// </summary>
public class HostileInputTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static string H(string name) => Fixtures.PathOf("hostile", name);

    private static string SmallMap => Fixtures.PathOf("uefi-shell-memmap--ovmf-qemu-x86-128M.txt");

    private static async Task<(int Code, string Out, string Err)> RunWithin(TimeSpan limit, params string[] args)
    {
        var run = Task.Run(() => CliRunner.Run(args));
        try
        {
            return await run.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"fwplan {string.Join(' ', args)} did not finish within {limit.TotalSeconds} s");
            throw;
        }
    }

    public static TheoryData<string, string, int, string> Cases() => new()
    {
        // A SLIT whose declared length is below its own fixed part looped forever (binary and acpidump).
        { "inspect", "slit-length-below-header.bin", 2, "FP3005" },
        { "check", "slit-length-below-header.bin", 2, "FP3005" },
        { "inspect", "slit-length-below-header.acpidump.txt", 2, "FP3005" },
        { "check", "slit-length-below-header.acpidump.txt", 2, "FP3005" },
        // A base-256 tar field past its type escaped the archive layer as OverflowException.
        { "check", "tar-base256-size.tar", 2, "not a readable tar archive" },
        { "check", "tar-base256-uid.tar", 2, "not a readable tar archive" },
        // RAM ranges claiming most of (or past) the 64-bit space: O(GiB) loops and an (int) cast.
        { "plan", "efi-ram-huge.txt", 0, "FP6022" },
        { "plan", "efi-ram-past-2e64.txt", 0, "FP6022" },
        { "plan", "efi-ram-many-huge.txt", 0, "FP6022" },
        { "check", "efi-ram-huge.txt", 0, "FP7001" },
        { "predict", "efi-ram-past-2e64.txt", 1, "FP1012" },
        // Found by AFL++ (tools/fuzz): map metadata whose property name is not UTF-8 threw in the reader (FP9004).
        { "inspect", "fuzz-efi-metadata-0b99ece4", 2, "FP9002" },
        { "inspect", "fuzz-efi-metadata-20a8ba19", 2, "FP9002" },
        { "inspect", "fuzz-efi-metadata-257f22b1", 2, "FP9002" },
        { "inspect", "fuzz-efi-metadata-89e597dc", 2, "FP9002" },
        // Found by AFL++: Boot Data claiming 2^53 bytes reserved all RAM, and every section's memmap block failed
        // through memblock again (18 s, 1 GB); now a node's failed block makes the rest fail without the walk.
        { "plan", "fuzz-plan-5258571b", 0, "FP6020" },
        // Found by AFL++ (acpi-binary harness, a hang at 10 s): 6,554 short subtables, hundreds of them memory entries
        // overlapping one another; every overlapping pair was formatted although 16 per code are listed (7 s).
        { "inspect", "fuzz-acpi-binary-0a87f075", 2, "further FP3115 findings are not listed" },
        { "check", "fuzz-acpi-binary-0a87f075", 1, "FP3114" },
    };

    [Fact]
    public async Task SratWhoseMemoryEntriesAllOverlapIsReportedWithinTheBound()
    {
        // 60,000 enabled memory entries of 1 TiB, each 4 KiB above the last, on PXM 0, then one on PXM 1: 1.8e9
        // overlapping pairs. Listing stops at its budget, and the cross-node overlap found by the linear sweep is still said.
        const int entries = 60_000;
        var table = new byte[48 + (40 * (entries + 1))];
        "SRAT"u8.CopyTo(table);
        BitConverter.TryWriteBytes(table.AsSpan(4), table.Length);
        table[8] = 3;
        table[36] = 1; // table revision
        for (var i = 0; i <= entries; i++)
        {
            var e = table.AsSpan(48 + (40 * i), 40);
            e[0] = 1;
            e[1] = 40;
            BitConverter.TryWriteBytes(e[2..], i == entries ? 1u : 0u);
            BitConverter.TryWriteBytes(e[8..], (ulong)i << 12);
            BitConverter.TryWriteBytes(e[16..], 1UL << 40);
            BitConverter.TryWriteBytes(e[28..], 1u);
        }

        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "srat.bin");
        await File.WriteAllBytesAsync(path, table);
        var (exit, o, e2) = await RunWithin(Bound, "inspect", path);
        Assert.True(exit == 2, $"exit {exit}\n{e2}");
        Assert.Contains("further FP3115 findings are not listed", o + e2, StringComparison.Ordinal);
        Assert.Contains($"memory entry #{entries} PXM 1", o + e2, StringComparison.Ordinal); // the cross-node witness
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileInputEndsWithItsDiagnostic(string verb, string file, int code, string expected)
    {
        var (exit, o, e) = await RunWithin(Bound, verb, H(file));
        Assert.True(exit == code, $"exit {exit}, expected {code}\n{e}");
        Assert.Contains(expected, o + e, StringComparison.Ordinal);
        Assert.DoesNotContain("FP9004", o + e, StringComparison.Ordinal); // no reader threw
    }

    [Fact]
    public async Task HugeRamPlansWithoutPageTablesPerGiB()
    {
        using var dir = new TempDir();
        var profile = Path.Combine(dir.Path, "nogb.json");
        await File.WriteAllTextAsync(profile, """{ "schemaVersion": 1, "gbPages": false }""");
        var (exit, o, _) = await RunWithin(Bound, "plan", "--profile", profile, H("efi-ram-huge.txt"));
        Assert.Equal(0, exit);
        Assert.Contains("direct-map", o, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckRefusesAPaxHeaderWithAnOversizedSize()
    {
        // Found by AFL++ (tar harness): TarReader threw InvalidOperationException on this 512-byte header (exit 3).
        using var dir = new TempDir();
        var bundle = Path.Combine(dir.Path, "bundle.tar");
        File.Copy(H("fuzz-tar-3be1b60b"), bundle);
        var (exit, _, e) = await RunWithin(Bound, "check", bundle);
        Assert.Equal(2, exit);
        Assert.Contains("bundle: refused: not a readable tar archive", e, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FleetRefusesTheBase256Bundle()
    {
        using var dir = new TempDir();
        File.Copy(H("tar-base256-uid.tar"), Path.Combine(dir.Path, "m1.tar"));
        File.Copy(H("junit-control-char-name.tar"), Path.Combine(dir.Path, "m2.tar"));
        var (exit, o, e) = await RunWithin(Bound, "fleet", dir.Path);
        Assert.Equal(1, exit); // m2 fails on its warning; m1 is unusable, and nothing is an internal error
        Assert.Contains("m1: refused: not a readable tar archive", e, StringComparison.Ordinal);
        Assert.Contains("\"unusable\": 1", o, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JunitEscapesAControlCharacterInADocumentName()
    {
        // The bundle's one entry is named "efi\x01map\x1b.txt" and draws a warning located in it.
        var (exit, o, _) = await RunWithin(Bound, "check", "--format", "junit", H("junit-control-char-name.tar"));
        Assert.Equal(1, exit);
        var doc = XDocument.Parse(o);
        Assert.Equal("testsuites", doc.Root!.Name.LocalName);
        Assert.Contains("at efi\\u0001map\\u001B.txt:2", o, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JunitEscapesAControlCharacterInAFileName()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "mem\u0001map.txt");
        File.Copy(SmallMap, path);
        var (exit, o, _) = await RunWithin(Bound, "check", "--format", "junit", path);
        Assert.Equal(0, exit);
        Assert.Equal("fwplan check mem\\u0001map.txt", XDocument.Parse(o).Root!.Elements().First().Attribute("name")!.Value);
    }

    public static TheoryData<string, string, string> SettingsCases() => new()
    {
        { "--profile", "profile-invalid-utf8.json", "FP6001" },
        { "--profile", "profile-schema-fraction.json", "FP6003" },
        { "--config", "config-invalid-utf8.json", "not valid UTF-8 (byte offset 39)" },
        { "--config", "config-schema-fraction.json", "schemaVersion must be 1" },
    };

    [Theory]
    [MemberData(nameof(SettingsCases))]
    public async Task HostileSettingsFileIsUnusable(string option, string file, string expected)
    {
        var verb = option == "--profile" ? "plan" : "check";
        var (exit, o, e) = await RunWithin(Bound, verb, option, H(file), SmallMap);
        Assert.True(exit == 2, $"exit {exit}\n{e}");
        Assert.Contains(expected, o + e, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BaselineWithAFractionalSchemaVersionIsUnusable()
    {
        var (exit, _, e) = await RunWithin(Bound, "fleet", "--baseline", H("baseline-schema-fraction.json"), Fixtures.PathOf("qemu", "a-q35-2node-612"));
        Assert.Equal(2, exit);
        Assert.Contains("baseline is not a fwplan fleet JSON report", e, StringComparison.Ordinal);
    }
}
