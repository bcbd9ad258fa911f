using System.Globalization;
using FirmwarePlanner.Common;

namespace FirmwarePlanner.Checks;

/// <summary>Sizes for people: exact when the value is a whole unit, otherwise two decimals of the largest unit.</summary>
public static class ByteText
{
    public static string Approx(ulong bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var unit = 0;
        var scaled = (double)bytes;
        while (unit < units.Length - 1 && scaled >= 1024)
        {
            scaled /= 1024;
            unit++;
        }

        return Math.Abs(scaled - Math.Round(scaled)) < 1e-9
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(scaled):0} {units[unit]}")
            : string.Create(CultureInfo.InvariantCulture, $"{scaled:0.00} {units[unit]}");
    }

    public static string Percent(ulong part, ulong whole) =>
        whole == 0 ? "0%" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:0.0}%");

    public static string Range(AddressRange r) => r.ToString();
}
