using System.Globalization;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.E820;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Inputs;

/// <summary>
/// A kernel log in any wrapping (dmesg, journalctl, syslog, serial console with firmware noise, mail excerpts):
/// EFI map prints of every era, the mirror summary, e820 tables and the <c>Command line:</c>. Every line is
/// accounted for: it matches a pattern, is one of the explicitly ignored EFI lines, is reported as damaged (it
/// starts like a map line but does not parse), or belongs to another subsystem and is counted as ignored.
/// </summary>
public sealed class KernelLogInputReader : IInputReader
{
    /// <summary>Serial consoles can carry a lot of firmware output before the first kernel line; look further than other readers.</summary>
    public const int LogSniffBytes = 1024 * 1024;

    /// <summary>Words at least one of which every line this reader reads contains; other lines skip the patterns.</summary>
    private static readonly string[] Keys = ["efi", "mem", "e8", "BIOS-", "user: ", "setup_data", "extended: ", "modified: ", "bad_ppro: ", "ommand line: ", "...", "…"];

    /// <summary>The format name machine documents read by this reader carry (<see cref="InputDocumentInfo.Format"/>).</summary>
    public const string FormatName = "kernel log";

    public string Name => FormatName;

    /// <summary>
    /// A kernel log reads like one as a whole: at least half of its non-blank lines (in the first
    /// <see cref="LogSniffBytes"/>) are kernel messages (printk timestamps, or lines this reader or the SRAT reader
    /// reads), or it has many timestamped lines (a serial console with firmware noise). A document that only quotes a
    /// few kernel lines (a Markdown README with a fenced block, a note) is not a log.
    /// </summary>
    public bool Recognizes(InputDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (TextLines.LooksBinary(document.Content.Span))
        {
            return false;
        }

        int nonBlank = 0, logLike = 0, stamped = 0;
        foreach (var line in TextLines.Head(document.Content, LogSniffBytes))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            nonBlank++;
            if (line.StartsWith("```", StringComparison.Ordinal) || (nonBlank == 1 && line.StartsWith("# ", StringComparison.Ordinal)))
            {
                return false; // Markdown: a README or a report that quotes kernel lines
            }

            if (KernelLogLine.HasCollectorPrefix(line))
            {
                stamped++;
                logLike++;
            }
            else if (IsKernelMessage(KernelLogLine.Message(line)))
            {
                logLike++;
            }
        }

