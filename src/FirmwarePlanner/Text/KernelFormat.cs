using System.Globalization;

namespace FirmwarePlanner.Text;

/// <summary>
/// The kernel's printf conversions that our predicted lines use, reproduced exactly (invariant culture,
/// lower-case hex). The kernel's <c>vsprintf</c> differs from C libraries in one way that matters here: with
/// <c>#</c> it prints the <c>0x</c> prefix for zero too (<c>memory[0x0]</c>, <c>flags: 0x0</c>,
/// <c>[mem 0x00000000-…]</c>). The memblock oracle ran the kernel code in user space with glibc's printf,
/// which prints a bare <c>0</c>; <see cref="GlibcHashX"/> renders that form for <c>fwplan simulate</c>.
/// </summary>
public static class KernelFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary><c>%pa</c> / <c>%pap</c> on 64-bit: <c>0x%016llx</c>.</summary>
    public static string Pa(ulong value) => string.Create(Inv, $"0x{value:x16}");

    /// <summary>Kernel <c>%#010Lx</c>: "0x" prefix, zero-padded to 10 characters including it, longer when needed.</summary>
    public static string Hash010(ulong value) => string.Create(Inv, $"0x{value:x8}");

    /// <summary>Kernel <c>%#018Lx</c>: like <see cref="Hash010"/> with 18 characters.</summary>
    public static string Hash018(ulong value) => string.Create(Inv, $"0x{value:x16}");

    /// <summary>Kernel <c>%#x</c>: <c>0x</c> + hex, <c>0x0</c> for zero.</summary>
    public static string HashX(ulong value) => string.Create(Inv, $"0x{value:x}");

    /// <summary>glibc <c>%#x</c>: <c>0</c> for zero, else <c>0x</c> + hex (the memblock oracle's rendering).</summary>
    public static string GlibcHashX(ulong value) => value == 0 ? "0" : string.Create(Inv, $"0x{value:x}");

    /// <summary><c>%x</c>.</summary>
    public static string X(ulong value) => value.ToString("x", Inv);

    /// <summary><c>%llu</c> / <c>%u</c> / <c>%d</c>.</summary>
    public static string D(long value) => value.ToString(Inv);

    public static string U(ulong value) => value.ToString(Inv);

    /// <summary>A bitmap as the kernel prints one with <c>%*pbl</c> (node and CPU lists): ranges and single bits, comma separated; <paramref name="nodes"/> ascending.</summary>
    public static string BitmapList(IReadOnlyList<int> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var parts = new List<string>();
        for (var i = 0; i < nodes.Count;)
        {
            var j = i;
            while (j + 1 < nodes.Count && nodes[j + 1] == nodes[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? nodes[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{nodes[i]}-{nodes[j]}"));
            i = j + 1;
        }

        return string.Join(',', parts);
    }
}
