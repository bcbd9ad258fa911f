using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Tests.Support;

/// <summary>Fixture files as <see cref="InputDocument"/>s named by their path under the repository (<c>fixtures/…</c>).</summary>
public static class FixtureInputs
{
    public static InputDocument Document(string relativePath) =>
        new("fixtures/" + relativePath, File.ReadAllBytes(Fixtures.PathOf(relativePath.Split('/'))));

    public static Machine Read(params string[] relativePaths) =>
        MachineReader.Read(relativePaths.Select(Document).ToArray(), InputOptions.Default);

    /// <summary>Every qemu capture folder name, sorted.</summary>
    public static IEnumerable<string> QemuCaptures() =>
        Directory.GetDirectories(Fixtures.PathOf("qemu")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static TheoryData<string> Data(IEnumerable<string> items)
    {
        var data = new TheoryData<string>();
        foreach (var i in items)
        {
            data.Add(i);
        }

        return data;
    }
}
