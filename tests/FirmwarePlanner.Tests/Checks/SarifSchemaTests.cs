using System.Text.Json;
using System.Text.Json.Nodes;
using FirmwarePlanner.Tests.Support;
using Json.Schema;
using static FirmwarePlanner.Tests.Checks.CheckFixtures;

namespace FirmwarePlanner.Tests.Checks;

/// <summary>
/// <c>fwplan check --format sarif</c> against the official OASIS SARIF 2.1.0 JSON schema (schemas/PROVENANCE.md).
/// </summary>
public class SarifSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>
    /// Loads the vendored schema (kept byte-exact) and repairs its one known defect in memory: in
    /// <c>definitions/region</c> the <c>anyOf</c> (startLine, charOffset or byteOffset required) sits inside
    /// <c>properties</c>, where a value must be a schema, so a strict evaluator refuses the whole document.
    /// It is moved up to the <c>region</c> object, where the specification (3.30.2) means it.
    /// </summary>
    private static JsonSchema Load()
    {
        var path = Path.Combine(Fixtures.RepoRoot, "tests", "FirmwarePlanner.Tests", "Checks", "schemas", "sarif-schema-2.1.0.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var region = root["definitions"]!["region"]!.AsObject();
        var properties = region["properties"]!.AsObject();
        Assert.True(properties.Remove("anyOf", out var anyOf), "the known region defect is no longer there: drop this repair");
        region["anyOf"] = anyOf;
        return JsonSchema.FromText(root.ToJsonString());
    }

    [Theory]
    [InlineData(A)]
    [InlineData(D2)]
    [InlineData(E)]
    [InlineData(G2)]
    public void Sarif_output_is_valid_against_the_sarif_2_1_0_schema(string fixture)
    {
        var (_, sarif, _) = CliRunner.Run("check", Dir(fixture), "--format", "sarif");
        Assert.Equal([], Errors(sarif));

        // The document is not trivially empty: rules and (for the failing captures) results were evaluated.
        var run = JsonNode.Parse(sarif)!["runs"]![0]!;
        Assert.NotEmpty(run["tool"]!["driver"]!["rules"]!.AsArray());
        Assert.Equal(fixture is D2 or G2, run["results"]!.AsArray().Any(r => (string?)r!["level"] == "error"));
    }

    [Fact]
    public void A_wrong_version_fails_validation()
    {
        var doc = ValidD2();
        doc["version"] = "9.9";
        Assert.Contains(Errors(doc.ToJsonString()), e => e.StartsWith("/version: enum", StringComparison.Ordinal));
    }

    [Fact]
    public void A_result_without_message_fails_validation()
    {
        var doc = ValidD2();
        var result = doc["runs"]![0]!["results"]![0]!.AsObject();
        Assert.True(result.Remove("message"));
        Assert.Contains(Errors(doc.ToJsonString()), e => e.StartsWith("/runs/0/results/0: required", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_level_fails_validation()
    {
        var doc = ValidD2();
        doc["runs"]![0]!["results"]![0]!["level"] = "fatal";
        Assert.Contains(Errors(doc.ToJsonString()), e => e.StartsWith("/runs/0/results/0/level: enum", StringComparison.Ordinal));
    }

    private static JsonObject ValidD2()
    {
        var (_, sarif, _) = CliRunner.Run("check", Dir(D2), "--format", "sarif");
        Assert.Equal([], Errors(sarif));
        return JsonNode.Parse(sarif)!.AsObject();
    }

    private static List<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return [];
        }

        var errors = (results.Details ?? [])
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
        return errors.Count == 0 ? ["invalid (no detail)"] : errors;
    }
}
