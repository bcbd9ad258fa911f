using System.Globalization;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.E820;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Inputs;

/// <summary>
/// <c>/sys/firmware/memmap</c> (the raw e820 table: <c>start</c>, inclusive <c>end</c>, <c>type</c> as
/// <c>e820_type_to_string()</c> names it) and <c>/sys/firmware/efi/runtime-map</c> (runtime descriptors:
/// <c>type</c>, <c>phys_addr</c>, <c>virt_addr</c>, <c>num_pages</c>, <c>attribute</c>, all hex) captured as text.
/// Which one a document is follows from its keys. Recognized when most non-blank lines are records.
/// </summary>
public sealed class SysfsRecordInputReader : IInputReader
{
    private static readonly SysfsKey[] MemmapKeys = [SysfsKey.Start, SysfsKey.End, SysfsKey.Type];
    private static readonly SysfsKey[] RuntimeKeys = [SysfsKey.Type, SysfsKey.PhysAddr, SysfsKey.NumPages, SysfsKey.Attribute];

    public string Name => "sysfs records";

    public bool Recognizes(InputDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (TextLines.LooksBinary(document.Content.Span))
        {
            return false;
        }

        var lines = DocumentHead.Lines(document);
        var records = SysfsRecords.Parse(lines, out var unmatched, out _);
        var nonBlank = lines.Count(l => !string.IsNullOrWhiteSpace(l));
        return records.Count > 0 && unmatched.Count * 5 <= nonBlank && records.Any(r => IsMemmap(r) || IsRuntime(r));
    }

    public string Read(InputDocument document, InputOptions options, MachineBuilder into)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(into);
        var lines = TextLines.Split(document.Content);
        var records = SysfsRecords.Parse(lines, out var unmatched, out _);
        foreach (var line in unmatched)
        {
            into.Diagnostics.Report(E820Diagnostics.DamagedLine, SourceLocation.AtLine(document.Name, line), "not a sysfs record line");
        }

        return records.Count(IsRuntime) > records.Count(IsMemmap)
            ? ReadRuntime(document.Name, records, into)
            : ReadMemmap(document.Name, records, into);
    }

    private static bool IsMemmap(SysfsRecord r) => MemmapKeys.Count(r.Has) >= 2 && !r.Has(SysfsKey.PhysAddr);

    private static bool IsRuntime(SysfsRecord r) => r.Has(SysfsKey.PhysAddr) || r.Has(SysfsKey.NumPages);

    private static string ReadMemmap(string source, IReadOnlyList<SysfsRecord> records, MachineBuilder into)
    {
        var table = new E820TableBuilder(source, E820Form.SysfsFirmwareMemmap, "firmware-memmap");
        foreach (var r in records)
        {
            var at = SourceLocation.AtLine(source, r.FirstLine);
            if (!Has(r, MemmapKeys, at, into) ||
                !r.TryGetHex(SysfsKey.Start, out var start) || !r.TryGetHex(SysfsKey.End, out var end))
            {
                continue;
            }

            // "Unknown E820 type" carries no number; it is kept as type 0, which the table reports as unknown.
            var type = E820Type.TryParseResourceName(r.Type!, out var named) ? named : default;
            table.Add(start, (UInt128)end + 1, type, at);
        }

        var built = table.Build();
        into.E820Tables.Add(built);
        into.Diagnostics.AddRange(built.Diagnostics);
        return string.Create(CultureInfo.InvariantCulture, $"/sys/firmware/memmap table of {built.Entries.Count}");
    }

    private static string ReadRuntime(string source, IReadOnlyList<SysfsRecord> records, MachineBuilder into)
    {
        var descriptors = new List<EfiMemoryDescriptor>();
        foreach (var r in records)
        {
            var at = SourceLocation.AtLine(source, r.FirstLine);
            if (!Has(r, RuntimeKeys, at, into) ||
                !r.TryGetHex(SysfsKey.Type, out var type) || type > uint.MaxValue ||
                !r.TryGetHex(SysfsKey.PhysAddr, out var phys) ||
                !r.TryGetHex(SysfsKey.NumPages, out var pages) ||
                !r.TryGetHex(SysfsKey.Attribute, out var attribute))
            {
                into.Diagnostics.Report(EfiDiagnostics.DamagedLine, at, string.Create(CultureInfo.InvariantCulture, $"runtime-map {r.Number}: unreadable field"));
                continue;
            }

            var virt = r.TryGetHex(SysfsKey.VirtAddr, out var va) ? va : 0;
            descriptors.Add(new EfiMemoryDescriptor(r.Number, (EfiMemoryType)(uint)type, phys, virt, pages, (EfiMemoryAttribute)attribute, at));
        }

        var bag = new DiagnosticBag();
        EfiMapValidator.Validate(descriptors, bag, EfiMapRole.Runtime);
        into.EfiMaps.Add(new EfiMemoryMap(source, EfiMapForm.SysfsRuntimeMap, descriptors, 0, 0, null, bag.ToList())
        {
            Role = EfiMapRole.Runtime,
            Start = SourceLocation.AtLine(source, records.Count > 0 ? records[0].FirstLine : 1),
        });
        into.Diagnostics.AddRange(bag.Items);
        return string.Create(CultureInfo.InvariantCulture, $"runtime EFI map of {descriptors.Count}");
    }

    private static bool Has(SysfsRecord r, SysfsKey[] keys, SourceLocation at, MachineBuilder into)
    {
        var missing = keys.Where(k => !r.Has(k)).Select(SysfsRecords.FileName).ToArray();
        if (missing.Length == 0)
        {
            return true;
        }

        into.Diagnostics.Report(E820Diagnostics.IncompleteRecord, at, string.Create(CultureInfo.InvariantCulture, $"entry {r.Number} lacks {string.Join(", ", missing)}"));
        return false;
    }
}
