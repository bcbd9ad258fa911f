using System.Text.Json;

namespace FirmwarePlanner.Tests.Support;

/// <summary>Holds one <c>fwplan verify --format json</c> run to what was recorded for it.</summary>
public static class VerifyRecord
{
    /// <summary>
    /// Asserts the comma-joined ids of the <c>different</c> groups, of the <c>identical</c> groups that have kernel
    /// lines, the unusable reason (contained, or null for none) and the exit code.
    /// </summary>
    public static void AssertAsRecorded(string input, int exitCode, string different, string identicalWithLines, string? unusable)
    {
        var (code, json, _) = CliRunner.Run("verify", input, "--format", "json");
        using var doc = JsonDocument.Parse(json);
        var groups = doc.RootElement.GetProperty("groups").EnumerateArray().ToArray();
        string Ids(Func<JsonElement, bool> which) => string.Join(',', groups.Where(which).Select(g => g.GetProperty("group").GetString()));
        Assert.Equal(different, Ids(g => g.GetProperty("status").GetString() == "different"));
        Assert.Equal(identicalWithLines, Ids(g => g.GetProperty("status").GetString() == "identical" && g.GetProperty("kernel").GetArrayLength() > 0));
        var why = doc.RootElement.GetProperty("unusable");
        if (unusable is null)
        {
            Assert.Equal(JsonValueKind.Null, why.ValueKind);
        }
        else
        {
            Assert.Contains(unusable, why.GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(exitCode, code);
    }
}
