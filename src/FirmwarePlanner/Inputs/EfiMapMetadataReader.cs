using System.Globalization;
using System.Text.Json;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Efi;

namespace FirmwarePlanner.Inputs;

/// <summary>The facts a binary map's dumper records beside it (the buffer itself has no header).</summary>
public sealed record EfiMapMetadata(string Source, uint? DescriptorSize, uint? DescriptorVersion, long? MapSize, long? DescriptorCount);

/// <summary>
/// Reads a small JSON object that carries <c>descriptorSize</c> (and optionally <c>descriptorVersion</c>,
/// <c>mapSize</c>, <c>descriptorCount</c>), as saved next to a GetMemoryMap dump; binary maps in the same input set
/// use it unless <c>--desc-size</c>/<c>--desc-version</c> say otherwise. Pass 0, so it is read before the maps.
/// </summary>
public sealed class EfiMapMetadataReader : IInputReader
{
    public string Name => "EFI map metadata (JSON)";

    public int Pass => 0;

    public bool Recognizes(InputDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var span = document.Content.Span;
        var head = span[..Math.Min(span.Length, 4096)];
        return head.TrimStart(" \t\r\n"u8).StartsWith("{"u8) && head.IndexOf("\"descriptorSize\""u8) >= 0;
    }

    public string Read(InputDocument document, InputOptions options, MachineBuilder into)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(into);
        uint? size = null, version = null;
        long? mapSize = null, count = null;
        try
        {
            var reader = new Utf8JsonReader(document.Content.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 8 });
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                // Names are compared as UTF-8, never transcoded: a name that is not UTF-8 is just not one of ours.
                var name = reader.ValueTextEquals("descriptorSize"u8) ? 1 : reader.ValueTextEquals("descriptorVersion"u8) ? 2
                    : reader.ValueTextEquals("mapSize"u8) ? 3 : reader.ValueTextEquals("descriptorCount"u8) ? 4 : 0;
                if (!reader.Read())
                {
                    break;
                }

                if (reader.TokenType != JsonTokenType.Number)
                {
                    continue;
                }

                switch (name)
                {
                    case 1 when reader.TryGetUInt32(out var s): size = s; break;
                    case 2 when reader.TryGetUInt32(out var v): version = v; break;
                    case 3 when reader.TryGetInt64(out var m): mapSize = m; break;
                    case 4 when reader.TryGetInt64(out var c): count = c; break;
                    default: break;
                }
            }
        }
        catch (JsonException ex)
        {
            into.Diagnostics.Report(EfiDiagnostics.DamagedMetadata,
                SourceLocation.AtLine(document.Name, (int)Math.Min(int.MaxValue, ex.LineNumber.GetValueOrDefault() + 1)), ex.Message);
        }

        into.MapMetadata ??= new EfiMapMetadata(document.Name, size, version, mapSize, count);
        return string.Create(CultureInfo.InvariantCulture, $"descriptorSize {size?.ToString(CultureInfo.InvariantCulture) ?? "?"}, descriptorVersion {version?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
    }
}
