using FirmwarePlanner.Checks;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Checks;

/// <summary>The QEMU captures the acceptance tests check, and a helper that checks a machine folder in-process.</summary>
internal static class CheckFixtures
{
    public const string A = "a-q35-2node-612";
    public const string D2 = "d2-q35-2node-mirror512M-kcmirror-612";
    public const string E = "e-pc-2node-612";
    public const string G2 = "g2-q35-2node-fakemem512M-kcmirror-61custom";

    public static string Dir(string name) => Fixtures.PathOf("qemu", name);

    /// <summary>The report <c>fwplan check</c> makes for a fixture folder (same loading as the CLI).</summary>
    public static CheckReport Report(string name, CheckConfig? config = null) =>
        Checker.Run(Subject(name), config);

    /// <summary>The check subject of a fixture folder, through the pipeline every verb runs.</summary>
    public static CheckSubject Subject(string name, params string[] only) => Subject(name, AnalysisOptions.Default, only);

    /// <summary>As above with pipeline options; <paramref name="only"/> keeps just the named files of the folder (all when empty).</summary>
    public static CheckSubject Subject(string name, AnalysisOptions options, params string[] only)
    {
        var loaded = DocumentLoader.Load([Dir(name)]);
        Assert.Null(loaded.Error);
        var docs = only.Length == 0 ? loaded.Documents.ToArray() : loaded.Documents.Where(d => only.Any(o => d.Name.EndsWith("/" + o, StringComparison.Ordinal))).ToArray();
        Assert.Equal(only.Length == 0 ? loaded.Documents.Count : only.Length, docs.Length);
        return CheckSubjects.From(MachineAnalyzer.Analyze(name, docs, options), commandLineGiven: false);
    }
}
