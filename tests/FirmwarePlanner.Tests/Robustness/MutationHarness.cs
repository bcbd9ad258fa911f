using System.Diagnostics;
using System.Globalization;
using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Tests.Robustness;

/// <summary>
/// Feeds damaged copies of real inputs through <see cref="MachineReader"/> (every registered reader, so new formats are
/// covered as soon as they are registered) and checks the contract: nothing escapes (a reader exception shows up as
/// FP9004), nothing takes long, and every warning or error points at an offset or a line. Shared by the CI test
/// (sampled) and <c>tools/FuzzSweep</c> (every byte). No xunit dependency: it returns failure texts.
/// </summary>
public static class MutationHarness
{
    /// <summary>Diagnostics that are about a whole input by nature, and may therefore carry no offset or line.</summary>
    public static readonly HashSet<string> WholeInputCodes = new(StringComparer.Ordinal) { "FP1003", "FP1005", "FP1026", "FP9001", "FP9002", "FP9005" };

    /// <summary>One fixture a reader accepts, with the documents it needs beside it (pass-0 metadata in its folder).</summary>
    public sealed record Subject(InputDocument Document, IReadOnlyList<InputDocument> Companions, bool Binary);

    /// <summary>Fixtures that some registered reader recognizes; <paramref name="relativePaths"/> null means every file.</summary>
    public static IEnumerable<Subject> Corpus(string fixturesDir, IEnumerable<string>? relativePaths = null)
    {
        var paths = relativePaths?.Select(p => Path.Combine(fixturesDir, p)) ??
            Directory.EnumerateFiles(fixturesDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var doc = Load(fixturesDir, path);
            var reader = InputReaders.Default.FirstOrDefault(r => r.Recognizes(doc));
            if (reader is null || reader.Pass == 0)
            {
                continue;
            }

            var companions = Directory.EnumerateFiles(Path.GetDirectoryName(path)!).Where(f => f != path).Order(StringComparer.Ordinal)
                .Select(f => Load(fixturesDir, f)).Where(d => d.Content.Length < 65536 && InputReaders.Default.FirstOrDefault(r => r.Recognizes(d)) is { Pass: 0 })
                .ToArray();
            yield return new Subject(doc, companions, Text.TextLines.LooksBinary(doc.Content.Span));
        }
    }

    /// <summary>Cut points: every byte up to <paramref name="everyByteLimit"/> bytes, else every line start (at most
    /// <paramref name="boundaries"/> of them, evenly spread) plus <paramref name="random"/> seeded cuts.</summary>
    public static IEnumerable<int> CutPoints(ReadOnlyMemory<byte> content, int everyByteLimit, int boundaries, int random, int seed)
    {
        var length = content.Length;
        if (length <= everyByteLimit)
        {
            return Enumerable.Range(0, length);
        }

        var span = content.Span;
        var lineStarts = new List<int>();
        for (var i = 0; i < length; i++)
        {
            if (span[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var step = Math.Max(1, lineStarts.Count / Math.Max(1, boundaries));
        var rng = new Random(seed);
        return lineStarts.Where((_, i) => i % step == 0).Concat(Enumerable.Range(0, random).Select(_ => rng.Next(length))).Distinct().Order();
    }

    /// <summary>Copies with one random bit flipped, then with a few; seeded.</summary>
    public static IEnumerable<byte[]> BitFlips(ReadOnlyMemory<byte> content, int count, int seed)
    {
        var rng = new Random(seed);
        for (var i = 0; i < count && content.Length > 0; i++)
        {
            var copy = content.ToArray();
            var flips = 1 + (i % 4);
            for (var f = 0; f < flips; f++)
            {
                copy[rng.Next(copy.Length)] ^= (byte)(1 << rng.Next(8));
            }

            yield return copy;
        }
    }

    /// <summary>Reads the documents and returns a failure description, or null when the contract holds.</summary>
    public static string? Check(Subject subject, ReadOnlyMemory<byte> content, string mutation, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var docs = new List<InputDocument> { subject.Document with { Content = content } };
        docs.AddRange(subject.Companions);
        var watch = Stopwatch.StartNew();
        Machine inputs;
        try
        {
            inputs = MachineReader.Read(docs, InputOptions.Default);
        }
        catch (Exception ex)
        {
            return $"{subject.Document.Name} {mutation}: {ex.GetType().Name}: {ex.Message}";
        }

        if (watch.Elapsed > limit)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{subject.Document.Name} {mutation}: took {watch.ElapsedMilliseconds} ms");
        }

        var bad = inputs.Diagnostics.FirstOrDefault(d => d.Code == "FP9004" ||
            (d.Severity > Diagnostics.Severity.Note && d.Location.Offset is null && d.Location.Line is null && !WholeInputCodes.Contains(d.Code)));
        return bad is null ? null : $"{subject.Document.Name} {mutation}: {bad}";
    }

    private static InputDocument Load(string fixturesDir, string path) =>
        new(Path.GetRelativePath(fixturesDir, path).Replace('\\', '/'), File.ReadAllBytes(path));
}
