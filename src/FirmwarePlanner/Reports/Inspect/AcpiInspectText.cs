using FirmwarePlanner.Numa;
using FirmwarePlanner.Acpi;
using System.Text;

namespace FirmwarePlanner.Reports.Inspect;

/// <summary>The ACPI sections of <c>fwplan inspect</c> text output: tables, SRAT subtables, SLIT, Linux's nodes and lines.</summary>
public static class AcpiInspectText
{
    /// <summary>Appends the sections to <paramref name="sb"/>.</summary>
    public static void Append(StringBuilder sb, AcpiInputs? acpi)
    {
        ArgumentNullException.ThrowIfNull(sb);
        using var w = new StringWriter(sb, System.Globalization.CultureInfo.InvariantCulture);
        Write(w, acpi);
    }

    /// <summary>Writes the sections to <paramref name="output"/>, the per-subtable ones in chunks as they are formatted.</summary>
    public static void Write(TextWriter output, AcpiInputs? acpi)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (acpi is null)
        {
            return;
        }

        var sb = TextSpool.CreateBuilder();
        foreach (var set in acpi.TableSets)
        {
            sb.Append("\nACPI tables: ").Append(set.Source).Append(", ").Append(SratTextRenderer.TableList(set));
        }

        if (acpi.Srat?.Table is { } srat)
        {
            sb.Append("\nSRAT (").Append(srat.Table.Source).Append("): ");
            SratTextRenderer.WriteSubtableLines(sb, output, srat);
        }

        foreach (var other in acpi.OtherSrats.Where(o => o.Table is not null))
        {
            sb.Append("\nother SRAT (").Append(other.Table!.Table.Source).Append(", not used by Linux): ");
            SratTextRenderer.WriteSubtableLines(sb, output, other.Table);
        }

        if (acpi.Slit?.Table is { } slit)
        {
            sb.Append("\nSLIT (").Append(slit.Table.Source).Append("): ").Append(SratTextRenderer.SlitMatrix(slit));
        }

        if (acpi.Linux is { } linux)
        {
            sb.Append("\nNUMA nodes as ");
            SratTextRenderer.WriteNodeTable(sb, output, linux);
            sb.Append("kernel lines:\n");
            SratTextRenderer.WriteKernelLines(sb, output, linux, "  ");
        }

        TextSpool.Drain(sb, output);
    }
}
