using System.Runtime.CompilerServices;

namespace FirmwarePlanner.Tests.Support;

/// <summary>Locates the repository's <c>fixtures/</c> folder (copied from shared/, with provenance).</summary>
public static class Fixtures
{
    private static readonly Lazy<string> RootDir = new(() => FindRoot());

    /// <summary>The repository root (the folder that holds FirmwarePlanner.sln).</summary>
    public static string RepoRoot => RootDir.Value;

    public static string Dir => Path.Combine(RepoRoot, "fixtures");

    public static string PathOf(params string[] parts) => Path.Combine([Dir, .. parts]);

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(PathOf(parts));

    public static string Text(params string[] parts) => File.ReadAllText(PathOf(parts));

    private static string FindRoot([CallerFilePath] string here = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(here)! })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "FirmwarePlanner.sln")))
                {
                    return d.FullName;
                }
            }
        }

        throw new InvalidOperationException("FirmwarePlanner.sln not found above the test assembly");
    }
}
