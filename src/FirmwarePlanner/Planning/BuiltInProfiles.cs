using System.Reflection;

namespace FirmwarePlanner.Planning;

/// <summary>One named profile shipped with the tool: the stock kernel build it describes and the real boot it was learned from.</summary>
public sealed record BuiltInProfile(string Name, string Package, string LearnedFrom, PlanningProfile Profile);

/// <summary>
/// The profiles of the stock kernels <c>tools/capture</c> boots here, each written by <c>fwplan profile</c> from a real
/// boot of that package (the capture named, whose tests hold the profile's predictions against the kernel's lines):
/// <c>--profile debian-6.1</c>, <c>debian-6.12</c>, <c>debian-7.2</c>. Without <c>--profile</c>, the profile of the
/// kernel target's series is used when there is one (a distribution build's sizes), else the 6.12 one.
/// </summary>
public static class BuiltInProfiles
{
    private static readonly (string Name, string Package, string LearnedFrom)[] Table =
    [
        ("debian-6.1", "linux-image-6.1.0-57-amd64 6.1.192-3 (bookworm)", "fixtures/qemu/d2-q35-2node-mirror512M-kcmirror-61/dmesg.txt"),
        ("debian-6.12", "linux-image-6.12.117+deb12-amd64 6.12.117-1~deb12u1 (bookworm-security)", "fixtures/qemu/d2-q35-2node-mirror512M-kcmirror-612/dmesg.txt"),
        ("debian-7.2", "linux-image-7.2.13+deb14-amd64 7.2.13-1 (sid)", "fixtures/qemu/d2-q35-2node-mirror512M-kcmirror-72/dmesg.txt"),
    ];

    private static readonly Lazy<IReadOnlyList<BuiltInProfile>> Loaded = new(Load);

    public static IReadOnlyList<BuiltInProfile> All => Loaded.Value;

    /// <summary>The profile called <paramref name="name"/>, or null.</summary>
    public static BuiltInProfile? Named(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>The profile of a stock build of the same series (major.minor) as <paramref name="release"/>, or null.</summary>
    public static BuiltInProfile? ForSeries(Kernel.KernelRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return All.FirstOrDefault(p => p.Profile.Kernel.Release.Series == release.Series);
    }

    private static BuiltInProfile[] Load()
    {
        var assembly = typeof(BuiltInProfiles).Assembly;
        return Table.Select(t =>
        {
            using var stream = assembly.GetManifestResourceStream("profiles/" + t.Name + ".json")
                ?? throw new InvalidOperationException("built-in profile " + t.Name + " is not embedded");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var read = ProfileReader.Read(buffer.ToArray(), "built-in profile " + t.Name);
            if (read.HasErrors)
            {
                throw new InvalidOperationException(string.Join('\n', read.Diagnostics));
            }

            return new BuiltInProfile(t.Name, t.Package, t.LearnedFrom, read.Profile with { Name = $"{t.Name} (built-in: {t.Package})" });
        }).ToArray();
    }
}
