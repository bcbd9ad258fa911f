using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FirmwarePlanner.Reports;

/// <summary>Writes JSON with Utf8JsonWriter: two-space indent, LF line ends, readable (relaxed) escaping, final newline.</summary>
public static class JsonText
{
    /// <summary>The writer options of every JSON output.</summary>
    public static JsonWriterOptions Options { get; } = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            body(w);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static void StringOrNull(this Utf8JsonWriter w, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
