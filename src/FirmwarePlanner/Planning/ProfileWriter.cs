using System.Text;
using System.Text.Json;

namespace FirmwarePlanner.Planning;

/// <summary>
/// Writes what <see cref="ProfileLearner"/> learned as a profile file <see cref="ProfileReader"/> reads back
/// (<c>docs/profile.md</c>): the schema version and every learned fact, in the learner's order; facts that stayed
/// default are left out, so the built-in values apply to them. Output is deterministic (same logs, same bytes).
/// </summary>
public static class ProfileWriter
{
    public static string Write(ProfileLearning learning)
    {
        ArgumentNullException.ThrowIfNull(learning);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", ProfileReader.SchemaVersion);
            foreach (var f in learning.Learned)
            {
                if (f.Key == "kernel" || f.Value.StartsWith("0x", StringComparison.Ordinal))
                {
                    w.WriteString(f.Key, f.Value);
                }
                else if (f.Value is "true" or "false")
                {
                    w.WriteBoolean(f.Key, f.Value == "true");
                }
                else if (ulong.TryParse(f.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
                {
                    w.WriteNumber(f.Key, number);
                }
                else
                {
                    w.WriteString(f.Key, f.Value); // not a number: the reader reports it
                }
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
