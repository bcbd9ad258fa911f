using System.Globalization;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Robustness;

/// <summary>
/// The sampled CI run of <see cref="MutationHarness"/>: every byte of small inputs, line boundaries and seeded cuts of
/// large ones, 1,000 seeded bit-flip variants of every binary. <c>tools/FuzzSweep</c> runs every byte of everything.
/// </summary>
public class ReaderRobustnessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>The top-level fixtures, one full qemu capture and the binary-map captures.</summary>
    public static IEnumerable<string> Paths()
    {
        var top = Directory.GetFiles(Fixtures.Dir).Select(Path.GetFileName).Select(f => f!);
        var qemu = new[] { "d1-q35-2node-mirror512M-612", "d1-q35-2node-mirror512M-612-bin", "e-pc-2node-612-bin" }
            .SelectMany(c => Directory.GetFiles(Fixtures.PathOf("qemu", c)).Select(f => $"qemu/{c}/{Path.GetFileName(f)}"));
        return top.Concat(qemu).Order(StringComparer.Ordinal);
    }

    private static readonly Lazy<MutationHarness.Subject[]> Corpus = new(() => MutationHarness.Corpus(Fixtures.Dir, Paths()).ToArray());

    private static MutationHarness.Subject Get(string path) => Corpus.Value.Single(s => s.Document.Name == path);

    public static TheoryData<string> Subjects() => FixtureInputs.Data(Corpus.Value.Select(s => s.Document.Name));

    [Theory]
    [MemberData(nameof(Subjects))]
    public void Truncation(string path)
    {
        var subject = Get(path);
        var cuts = MutationHarness.CutPoints(subject.Document.Content, everyByteLimit: subject.Binary ? 8192 : 2048,
            boundaries: 32, random: 32, seed: path.Length);
        var failures = cuts.Select(c => MutationHarness.Check(subject, subject.Document.Content[..c], string.Create(CultureInfo.InvariantCulture, $"cut at {c}"), Limit))
            .Where(f => f is not null).Take(5).ToArray();
        Assert.Empty(failures);
    }

    public static TheoryData<string> Binaries() => FixtureInputs.Data(Corpus.Value.Where(s => s.Binary).Select(s => s.Document.Name));

    [Theory]
    [MemberData(nameof(Binaries))]
    public void BitFlips(string path)
    {
        var subject = Get(path);
        var failures = MutationHarness.BitFlips(subject.Document.Content, 1000, seed: 12345)
            .Select((bytes, i) => MutationHarness.Check(subject, bytes, string.Create(CultureInfo.InvariantCulture, $"flip variant {i}"), Limit))
            .Where(f => f is not null).Take(5).ToArray();
        Assert.Empty(failures);
    }

    [Fact]
    public void TheCorpusHasTheBinaryMaps()
    {
        var names = Corpus.Value.Where(s => s.Binary).Select(s => s.Document.Name).ToArray();
        Assert.Contains("qemu/d1-q35-2node-mirror512M-612-bin/efi-memmap.bin", names);
        Assert.Contains("qemu/e-pc-2node-612-bin/efi-memmap.bin", names);
    }
}
