using System.Text;
using FirmwarePlanner.Acpi;
using FirmwarePlanner.Acpi.Input;
using FirmwarePlanner.Reports.Inspect;
using FirmwarePlanner.Acpi.Slit;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Numa;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Acpi;

/// <summary>Reads a fixture through the content-chosen ACPI reader and renders everything the tests compare.</summary>
internal static class AcpiFixtureSupport
{
    /// <summary>Every SRAT-bearing fixture, as a path relative to fixtures/.</summary>
    public static IEnumerable<string> SratFixtures()
    {
        var dir = Fixtures.Dir;
        var top = Directory.EnumerateFiles(dir)
            .Select(Path.GetFileName)
            .Where(n => n!.StartsWith("srat-bin--", StringComparison.Ordinal) || n.StartsWith("acpidump--", StringComparison.Ordinal)
                || n.StartsWith("acpi-decoded--", StringComparison.Ordinal) || n.StartsWith("srat-decoded--", StringComparison.Ordinal))
            .Select(n => n!);
        var qemu = Directory.EnumerateDirectories(Path.Combine(dir, "qemu"))
            .SelectMany(d => new[] { "SRAT.bin", "SRAT.dsl" }.Where(f => File.Exists(Path.Combine(d, f))).Select(f => $"qemu/{Path.GetFileName(d)}/{f}"));
        var pairs = Directory.EnumerateDirectories(Path.Combine(dir, "linuxhw-pairs"))
            .SelectMany(d => new[] { "acpidump.txt", "acpi-decoded.txt" }.Where(f => File.Exists(Path.Combine(d, f))).Select(f => $"linuxhw-pairs/{Path.GetFileName(d)}/{f}"));
        return top.Concat(qemu).Concat(pairs).Order(StringComparer.Ordinal);
    }

    public static AcpiTableSet ReadSet(string relative) => AcpiInputReader.Read(Fixtures.Bytes(relative), relative);

    public static (SratParseResult? Srat, SlitParseResult? Slit) Parse(AcpiTableSet set)
    {
        var srat = set.WithSignature("SRAT").FirstOrDefault();
        var slit = set.WithSignature("SLIT").FirstOrDefault();
        return (srat is null ? null : LinuxSratValidation.Parse(srat), slit is null ? null : SlitParser.Parse(slit));
    }

    public static LinuxSratReading? Linux(string relative)
    {
        var (srat, slit) = Parse(ReadSet(relative));
        return srat?.Table is null ? null : LinuxSratReader.Read(srat.Table, slit?.Table);
    }

    /// <summary>The full text a snapshot holds: table list, SRAT subtables, SLIT, Linux's reading, diagnostics.</summary>
    public static string Render(string relative)
    {
        var set = ReadSet(relative);
        var sb = new StringBuilder();
        sb.Append(SratTextRenderer.TableList(set));
        sb.Append(SratTextRenderer.Diagnostics(set.Diagnostics));
        var (srat, slit) = Parse(set);
        if (srat is not null)
        {
            sb.Append('\n');
            if (srat.Table is { } t)
            {
                sb.Append(SratTextRenderer.SubtableLines(t));
            }

            sb.Append(SratTextRenderer.Diagnostics(srat.Diagnostics));
        }

        if (slit?.Table is { } s)
        {
            sb.Append('\n').Append(SratTextRenderer.SlitMatrix(s)).Append(SratTextRenderer.Diagnostics(slit.Diagnostics));
        }

        if (srat?.Table is { } table)
        {
            var linux = LinuxSratReader.Read(table, slit?.Table);
            sb.Append('\n').Append(SratTextRenderer.NodeTable(linux)).Append(SratTextRenderer.KernelLines(linux));
        }

        return sb.ToString();
    }
}
