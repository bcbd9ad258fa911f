using FirmwarePlanner.Text;
using FirmwarePlanner.Linux;
using System.Globalization;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Planning;

/// <summary>A crashkernel= request: size, optional fixed base, <c>,high</c>, and an explicit <c>,low</c> size.</summary>
public sealed record CrashKernelRequest(ulong Size, ulong? Base, bool High, ulong? LowSize);

/// <summary>Boot-time gigantic pages: count per page size, either spread over nodes or per node (<c>hugepages=0:2,1:2</c>).</summary>
public sealed record GiganticPagesRequest(ulong PageSize, ulong Count, IReadOnlyList<(int Node, ulong Count)> PerNode);

/// <summary>
/// The kernel command-line options that change early allocations (only these; the boot model owns the rest).
/// Parsing follows the kernel: unknown or malformed values are ignored with a warning, never fatal.
/// </summary>
public sealed record PlanCommandLine(
    string Text,
    bool KernelcoreMirror,
    bool MovableNode,
    ulong? LogBufLen,
    CrashKernelRequest? CrashKernel,
    ulong? CmaSize,
    IReadOnlyList<GiganticPagesRequest> GiganticPages,
    bool? HashDist,
    ulong? SwiotlbSlabs,
    bool SwiotlbForce,
    bool SwiotlbNoForce,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary><c>nokaslr</c>: the decompressor leaves KASLR_FLAG clear, so neither the image nor memory is randomized.</summary>
    public bool NoKaslr { get; init; }

    public static PlanCommandLine Empty { get; } = Parse(string.Empty, 0);

    /// <summary>Parses <paramref name="text"/>; <paramref name="systemRam"/> resolves <c>crashkernel=range:size</c> forms.</summary>
    public static PlanCommandLine Parse(string text, ulong systemRam, string source = "cmdline")
    {
        ArgumentNullException.ThrowIfNull(text);
        var diags = new List<Diagnostic>();
        bool kcMirror = false, movable = false, swForce = false, swNoForce = false;
        bool? hashdist = null;
        ulong? logBuf = null, cma = null, swSlabs = null;
        CrashKernelRequest? crash = null;
        var huge = new List<GiganticPagesRequest>();
        ulong hugeSize = 0, defaultHugeSize = 2 * Sizes.MiB;
        var cmdline = BootCommandLine.Parse(text);
        var boot = BootOptions.From(cmdline);
        kcMirror = boot.KernelcoreMirror;
        movable = boot.MovableNode;

        void Bad(string word) => diags.Add(PlanningDiagnostics.BadCommandLineSize.At(SourceLocation.Whole(source), $"\"{word}\" not understood; ignored"));

        // One tokenizer for every verb (BootCommandLine: next_arg()'s quotes and "--", parameq()'s "-" == "_").
        foreach (var parameter in cmdline.Parameters)
        {
            var word = parameter.Text;
            var key = parameter.Name.Replace('-', '_');
            var value = parameter.Value ?? string.Empty;
            switch (key)
            {
                case "log_buf_len":
                    if (KernelParse.TryMemparseWhole(value, out var lb) && lb > 0)
                    {
                        logBuf = RoundUpPow2(lb);
                    }
                    else
                    {
                        Bad(word);
                    }

                    break;
                case "cma":
                    if (KernelParse.TryMemparseWhole(value.Split('@', ',')[0], out var c))
                    {
                        cma = c;
                    }
                    else
                    {
                        Bad(word);
                    }

                    break;
                case "crashkernel":
                    crash = ParseCrash(value, systemRam, crash) ?? crash;
                    if (crash is null)
                    {
                        Bad(word);
                    }

                    break;
                case "hashdist": hashdist = value != "0"; break;
                case "swiotlb":
                    foreach (var part in value.Split(','))
                    {
                        if (part == "force") { swForce = true; }
                        else if (part == "noforce") { swNoForce = true; }
                        else if (ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var slabs)) { swSlabs = slabs; }
                    }

                    break;
                case "hugepagesz":
                    if (KernelParse.TryMemparseWhole(value, out var hs)) { hugeSize = hs; } else { Bad(word); }
                    break;
                case "default_hugepagesz":
                    if (KernelParse.TryMemparseWhole(value, out var dhs)) { defaultHugeSize = dhs; } else { Bad(word); }
                    break;
                case "hugepages":
                    var size = hugeSize != 0 ? hugeSize : defaultHugeSize;
                    if (ParseHugepages(value) is { } hp)
                    {
                        if (size >= Sizes.GiB)
                        {
                            huge.Add(new GiganticPagesRequest(size, hp.Total, hp.PerNode));
                        }
                    }
                    else
                    {
                        Bad(word);
                    }

                    hugeSize = 0;
                    break;
            }
        }

        return new PlanCommandLine(text, kcMirror, movable, logBuf, crash, cma, huge, hashdist, swSlabs, swForce, swNoForce, diags)
        {
            NoKaslr = cmdline.Has("nokaslr"),
        };
    }

    private static (ulong Total, List<(int, ulong)> PerNode)? ParseHugepages(string value)
    {
        if (ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return (n, []);
        }

        var per = new List<(int, ulong)>();
        foreach (var part in value.Split(','))
        {
            var colon = part.Split(':');
            if (colon.Length != 2 || !int.TryParse(colon[0], NumberStyles.None, CultureInfo.InvariantCulture, out var node)
                || !ulong.TryParse(colon[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return null;
            }

            per.Add((node, count));
        }

        return (per.Aggregate(0UL, (a, p) => a + p.Item2), per);
    }

    /// <summary><c>size[@base]</c>, <c>size,high</c>, <c>size,low</c>, or <c>start-[end]:size[,…][@base]</c> (ranges on system RAM).</summary>
    private static CrashKernelRequest? ParseCrash(string value, ulong systemRam, CrashKernelRequest? current)
    {
        if (value.EndsWith(",low", StringComparison.Ordinal))
        {
            return KernelParse.TryMemparseWhole(value.AsSpan(0, value.Length - 4), out var low) && current is not null ? current with { LowSize = low } : current;
        }

        var high = value.EndsWith(",high", StringComparison.Ordinal);
        if (high)
        {
            value = value[..^5];
        }

        ulong? baseAddr = null;
        var at = value.LastIndexOf('@');
        if (at >= 0)
        {
            if (!KernelParse.TryMemparseWhole(value.AsSpan(at + 1), out var b))
            {
                return null;
            }

            baseAddr = b;
            value = value[..at];
        }

        ulong size;
        if (value.Contains(':', StringComparison.Ordinal))
        {
            size = 0;
            foreach (var range in value.Split(','))
            {
                var parts = range.Split(':');
                var bounds = parts[0].Split('-');
                if (parts.Length != 2 || bounds.Length != 2 || !KernelParse.TryMemparseWhole(bounds[0], out var lo) || !KernelParse.TryMemparseWhole(parts[1], out var s))
                {
                    return null;
                }

                var hi = bounds[1].Length == 0 ? ulong.MaxValue : KernelParse.TryMemparseWhole(bounds[1], out var h) ? h : 0;
                if (systemRam >= lo && systemRam < hi)
                {
                    size = s;
                }
            }
        }
        else if (!KernelParse.TryMemparseWhole(value, out size))
        {
            return null;
        }

        return size == 0 ? null : new CrashKernelRequest(size, baseAddr, high, current?.LowSize);
    }

    internal static ulong RoundUpPow2(ulong v) => v <= 1 ? 1 : System.Numerics.BitOperations.RoundUpToPowerOf2(v);
}
