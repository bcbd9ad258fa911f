using FirmwarePlanner.Linux;
using FirmwarePlanner.Text;
using FirmwarePlanner.Verification;
using LibraryGroups = FirmwarePlanner.Verification.KernelLogGroups;

namespace FirmwarePlanner.Tests.Linux;

/// <summary>
/// The tests' view of a real kernel log: its messages (collector prefix stripped, indentation kept) and each boot
/// model group's lines, picked by the same filter <c>fwplan verify</c> uses (<see cref="LibraryGroups"/>), so the two
/// cannot drift apart.
/// </summary>
internal static class KernelLogGroups
{
    /// <summary>Every (capture, group) pair, for a theory over captures and line groups.</summary>
    public static TheoryData<string, BootLineGroup> Pairs(IEnumerable<string> captures, IReadOnlyList<BootLineGroup> groups)
    {
        var data = new TheoryData<string, BootLineGroup>();
        foreach (var c in captures)
        {
            foreach (var g in groups)
            {
                data.Add(c, g);
            }
        }

        return data;
    }

    /// <summary>The predicted lines of a group are the kernel's, in order (the group's name heads both sides of a failure).</summary>
    public static void AssertSame(BootPrediction prediction, string[] log, BootLineGroup group)
    {
        var expected = Extract(log, group);
        var actual = prediction.Log.Group(group).ToArray();
        Assert.Equal(group + ":\n" + string.Join('\n', expected), group + ":\n" + string.Join('\n', actual));
    }

    public static string[] Lines(string dmesg) =>
        dmesg.Split('\n').Select(l => KernelLogLine.MessageKeepingIndent(l.TrimEnd('\r'))).ToArray();

    public static IReadOnlyList<string> Extract(string[] log, BootLineGroup group)
    {
        var observed = log.Select((l, i) => new ObservedLine(i + 1, l)).ToArray();
        var lines = LibraryGroups.Extract(observed, VerifyGroupOf(group));
        if (group == BootLineGroup.Numa)
        {
            // The boot model's NUMA group holds the distance-table line too; verify compares it as its own group.
            lines = [.. lines.Concat(LibraryGroups.Extract(observed, VerifyGroup.NumaDistance)).OrderBy(l => l.Line)];
        }

        return lines.Select(l => l.Text).ToArray();
    }

    private static VerifyGroup VerifyGroupOf(BootLineGroup group) => group switch
    {
        BootLineGroup.BiosE820 => VerifyGroup.E820,
        BootLineGroup.EfiMemmap => VerifyGroup.EfiMemmap,
        BootLineGroup.EfiMmio => VerifyGroup.EfiMmio,
        BootLineGroup.EfiFakeMem => VerifyGroup.EfiFakeMem,
        BootLineGroup.EfiMirror => VerifyGroup.MirrorSummary,
        BootLineGroup.Srat => VerifyGroup.Srat,
        BootLineGroup.Numa => VerifyGroup.Numa,
        BootLineGroup.KernelcoreMirror => VerifyGroup.KernelcoreMirror,
        BootLineGroup.ZoneRanges => VerifyGroup.ZoneRanges,
        BootLineGroup.MovableZoneStart => VerifyGroup.MovableZoneStart,
        BootLineGroup.EarlyNodeRanges => VerifyGroup.EarlyNodeRanges,
        BootLineGroup.InitmemSetup => VerifyGroup.InitmemSetup,
        _ => throw new ArgumentOutOfRangeException(nameof(group)),
    };
}
