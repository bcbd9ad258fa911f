using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FirmwarePlanner.Kernel;

/// <summary>
/// A Linux release as <c>uname -r</c> prints it: major, minor, patch level and whatever the distribution appended
/// (<c>5.14.0-362.el9.x86_64</c>, <c>6.12.117+deb13-amd64</c>). Behaviour that changed between releases is asked of
/// <see cref="AtLeast"/> by the predicates of <see cref="KernelTarget"/>, never by equality to one release.
/// </summary>
public sealed partial record KernelRelease(int Major, int Minor, int Patch, string Text) : IComparable<KernelRelease>
{
    /// <summary>The oldest release whose boot path is modelled (RHEL 8's 4.18).</summary>
    public static KernelRelease Oldest { get; } = new(4, 18, 0, "4.18");

    public bool AtLeast(int major, int minor) => Major != major ? Major > major : Minor >= minor;

    public int CompareTo(KernelRelease? other) =>
        other is null ? 1 : Major != other.Major ? Major.CompareTo(other.Major) : Minor != other.Minor ? Minor.CompareTo(other.Minor) : Patch.CompareTo(other.Patch);

    /// <summary><c>major.minor</c>, as the series is named.</summary>
    public string Series => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    public override string ToString() => Text;

    public static bool operator <(KernelRelease? left, KernelRelease? right) => Compare(left, right) < 0;

    public static bool operator <=(KernelRelease? left, KernelRelease? right) => Compare(left, right) <= 0;

    public static bool operator >(KernelRelease? left, KernelRelease? right) => Compare(left, right) > 0;

    public static bool operator >=(KernelRelease? left, KernelRelease? right) => Compare(left, right) >= 0;

    private static int Compare(KernelRelease? left, KernelRelease? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    /// <summary>
    /// Reads a release from <c>--kernel</c> text (<c>6.12</c>, <c>6.1.20</c>, <c>5.14.0-362.el9</c>), a
    /// <c>Linux version …</c> banner, or <c>uname -a</c> / <c>uname -r</c> output. False with a one-line reason for
    /// text that names no release, or a release older than <see cref="Oldest"/>.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out KernelRelease? release, [NotNullWhen(false)] out string? error)
    {
        release = null;
        var token = ReleaseToken(text);
        var m = token is null ? null : ReleasePattern().Match(token);
        if (m is null || !m.Success
            || !int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || major > 99 || minor > 999)
        {
            error = $"'{text}' is not a kernel release (expected e.g. 6.12, 6.1.20, 5.14.0-362.el9 or a 'Linux version' banner)";
            return false;
        }

        var patch = m.Groups[3].Success && int.TryParse(m.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        var candidate = new KernelRelease(major, minor, patch, token!);
        if (candidate.CompareTo(Oldest) < 0)
        {
            error = $"Linux {candidate.Series} is older than {Oldest.Series}, the oldest kernel whose boot path is modelled";
            return false;
        }

        release = candidate;
        error = null;
        return true;
    }

    /// <summary>The word that holds the release: after <c>Linux version</c>, the third word of <c>uname -a</c>, else the first word.</summary>
    private static string? ReleaseToken(string? text)
    {
        var words = (text ?? string.Empty).Split((char[]?)null, 4, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length >= 3 && words[0] == "Linux" && words[1] == "version")
        {
            return words[2];
        }

        if (words.Length >= 3 && words[0] == "Linux" && !ReleasePattern().IsMatch(words[1]))
        {
            return words[2];
        }

        return words.Length switch
        {
            0 => null,
            _ when words[0] == "Linux" && words.Length > 1 => words[1],
            _ => words[0],
        };
    }

    [GeneratedRegex(@"^(\d+)\.(\d+)(?:\.(\d+))?(?:[-+~._].*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ReleasePattern();
}
