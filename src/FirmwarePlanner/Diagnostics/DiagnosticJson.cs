using System.Text.Json;

namespace FirmwarePlanner.Diagnostics;

/// <summary>
/// The one JSON shape of a diagnostic, shared by every report that carries diagnostics:
/// <c>{"code","severity","source","offset"?,"line"?,"message"}</c>.
/// </summary>
public static class DiagnosticJson
{
    /// <summary>Writes <c>"name": [ … ]</c> with one object per diagnostic, in the given order.</summary>
    public static void WriteArray(Utf8JsonWriter writer, string name, IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(diagnostics);
        writer.WriteStartArray(name);
        foreach (var d in diagnostics)
        {
            writer.WriteStartObject();
            writer.WriteString("code", d.Code);
            writer.WriteString("severity", Diagnostic.SeverityName(d.Severity));
            WriteLocation(writer, d.Location);
            writer.WriteString("message", d.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the location's properties (<c>source</c>, and <c>offset</c> or <c>line</c> when known) into the open object.</summary>
    public static void WriteLocation(Utf8JsonWriter writer, SourceLocation at)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("source", at.Source);
        if (at.Offset is { } o)
        {
            writer.WriteNumber("offset", o);
        }

        if (at.Line is { } l)
        {
            writer.WriteNumber("line", l);
        }
    }
}
