using System.Globalization;

namespace FirmwarePlanner.Common;

/// <summary>Byte-size constants and human-readable rendering (binary units, invariant culture).</summary>
public static class Sizes
{
    public const ulong KiB = 1UL << 10;
    public const ulong MiB = 1UL << 20;
    public const ulong GiB = 1UL << 30;
    public const ulong TiB = 1UL << 40;
    public const ulong PageSize = 4096;
    public const int PageShift = 12;

    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>Largest exact unit: <c>4 KiB</c>, <c>1.5 GiB</c> is never printed; <c>1536 MiB</c> is.</summary>
    public static string Human(ulong bytes)
    {
        var (value, unit) = Exact(bytes);
        return string.Create(CultureInfo.InvariantCulture, $"{value} {unit}");
    }

    /// <summary><see cref="Human"/> appended to <paramref name="sb"/>, with no string of its own.</summary>
    public static void AppendHuman(System.Text.StringBuilder sb, ulong bytes)
    {
        ArgumentNullException.ThrowIfNull(sb);
        var (value, unit) = Exact(bytes);
        sb.Append(CultureInfo.InvariantCulture, $"{value} {unit}");
    }

    /// <summary>The value in the largest unit that holds <paramref name="bytes"/> exactly.</summary>
    private static (ulong Value, string Unit) Exact(ulong bytes)
    {
        if (bytes == 0)
        {
            return (0, Units[0]);
        }

        var unit = 0;
        var value = bytes;
        while (unit < Units.Length - 1 && value % 1024 == 0)
        {
            value /= 1024;
            unit++;
        }

        return (value, Units[unit]);
    }

    /// <summary>Sizes for people: exact when the value is a whole unit, otherwise two decimals of the largest unit.</summary>
    public static string Approx(ulong bytes)
    {
        var unit = 0;
        var scaled = (double)bytes;
        while (unit < Units.Length - 1 && scaled >= 1024)
        {
            scaled /= 1024;
            unit++;
        }

        return Math.Abs(scaled - Math.Round(scaled)) < 1e-9
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(scaled):0} {Units[unit]}")
            : string.Create(CultureInfo.InvariantCulture, $"{scaled:0.00} {Units[unit]}");
    }

    /// <summary>A share as a percentage with one decimal (<c>12.5%</c>); <c>0%</c> of nothing.</summary>
    public static string Percent(ulong part, ulong whole) =>
        whole == 0 ? "0%" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:0.0}%");

    /// <summary>Sizes for tables: exact binary units when exact, else one decimal in the largest unit below the value.</summary>
    public static string Compact(ulong bytes)
    {
        if (bytes == 0)
        {
            return "0";
        }

        var exact = Human(bytes);
        var exactValue = ulong.Parse(exact.Split(' ')[0], CultureInfo.InvariantCulture);
        if (exactValue >= 1024 && !exact.EndsWith("EiB", StringComparison.Ordinal))
        {
            exact = "inexact";
        }

        if ((exact != "inexact" && !exact.EndsWith(" B", StringComparison.Ordinal) && !exact.EndsWith("KiB", StringComparison.Ordinal)) || bytes < KiB
            || (bytes < MiB && bytes % KiB == 0))
        {
            return exact;
        }

        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        var u = -1;
        double v = bytes;
        while (v >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{v:0.0} {units[u]}");
    }
}
