using System.Globalization;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Inputs;

/// <summary>
/// A raw GetMemoryMap buffer: binary content that reads as a plausible descriptor array (see
/// <see cref="EfiBinaryMapReader"/>). The stride comes from <c>--desc-size</c>, else from map metadata in the set,
/// else from detection.
/// </summary>
public sealed class EfiBinaryInputReader : IInputReader
{
    public string Name => "EFI map (binary)";

    public bool Recognizes(InputDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var span = document.Content.Span;
        return span.Length >= EfiMemoryDescriptorLayout.Size && TextLines.LooksBinary(span) && EfiBinaryMapReader.LooksLikeMap(span);
    }

    public string Read(InputDocument document, InputOptions options, MachineBuilder into)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(into);
        var meta = into.MapMetadata;
        var map = EfiBinaryMapReader.Read(document.Content.Span, document.Name,
            options.DescriptorSize ?? meta?.DescriptorSize, options.DescriptorVersion ?? meta?.DescriptorVersion);
        into.Diagnostics.AddRange(map.Diagnostics);
        CheckAgainstMetadata(document, map, meta, into.Diagnostics);
        into.EfiMaps.Add(map);
        return string.Create(CultureInfo.InvariantCulture, $"{map.Descriptors.Count} descriptors of {map.DescriptorSize} bytes");
    }

    private static void CheckAgainstMetadata(InputDocument document, EfiMemoryMap map, EfiMapMetadata? meta, DiagnosticBag bag)
    {
        if (meta is null)
        {
            return;
        }

        var at = SourceLocation.Whole(document.Name);
        if (meta.MapSize is { } size && size != document.Content.Length)
        {
            bag.Report(EfiDiagnostics.MetadataMismatch, at, string.Create(CultureInfo.InvariantCulture,
                $"{meta.Source} says mapSize {size}, the buffer has {document.Content.Length} bytes"));
        }

        if (meta.DescriptorCount is { } count && count != map.Descriptors.Count)
        {
            bag.Report(EfiDiagnostics.MetadataMismatch, at, string.Create(CultureInfo.InvariantCulture,
                $"{meta.Source} says {count} descriptors, the buffer gives {map.Descriptors.Count}"));
        }
    }
}
