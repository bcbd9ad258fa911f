using FirmwarePlanner.Numa;
using FirmwarePlanner.Acpi;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.E820;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Reports.Inspect;

/// <summary>
/// <c>fwplan inspect --format json</c>: the same content as the text report, written with <see cref="Utf8JsonWriter"/>
/// (no reflection; AOT-safe), indented, '\n' newlines, properties in a fixed order. 64-bit values are hex strings.
/// </summary>
public static class InspectJsonRenderer
{
    /// <summary>Bumped when a property changes meaning or disappears.</summary>
    public const int SchemaVersion = 1;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(Machine inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteString("tool", "fwplan inspect");
            WriteDocuments(w, inputs.Documents);
            w.WriteStartArray("efiMaps");
            foreach (var map in inputs.EfiMaps)
            {
                WriteMap(w, map, ReferenceEquals(map, inputs.FirmwareEfiMap), inputs.KernelEfiMaps.Contains(map));
            }

            w.WriteEndArray();
            w.WriteStartArray("e820Tables");
            foreach (var t in inputs.E820Tables)
            {
                WriteE820(w, t);
            }

            w.WriteEndArray();
            w.WriteStartArray("commandLines");
            foreach (var c in inputs.CommandLines)
            {
                w.WriteStartObject();
                w.WriteString("text", c.Text);
                w.WriteString("origin", c.Origin == CommandLineOrigin.File ? "file" : "kernelLog");
                DiagnosticJson.WriteLocation(w, c.Location);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            AcpiInspectJson.Write(w, inputs.Acpi);
            w.WriteStartArray("facts");
            foreach (var f in inputs.Facts)
            {
                w.WriteStartObject();
                w.WriteString("subject", f.Subject);
                w.WriteString("origin", f.Origin.ToString().ToLowerInvariant());
                w.WriteString("source", f.Source);
                w.WriteString("detail", f.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            DiagnosticJson.WriteArray(w, "diagnostics", inputs.Diagnostics);
            w.WriteNumber("exitCode", inputs.ExitCode);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteDocuments(Utf8JsonWriter w, IReadOnlyList<InputDocumentInfo> documents)
    {
        w.WriteStartArray("inputs");
        foreach (var d in documents)
        {
            w.WriteStartObject();
            w.WriteString("name", d.Name);
            w.WriteNumber("bytes", d.Bytes);
            w.WriteString("format", d.Format);
            w.WriteString("summary", d.Summary);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteMap(Utf8JsonWriter w, EfiMemoryMap map, bool primary, bool kernelEdit)
    {
        w.WriteStartObject();
        w.WriteString("source", map.Source);
        w.WriteString("form", map.Form.ToString());
        w.WriteString("role", map.Role.ToString());
        w.WriteBoolean("used", primary);
        w.WriteString("origin", primary ? "firmware" : kernelEdit ? "kernel-edit" : map.Role == EfiMapRole.Runtime ? "runtime" : "other-document");
        w.WriteNumber("descriptorSize", map.DescriptorSize);
        w.WriteNumber("descriptorVersion", map.DescriptorVersion);
        w.WriteNumber("elisions", map.Elisions);
        w.WriteStartArray("descriptors");
        foreach (var d in map.Descriptors)
        {
            w.WriteStartObject();
            w.WriteNumber("index", d.Index);
            w.WriteNumber("type", (uint)d.Type);
            w.WriteString("typeName", EfiMemoryTypes.DisplayName(d.Type));
            w.WriteString("physicalStart", KernelFormat.Pa(d.PhysicalStart));
            w.WriteString("end", d.Range is { } r ? KernelFormat.Pa(r.End) : null);
            w.WriteString("numberOfPages", KernelFormat.Pa(d.NumberOfPages));
            w.WriteString("attribute", KernelFormat.Pa((ulong)d.Attribute));
            w.WriteString("attributeNames", EfiAttributeColumns.Names(d.Attribute));
            w.WriteBoolean("mirrored", d.IsMirrored);
            DiagnosticJson.WriteLocation(w, d.Location);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteTotals(w, "totalsByType", EfiMapTotals.ByType(map));
        WriteTotals(w, "totalsByAttribute", EfiMapTotals.ByAttribute(map));
        var mirror = map.Mirror;
        w.WriteStartObject("mirror");
        w.WriteNumber("mirrorMiB", mirror.MirrorMiB);
        w.WriteNumber("totalMiB", mirror.TotalMiB);
        w.WriteString("line", mirror.KernelPrints ? mirror.Line : null);
        w.WriteString("logged", map.LoggedMirrorSummary);
        w.WriteBoolean("lowerBound", map.Elisions > 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteTotals(Utf8JsonWriter w, string name, IReadOnlyList<Total> totals)
    {
        w.WriteStartArray(name);
        foreach (var t in totals)
        {
            w.WriteStartObject();
            w.WriteString("name", t.Name);
            w.WriteNumber("count", t.Count);
            w.WriteString("bytes", string.Create(Inv, $"0x{t.Bytes:x}"));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteE820(Utf8JsonWriter w, E820Table t)
    {
        w.WriteStartObject();
        w.WriteString("source", t.Source);
        w.WriteString("form", t.Form.ToString());
        w.WriteString("who", t.Who);
        w.WriteStartArray("entries");
        foreach (var e in t.Entries)
        {
            w.WriteStartObject();
            w.WriteString("start", KernelFormat.Pa(e.Range.Start));
            w.WriteString("end", KernelFormat.Pa(e.Range.End));
            w.WriteNumber("type", e.Type.Value);
            w.WriteString("typeName", e.Type.LogName);
            DiagnosticJson.WriteLocation(w, e.Location);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

}
