using System.Text;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Planning;

namespace FirmwarePlanner.Reports.Profile;

/// <summary>What <c>fwplan profile</c> says about a learning: each learned fact with the line that showed it, then each fact that stayed the built-in value and why.</summary>
public static class ProfileText
{
    public static string Render(ProfileLearning learning)
    {
        ArgumentNullException.ThrowIfNull(learning);
        var sb = new StringBuilder();
        sb.Append("learned (file:line of the message that shows it):\n");
        foreach (var f in learning.Learned)
        {
            sb.Append("  ").Append(f.Key.PadRight(20)).Append(' ').Append(f.Value.PadRight(16)).Append(' ')
              .Append(f.Source).Append(':').Append(f.Line.ToString(System.Globalization.CultureInfo.InvariantCulture))
              .Append("  ").Append(f.Evidence.Length > 100 ? f.Evidence[..100] + "…" : f.Evidence).Append('\n');
        }

        sb.Append("stayed default (built-in profile):\n");
        foreach (var d in learning.Defaults)
        {
            sb.Append("  ").Append(d.Key.PadRight(20)).Append(' ').Append(d.Value.PadRight(16)).Append(' ').Append(d.Why).Append('\n');
        }

        foreach (var d in learning.Diagnostics)
        {
            sb.Append(d).Append('\n');
        }

        return sb.ToString();
    }
}
