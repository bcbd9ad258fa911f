using FirmwarePlanner.Common;

namespace FirmwarePlanner.Checks;

/// <summary>
/// The parameters of a kernel command line the checks read: <c>kernelcore=mirror</c>, <c>movable_node</c> and
/// <c>crashkernel=</c>. Parameters are split on white space as the kernel's <c>next_arg()</c> does (double
/// quotes group); the last occurrence of a parameter wins, as with <c>early_param</c> handlers.
/// </summary>
public sealed record BootParameters(string Text, bool KernelcoreMirror, bool MovableNode, string? CrashKernel, ulong? CrashKernelBytes)
{
    public static BootParameters Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mirror = false;
        var movable = false;
        string? crash = null;
        foreach (var arg in Split(text))
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? arg : arg[..eq];
            var value = eq < 0 ? null : arg[(eq + 1)..];
            switch (name)
            {
                case "kernelcore":
                    mirror = string.Equals(value, "mirror", StringComparison.Ordinal);
                    break;
                case "movable_node":
                    movable = true;
                    break;
                case "crashkernel":
                    crash = value;
                    break;
            }
        }

        return new BootParameters(text.Trim(), mirror, movable, crash, CrashSize(crash));
    }

    /// <summary>The size of the simple forms <c>size[KMG][@offset]</c> and <c>size,high|low</c>; null for range lists.</summary>
    private static ulong? CrashSize(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        var end = value.IndexOfAny(['@', ',']);
        return Sizes.TryParseMemparse(end < 0 ? value : value[..end], out var size) ? size : null;
    }

    private static IEnumerable<string> Split(string text)
    {
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                continue;
            }

            if (!quoted && char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }

                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
