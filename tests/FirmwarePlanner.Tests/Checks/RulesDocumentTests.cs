using FirmwarePlanner.Checks;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Reports;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Checks;

public class RulesDocumentTests
{
    [Fact]
    public void Docs_rules_md_is_generated_from_the_catalogue()
    {
        var path = Path.Combine(Fixtures.RepoRoot, "docs", "rules.md");
        var expected = RulesDocument.Render();
        var update = Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1" &&
            !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), "docs/rules.md is missing; regenerate with UPDATE_SNAPSHOTS=1 dotnet test --filter RulesDocumentTests");
        Assert.True(expected == File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal),
            "docs/rules.md is stale; regenerate with UPDATE_SNAPSHOTS=1 dotnet test --filter RulesDocumentTests");
    }

    [Fact]
    public void Every_rule_has_a_stable_FP7_id_text_and_is_in_the_diagnostic_catalog()
    {
        Assert.Equal(CheckRules.All.Count, CheckRules.All.Select(r => r.Id).Distinct().Count());
        foreach (var r in CheckRules.All)
        {
            Assert.Matches("^FP7[0-9]{3}$", r.Id);
            Assert.False(string.IsNullOrWhiteSpace(r.Checks));
            Assert.False(string.IsNullOrWhiteSpace(r.Why));
            Assert.NotNull(DiagnosticCatalog.Find(r.Id));
        }

        Assert.Equal(DiagnosticCatalog.All.Count, DiagnosticCatalog.All.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void Every_rule_of_the_catalogue_has_an_evaluator_and_every_input_is_produced()
    {
        Assert.Empty(Checker.Pending);
        Assert.Equal(CheckInput.None, CheckRules.Unavailable);
    }
}
