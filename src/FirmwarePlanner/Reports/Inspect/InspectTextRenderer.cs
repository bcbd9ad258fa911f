using FirmwarePlanner.Numa;
using FirmwarePlanner.Acpi;
using System.Globalization;
using System.Text;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.E820;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Reports.Inspect;

/// <summary>
/// <c>fwplan inspect</c> as plain aligned text: inputs, every EFI map (descriptors, totals, mirror summary with the
/// Linux line verbatim), e820 tables, command line, diagnostics. Deterministic: only the inputs shape it.
/// </summary>
public static class InspectTextRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(Machine inputs)
    {
        using var text = new StringWriter(Inv);
        Render(inputs, text);
        return text.ToString();
    }

    /// <summary>
    /// Writes the report to <paramref name="output"/> as it goes: each section and every few thousand rows are handed
    /// on, so a map of millions of descriptors is never held as one string.
    /// </summary>
    public static void Render(Machine inputs, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(output);
        var sb = new TextSpool(output);
        sb.Append("inputs\n");
        foreach (var d in inputs.Documents)
        {
            sb.Append(Inv, $"  {d.Name} ({d.Bytes} bytes): {d.Format}: {d.Summary}\n");
        }

        foreach (var map in inputs.EfiMaps)
        {
            RenderMap(sb, map, ReferenceEquals(map, inputs.FirmwareEfiMap) ? " (firmware's, used)" : inputs.KernelEfiMaps.Contains(map) ? " (the kernel's edit, not used)" : string.Empty);
        }

        foreach (var table in inputs.E820Tables)
        {
            RenderE820(sb, table);
        }

        RenderIomem(sb, inputs.Iomem);
        sb.Flush();
        AcpiInspectText.Write(output, inputs.Acpi);
        foreach (var c in inputs.CommandLines)
        {
            sb.Append(Inv, $"\ncommand line ({c.Location}): {c.Text}\n");
        }

        if (inputs.Facts.Count > 0)
        {
            sb.Append("\nfacts the model uses (origin: firmware, kernel or user)\n");
            foreach (var f in inputs.Facts)
            {
                sb.Append(Inv, $"  {f.Subject}: {f.Origin.ToString().ToLowerInvariant()}, {f.Source}: {f.Detail}\n");
            }
        }

        sb.Append(Inv, $"\ndiagnostics: {Count(inputs.Diagnostics, Severity.Error)} errors, {Count(inputs.Diagnostics, Severity.Warning)} warnings, {Count(inputs.Diagnostics, Severity.Note)} notes\n");
        foreach (var d in inputs.Diagnostics)
        {
            sb.Append("  ");
            d.AppendTo(sb.Builder);
            sb.Append('\n');
            sb.Spill();
        }

        sb.Flush();
    }

    private static void RenderMap(TextSpool sb, EfiMemoryMap map, string role)
    {
        sb.Append(Inv, $"\nEFI memory map{role}: {map.Source} {Where(map.Start)}, {MachineReader.Describe(map.Form)}, ");
        sb.Append(Inv, $"{(map.Role == EfiMapRole.Runtime ? "runtime" : "boot")}, {map.Descriptors.Count} descriptors");
        if (map.DescriptorSize != 0)
        {
            sb.Append(Inv, $" of {map.DescriptorSize} bytes, version {map.DescriptorVersion}");
        }

        sb.Append(map.Elisions > 0 ? string.Create(Inv, $", {map.Elisions} elisions\n") : "\n");
        sb.Append(Inv, $"  {"idx",-6} {"type",-12} {"start",-18} {"end (excl.)",-18} {"pages",-12} {"size",-10} attributes\n");
        foreach (var d in map.Descriptors)
        {
            var end = d.Range is { } r ? Hex16(r.End) : "past 2^64";
            sb.Append(Inv, $"  {EfiMapValidator.Name(d),-6} {EfiMemoryTypes.DisplayName(d.Type),-12} {Hex16(d.PhysicalStart),-18} {end,-18} ");
            sb.Append(Inv, $"{"0x" + d.NumberOfPages.ToString("x", Inv),-12} {Human(d),-10} 0x{(ulong)d.Attribute:x16} {EfiAttributeColumns.Names(d.Attribute)}\n");
            sb.Spill();
        }

        sb.Append("  totals by type\n");
        AppendTotals(sb, EfiMapTotals.ByType(map));
        sb.Append("  totals by attribute\n");
        AppendTotals(sb, EfiMapTotals.ByAttribute(map));
        RenderMirror(sb, map);
    }

    private static void RenderMirror(TextSpool sb, EfiMemoryMap map)
    {
        var mirror = map.Mirror;
        var logged = map.LoggedMirrorSummary;
        if (map.Elisions > 0 && logged is not null)
        {
            // The log left descriptors out: the kernel's own line is the answer, the computed one a lower bound.
            sb.Append(Inv, $"  mirror (efi_find_mirror, as logged)\n    {logged}\n");
            sb.Append(Inv, $"  computed from the elided map (lower bounds): {mirror.Line}\n");
            return;
        }

        var bound = map.Elisions > 0 ? " (from an elided map: lower bounds)" : string.Empty;
        if (mirror.KernelPrints)
        {
            sb.Append(Inv, $"  mirror (efi_find_mirror){bound}\n    {mirror.Line}\n");
        }
        else
        {
            sb.Append(Inv, $"  mirror (efi_find_mirror){bound}: no MORE_RELIABLE descriptor, Linux prints no mirror line (total {mirror.TotalMiB}M)\n");
        }

        if (logged is not null)
        {
            sb.Append(Inv, $"  logged by the kernel: {logged}{(logged == mirror.Line ? " (same)" : " (differs)")}\n");
        }
    }

    private static void RenderE820(TextSpool sb, E820Table table)
    {
        sb.Append(Inv, $"\ne820 table {table.Who}: {table.Source}, {table.Entries.Count} entries\n");
        foreach (var e in table.Entries)
        {
            sb.Append(Inv, $"  [mem 0x{e.Range.Start:x16}-0x{e.Range.Last:x16}] {e.Type.LogName,-18} {Sizes.Human(e.Range.Size)}\n");
            sb.Spill();
        }

        // One pass with a total per type, in type order: the entries are not copied into groups.
        var byType = new SortedDictionary<uint, (E820Type Type, int Count, UInt128 Bytes)>();
        foreach (var e in table.Entries)
        {
            var (_, n, bytes) = byType.GetValueOrDefault(e.Type.Value);
            byType[e.Type.Value] = (e.Type, n + 1, bytes + e.Range.Size);
        }

        foreach (var (type, count, bytes) in byType.Values)
        {
            sb.Append(Inv, $"  total {type.LogName}: {count} entries, {HumanBytes(bytes)}\n");
        }
    }

    private static void RenderIomem(TextSpool sb, IReadOnlyList<IomemResource> iomem)
    {
        // One pass, a total per name: the resources themselves (millions, on a big iomem) are not copied or grouped.
        var byName = new Dictionary<string, (int Count, UInt128 Bytes)>(StringComparer.Ordinal);
        string? source = null;
        var count = 0;
        foreach (var r in iomem)
        {
            if (r.Depth != 0)
            {
                continue;
            }

            source ??= r.Location.Source;
            count++;
            var (n, bytes) = byName.GetValueOrDefault(r.Name);
            byName[r.Name] = (n + 1, bytes + r.Range.Size);
        }

        if (count == 0)
        {
            return;
        }

        sb.Append(Inv, $"\n/proc/iomem top level: {source}, {count} resources\n");
        foreach (var (name, total) in byName.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(Inv, $"  {name}: {total.Count} ranges, {HumanBytes(total.Bytes)}\n");
        }
    }

    private static void AppendTotals(TextSpool sb, IReadOnlyList<Total> totals)
    {
        foreach (var t in totals)
        {
            sb.Append(Inv, $"    {t.Name,-22} {t.Count,5}  {HumanBytes(t.Bytes)}\n");
        }
    }

    private static string Where(Diagnostics.SourceLocation? at) =>
        at is { Offset: { } o } ? string.Create(Inv, $"from offset 0x{o:x}") : at is { Line: { } l } ? string.Create(Inv, $"from line {l}") : "whole input";

    private static string Human(EfiMemoryDescriptor d) => d.ByteLength is { } b ? Sizes.Human(b) : "overflow";

    private static string HumanBytes(UInt128 bytes) => bytes <= ulong.MaxValue ? Sizes.Human((ulong)bytes) : string.Create(Inv, $"{bytes} B");

    private static string Hex16(ulong v) => string.Create(Inv, $"0x{v:x16}");

    private static int Count(IReadOnlyList<Diagnostic> diagnostics, Severity severity) => diagnostics.Count(d => d.Severity == severity);
}
