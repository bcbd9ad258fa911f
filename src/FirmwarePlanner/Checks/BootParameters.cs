using FirmwarePlanner.Text;
using FirmwarePlanner.Linux;

namespace FirmwarePlanner.Checks;

/// <summary>
/// The parameters of a kernel command line the checks read: <c>kernelcore=mirror</c>, <c>movable_node</c> and
/// <c>crashkernel=</c>, read through the one command-line model (<see cref="BootCommandLine"/>, <see cref="BootOptions"/>).
/// </summary>
public sealed record BootParameters(string Text, bool KernelcoreMirror, bool MovableNode, string? CrashKernel, ulong? CrashKernelBytes)
{
    public static BootParameters Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cmdline = BootCommandLine.Parse(text);
        var options = BootOptions.From(cmdline);
        var crash = cmdline.Last("crashkernel");
        return new BootParameters(cmdline.Text, options.KernelcoreMirror, options.MovableNode, crash, CrashSize(crash));
    }

    /// <summary>The size of the simple forms <c>size[KMG][@offset]</c> and <c>size,high|low</c>; null for range lists.</summary>
    private static ulong? CrashSize(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        var end = value.IndexOfAny(['@', ',']);
        return KernelParse.TryMemparseWhole(end < 0 ? value : value[..end], out var size) ? size : null;
    }
}
