using System.Globalization;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Efi;

/// <summary>
/// Groups the EFI lines of one log into maps. A boot prints the map more than once — after efi_init(), again after
/// edits such as efi_fake_mem (same indices from 00), and the runtime map after <c>EFI runtime memory map:</c> — and
/// mail excerpts show "before" and "after" maps. Rule: a descriptor with index 00 starts a new map when one is open;
/// a runtime header or an arm64 <c>Processing EFI memory map:</c> header closes the open map. An elision line
/// (<c>...</c>) inside a map is counted and noted; the next index may then jump without a gap note.
/// </summary>
internal sealed class EfiLogMapAssembler(string source)
{
    private readonly List<EfiMemoryMap> _maps = [];
    private List<EfiMemoryDescriptor>? _open;
    private DiagnosticBag _bag = new();
    private EfiMapRole _openRole;
    private EfiMapRole _nextRole = EfiMapRole.Boot;
    private SourceLocation _openStart;
    private int _elisions;
    private bool _afterElision;
    private int _expected;
    private int _arm64Next;

    public IReadOnlyList<EfiMemoryMap> Maps => _maps;

    /// <summary>Maps closed so far plus nothing open (call <see cref="Finish"/> first for the full list).</summary>
    public EfiMemoryMap? LastBootMap => _maps.LastOrDefault(m => m.Role == EfiMapRole.Boot);

    public void Add(EfiLine line, SourceLocation at)
    {
        var index = line.Index;
        if (line.Kind == EfiLineKind.Descriptor && index < 0)
        {
            index = _arm64Next++;
        }

        if (_open is null || (index == 0 && _open.Count > 0))
        {
            Close();
            Open(at);
        }
        else if (index != _expected && !_afterElision)
        {
            _bag.Report(EfiDiagnostics.IndexGap, at, string.Create(CultureInfo.InvariantCulture, $"mem{index:00} follows mem{_expected - 1:00}"));
        }

        _afterElision = false;
        _expected = index + 1;
        var descriptor = line.Descriptor! with { Index = index };
        if (line.Problem is { } problem)
        {
            _bag.Report(EfiDiagnostics.PrintedSizeMismatch, at, $"mem{index:00}: {problem}");
        }

        _open!.Add(descriptor);
    }

    public void Elision(SourceLocation at)
    {
        if (_open is null)
        {
            return;
        }

        _elisions++;
        _afterElision = true;
        _bag.Report(EfiDiagnostics.Elision, at, string.Create(CultureInfo.InvariantCulture,
            $"lines left out after mem{_expected - 1:00}; totals of this map are lower bounds"));
    }

    /// <summary>Closes the open map; the next map is the runtime one.</summary>
    public void RuntimeHeader()
    {
        Close();
        _nextRole = EfiMapRole.Runtime;
    }

    /// <summary>arm64: a new, unindexed map starts.</summary>
    public void ProcessingHeader()
    {
        Close();
        _arm64Next = 0;
    }

    public IReadOnlyList<EfiMemoryMap> Finish()
    {
        Close();
        return _maps;
    }

    /// <summary>Attaches a logged mirror summary to the last boot map printed before it.</summary>
    public void AttachSummary(string line)
    {
        if (_open is not null && _openRole == EfiMapRole.Boot)
        {
            Close();
        }

        var i = _maps.FindLastIndex(m => m.Role == EfiMapRole.Boot);
        if (i >= 0)
        {
            _maps[i] = _maps[i] with { LoggedMirrorSummary = line };
        }
    }

    private void Open(SourceLocation at)
    {
        _open = [];
        _bag = new DiagnosticBag();
        _openRole = _nextRole;
        _nextRole = EfiMapRole.Boot;
        _openStart = at;
        _elisions = 0;
        _afterElision = false;
        _expected = 0;
    }

    private void Close()
    {
        if (_open is null)
        {
            return;
        }

        // A print without its "EFI runtime memory map:" header (a file of its lines) is still a runtime map when it has no
        // conventional memory (never mapped for runtime services) and some EFI_MEMORY_RUNTIME descriptor.
        if (_openRole == EfiMapRole.Boot && _open.Count > 0 && !_open.Any(d => d.Type == EfiMemoryType.ConventionalMemory)
            && _open.Any(d => (d.Attribute & EfiMemoryAttribute.Runtime) != 0))
        {
            _openRole = EfiMapRole.Runtime;
        }

        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(_bag.Items);
        EfiMapValidator.Validate(_open, diagnostics, _openRole);
        _maps.Add(new EfiMemoryMap(source, EfiMapForm.KernelLog, _open.ToArray(), 0, 0, null, diagnostics.ToList())
        {
            Role = _openRole,
            Elisions = _elisions,
            Start = _openStart,
        });
        _open = null;
    }
}
