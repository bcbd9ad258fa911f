using System.Globalization;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Inputs;

/// <summary>UEFI Shell <c>memmap</c> output; recognized by its header or by three or more entry lines.</summary>
public sealed class UefiShellInputReader : IInputReader
{
    public string Name => "UEFI Shell memmap";

    public bool Recognizes(InputDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (TextLines.LooksBinary(document.Content.Span))
        {
            return false;
        }

        var entries = 0;
        foreach (var line in DocumentHead.Lines(document))
        {
            if (UefiShellPatterns.Header().IsMatch(line) || (UefiShellPatterns.Entry().IsMatch(line) && ++entries >= 3))
            {
                return true;
            }
        }

        return false;
    }

    public string Read(InputDocument document, InputOptions options, MachineBuilder into)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(into);
        var bag = new DiagnosticBag();
        var descriptors = new List<EfiMemoryDescriptor>();
        var lines = TextLines.Split(document.Content);
        var ignored = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var at = SourceLocation.AtLine(document.Name, i + 1);
            var line = lines[i];
            var m = UefiShellPatterns.Entry().Match(line);
            if (m.Success)
            {
                ReadEntry(m, descriptors, at, bag);
            }
            else if (UefiShellPatterns.Candidate().IsMatch(line))
            {
                bag.Report(EfiDiagnostics.DamagedLine, at, "looks like a memmap entry but does not parse");
            }
            else
            {
                ignored++;
            }
        }

        EfiMapValidator.Validate(descriptors, bag);
        var map = new EfiMemoryMap(document.Name, EfiMapForm.UefiShell, descriptors, 0, 0, null, bag.ToList())
        {
            Start = descriptors.Count > 0 ? descriptors[0].Location : SourceLocation.Whole(document.Name),
        };
        if (descriptors.Count == 0)
        {
            into.Diagnostics.Report(EfiDiagnostics.EmptyMap, SourceLocation.Whole(document.Name), "memmap output without entries");
        }
        else
        {
            into.EfiMaps.Add(map);
        }

        into.Diagnostics.AddRange(map.Diagnostics);
        return string.Create(CultureInfo.InvariantCulture, $"EFI map of {descriptors.Count}; {ignored} header, summary or other lines");
    }

    private static void ReadEntry(System.Text.RegularExpressions.Match m, List<EfiMemoryDescriptor> descriptors, SourceLocation at, DiagnosticBag bag)
    {
        // Every field is exactly 16 hex digits (the pattern says so), so these parses cannot fail.
        _ = Hex.TryParse(m.Groups["s"].ValueSpan, out var start);
        _ = Hex.TryParse(m.Groups["e"].ValueSpan, out var last);
        _ = Hex.TryParse(m.Groups["pages"].ValueSpan, out var pages);
        _ = Hex.TryParse(m.Groups["attr"].ValueSpan, out var attribute);
        var name = m.Groups["type"].Value;
        EfiMemoryType type;
        if (!EfiMemoryTypes.TryParseShellName(name, out type))
        {
            if (!Hex.TryParsePrefixed(name, out var raw) || raw > uint.MaxValue)
            {
                bag.Report(EfiDiagnostics.DamagedLine, at, $"unknown memory type name '{name}'");
                return;
            }

            type = (EfiMemoryType)(uint)raw;
        }

        var expectedLast = unchecked(start + (pages << 12) - 1);
        if (pages != 0 && expectedLast != last)
        {
            bag.Report(EfiDiagnostics.PrintedSizeMismatch, at, string.Create(CultureInfo.InvariantCulture,
                $"0x{pages:x} pages from 0x{start:x} end at 0x{expectedLast:x}, the line says 0x{last:x}"));
        }

        descriptors.Add(new EfiMemoryDescriptor(descriptors.Count, type, start, 0, pages, (EfiMemoryAttribute)attribute, at));
    }
}