        return logLike > 0 && (logLike * 2 >= nonBlank || stamped >= MinStampedLines);
    }

    /// <summary>Timestamped lines that make a document a log even among much other console output.</summary>
    public const int MinStampedLines = 20;

    private static bool IsKernelMessage(string message) =>
        EfiLogPatterns.Candidate().IsMatch(message) || E820LogPatterns.Candidate().IsMatch(message) ||
        EfiLogPatterns.MirrorSummary().IsMatch(message) || E820LogPatterns.CommandLine().IsMatch(message) ||
        message is "..." or "\u2026" || KernelLogFacts.IsKernelMessage(message);

    public string Read(InputDocument document, InputOptions options, MachineBuilder into)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(into);
        var state = new State(document.Name, into);
        var lines = TextLines.Split(document.Content);

        // A journal of several boots: the machine is the one that booted last (its tables and /proc files are the
        // current ones). Earlier boots' lines read as empty, so line numbers stay those of the document.
        var lastBanner = -1;
        var banners = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines.Bytes(i).IndexOf("Linux version "u8) >= 0 && KernelLogLine.Message(lines[i]).StartsWith("Linux version ", StringComparison.Ordinal))
            {
                lastBanner = i;
                banners++;
            }
        }

        if (banners > 1)
        {
            into.Diagnostics.Report(InputDiagnostics.EarlierBootsSkipped, SourceLocation.AtLine(document.Name, lastBanner + 1),
                $"{banners} boots in this log; the last one, from line {lastBanner + 1}, is read");
        }

        // The printk prefix (timestamp, syslog, level) is stripped as each message is read; the log is walked once
        // per reader below, one line at a time, so its text is never held whole.
        var messages = new KernelLogMessages(lines, banners > 1 ? lastBanner : 0);
        for (var i = 0; i < messages.Count; i++)
        {
            state.Line(messages[i], SourceLocation.AtLine(document.Name, i + 1));
        }

        // SRAT lines: a partial SRAT for when no ACPI table is among the inputs (the kernel's conclusion).
        if (Numa.SratLogReader.Read(messages, document.Name) is { } srat)
        {
            into.SratLogs.Add(srat);
        }

        KernelLogFacts.Read(messages, document.Name, into);

        return state.Finish(lines.Count);
    }

    /// <summary>The per-document walk; one method per kind of line.</summary>
    private sealed class State(string source, MachineBuilder into)
    {
        private readonly EfiLogMapAssembler _efi = new(source);
        private readonly List<E820Table> _tables = [];
        private readonly DiagnosticBag _bag = new();
        private readonly List<LoggedMirrorSummary> _summaries = [];
        private E820TableBuilder? _table;
        private int _ignored;
        private int _matched;

        public void Line(string message, SourceLocation at)
        {
            if (!Array.Exists(Keys, k => message.Contains(k, StringComparison.Ordinal)))
            {
                // Another subsystem's message; it also ends any e820 table being printed.
                _table = CloseTable();
                _ignored++;
                return;
            }

            if (TryEfi(message, at) || TryE820(message, at) || TryOther(message, at))
            {
                _matched++;
                return;
            }

            _ignored++;
        }

        private bool TryEfi(string message, SourceLocation at)
        {
            if (EfiLogLineParser.Parse(message, at) is { } line)
            {
                switch (line.Kind)
                {
                    case EfiLineKind.Descriptor:
                        _efi.Add(line, at);
                        break;
                    case EfiLineKind.Invalid:
                        _bag.Report(EfiDiagnostics.KernelRemovedInvalid, at, string.Create(CultureInfo.InvariantCulture, $"mem{line.Index:00} printed as (invalid) and removed by the kernel"));
                        break;
                    default:
                        _bag.Report(EfiDiagnostics.DamagedLine, at, line.Problem ?? "damaged");
                        break;
                }

                return true;
            }

            if (EfiLogPatterns.Elision().IsMatch(message))
            {
                _efi.Elision(at);
                return true;
            }

            if (EfiLogPatterns.RuntimeHeader().IsMatch(message))
            {
                _efi.RuntimeHeader();
                return true;
            }

            if (EfiLogPatterns.ProcessingHeader().IsMatch(message))
            {
                _efi.ProcessingHeader();
                return true;
            }

            var summary = EfiLogPatterns.MirrorSummary().Match(message);
            if (summary.Success && Hex.TryParseDecimal(summary.Groups["m"].ValueSpan, out var mirror) &&
                Hex.TryParseDecimal(summary.Groups["t"].ValueSpan, out var total))
            {
                var text = message.TrimEnd();
                _summaries.Add(new LoggedMirrorSummary(text, mirror, total, at));
                _efi.AttachSummary(text);
                return true;
            }

            return EfiLogPatterns.Informational().IsMatch(message);
        }

        private bool TryE820(string message, SourceLocation at)
        {
            // A 7.x gap line belongs to the table it sits in: it opens it when it comes first (a hole at 0).
            if (E820LogPatterns.Gap().Match(message) is { Success: true } gap)
            {
                var gapWho = gap.Groups["who"].Value;
                if (_table is null || !string.Equals(_table.Who, gapWho, StringComparison.Ordinal))
                {
                    CloseTable();
                    _table = new E820TableBuilder(source, E820Form.KernelLog, gapWho);
                }

                return true;
            }

            var m = E820LogPatterns.Table().Match(message);
            var legacy = false;
            if (!m.Success)
            {
                m = E820LogPatterns.Legacy().Match(message);
                legacy = m.Success;
            }

            if (!m.Success)
            {
                if (E820LogPatterns.Candidate().IsMatch(message))
                {
                    _bag.Report(E820Diagnostics.DamagedLine, at, "starts like an e820 table line but does not parse");
                    return true;
                }

                _table = CloseTable();
                return false;
            }

            var who = m.Groups["who"].Value;
            if (_table is null || !string.Equals(_table.Who, who, StringComparison.Ordinal))
            {
                CloseTable();
                _table = new E820TableBuilder(source, legacy ? E820Form.KernelLogLegacy : E820Form.KernelLog, who);
            }

            if (!Hex.TryParse(m.Groups["s"].ValueSpan, out var start) || !Hex.TryParse(m.Groups["e"].ValueSpan, out var end) ||
                !E820Type.TryParseLogName(m.Groups["type"].Value, out var type))
            {
                _bag.Report(E820Diagnostics.DamagedLine, at, $"unreadable address or type '{m.Groups["type"].Value}'");
                return true;
            }

            _table.Add(start, legacy ? end : (UInt128)end + 1, type, at);
            return true;
        }

        private bool TryOther(string message, SourceLocation at)
        {
            var m = E820LogPatterns.CommandLine().Match(message);
            if (!m.Success)
            {
                return false;
            }

            into.CommandLines.Add(new KernelCommandLine(m.Groups["text"].Value, CommandLineOrigin.KernelLog, at));
            return true;
        }

        private E820TableBuilder? CloseTable()
        {
            if (_table is { Count: > 0 } t)
            {
                _tables.Add(t.Build());
            }

            _table = null;
            return null;
        }

        public string Finish(int lineCount)
        {
            CloseTable();
            var maps = _efi.Finish();
            CheckSummaries(maps);
            foreach (var map in maps)
            {
                into.EfiMaps.Add(map);
                into.Diagnostics.AddRange(map.Diagnostics);
            }

            foreach (var table in _tables)
            {
                into.E820Tables.Add(table);
                into.Diagnostics.AddRange(table.Diagnostics);
            }

            into.Diagnostics.AddRange(_bag.Items);
            into.LoggedMirrorSummaries.AddRange(_summaries);
            if (maps.Count == 0 && _tables.Count == 0)
            {
                into.Diagnostics.Report(InputDiagnostics.NothingInDocument, SourceLocation.Whole(source), "kernel log without EFI map or e820 lines");
            }

            var parts = new List<string>();
            parts.AddRange(maps.Select(m => string.Create(CultureInfo.InvariantCulture,
                $"{(m.Role == EfiMapRole.Runtime ? "runtime " : string.Empty)}EFI map of {m.Descriptors.Count}{(m.Elisions > 0 ? "+ (elided)" : string.Empty)}")));
            parts.AddRange(_tables.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Who} table of {t.Entries.Count}")));
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{_matched} of {lineCount} lines read, {_ignored} other kernel messages ignored"));
            return string.Join("; ", parts);
        }

        /// <summary>A logged summary must equal what efi_find_mirror() gives for the map it follows.</summary>
        private void CheckSummaries(IReadOnlyList<EfiMemoryMap> maps)
        {
            foreach (var summary in _summaries)
            {
                var map = maps.LastOrDefault(m => m.Role == EfiMapRole.Boot && m.LoggedMirrorSummary == summary.Line &&
                    m.Start is { Line: { } l } && l < summary.Location.Line);
                if (map is null)
                {
                    continue;
                }

                var computed = map.Mirror;
                if (computed.Line == summary.Line)
                {
                    continue;
                }

                var severity = map.Elisions > 0 ? Severity.Note : Severity.Warning;
                _bag.Add(EfiDiagnostics.MirrorSummaryMismatch.At(summary.Location, severity,
                    $"the map read gives '{computed.Line}'" + (map.Elisions > 0 ? " from an elided map (lower bound)" : string.Empty)));
            }
        }
    }
}
