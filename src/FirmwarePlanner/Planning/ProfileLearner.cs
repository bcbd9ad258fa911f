using System.Globalization;
using System.Text.RegularExpressions;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Kernel;

namespace FirmwarePlanner.Planning;

/// <summary>One boot log's messages (printk prefixes already stripped), named by where they were read.</summary>
public sealed record ProfileLog(string Source, IReadOnlyList<string> Messages);

/// <summary>A build fact a boot log showed: the profile key, its value as the profile file writes it, and the line that showed it.</summary>
public sealed record LearnedFact(string Key, string Value, string Source, int Line, string Evidence);

/// <summary>A build fact no log showed: the key, the built-in value that stays, and why.</summary>
public sealed record DefaultFact(string Key, string Value, string Why);

/// <summary>What <see cref="ProfileLearner.Learn"/> made of the logs: the profile (built-in where no log spoke), the facts learned and kept, and diagnostics.</summary>
public sealed record ProfileLearning(PlanningProfile Profile, IReadOnlyList<LearnedFact> Learned, IReadOnlyList<DefaultFact> Defaults, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>
/// Learns the facts of a kernel build from any boot log of that build (any machine, with or without
/// <c>memblock=debug</c>): each fact is a rule below that names the line that shows it, the printk format it inverts,
/// and how the fact follows from it. Addresses are never learned, only sizes and configuration. Several logs must
/// come from one build (one <c>Linux version</c> banner); a fact the first log shows wins and a later log that shows
/// another value is a warning.
/// </summary>
public static partial class ProfileLearner
{
    /// <summary>The keys of <see cref="PlanningProfile"/> no boot log shows, with why (they stay the built-in values).</summary>
    private static readonly (string Key, Func<PlanningProfile, string> Value, string Why)[] NotInLogs =
    [
        ("structPageSize", p => Num(p.StructPageSize), "sizeof(struct page) is printed by no boot message"),
        ("brkPageTablePages", p => Num((ulong)p.BrkPageTablePages), "INIT_PGT_BUF_SIZE is printed by no boot message"),
        ("gbPages", p => p.GbPages ? "true" : "false", "a CPU feature (pdpe1gb), not a build fact"),
        ("kernelImage", p => Hex(p.KernelImage.Size), "_text..__end_of_kernel_reserve is reserved before memblock=debug takes effect; the Memory: line rounds each section to KiB"),
        ("logBufShift", p => Num((ulong)p.LogBufShift), "CONFIG_LOG_BUF_SHIFT: the log shows only the buffer length in use"),
        ("logCpuMaxBufShift", p => Num((ulong)p.LogCpuMaxBufShift), "CONFIG_LOG_CPU_MAX_BUF_SHIFT is printed by no boot message"),
        ("usemapSectionSize", p => Num(p.UsemapSectionSize), "mem_section_usage_size() is printed by no boot message"),
    ];

    /// <summary>
    /// Reads the documents that read like kernel logs as a whole (<see cref="KernelLogInputReader.Recognizes"/>: a
    /// README that quotes kernel lines is not one), each line's collector prefix stripped. The others (tables, notes
    /// of a capture folder) are skipped and named in one note; when no document is a log, that is an error.
    /// </summary>
    public static ProfileLearning Learn(IReadOnlyList<InputDocument> documents, PlanningProfile? baseProfile = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var reader = new KernelLogInputReader();
        var logs = documents.Where(reader.Recognizes)
            .Select(d => new ProfileLog(d.Name, Text.TextLines.Split(d.Content).Select(Text.KernelLogLine.Message).ToArray())).ToArray();
        var skipped = documents.Where(d => !reader.Recognizes(d)).Select(d => d.Name).ToArray();
        if (logs.Length == 0)
        {
            var none = PlanningDiagnostics.NotABootLog.At(SourceLocation.Whole(documents.Count == 0 ? "(no input)" : documents[0].Name),
                documents.Count == 0 ? "no file given" : $"none of the {documents.Count} input(s) reads like a kernel log");
            return Learn(Array.Empty<ProfileLog>(), baseProfile) with { Diagnostics = [none] };
        }

        return Learn(logs, baseProfile, skipped);
    }

    /// <summary>
    /// Reads every log. Logs (and <paramref name="skipped"/> inputs) that show no banner and no fact are named in one
    /// note, or are each an error when no log shows anything.
    /// </summary>
    public static ProfileLearning Learn(IReadOnlyList<ProfileLog> logs, PlanningProfile? baseProfile = null, IReadOnlyList<string>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var profile = baseProfile ?? PlanningProfile.BuiltIn;
        var diagnostics = new List<Diagnostic>();
        var learned = new Dictionary<string, LearnedFact>(StringComparer.Ordinal);
        (string Text, string Source)? banner = null;
        var silent = new List<string>(skipped ?? []);
        foreach (var log in logs)
        {
            var facts = Facts(log);
            var thisBanner = facts.FirstOrDefault(f => f.Key == "kernel");
            if (facts.Count == 0)
            {
                silent.Add(log.Source);
                continue;
            }

            if (thisBanner is not null && banner is { } first && first.Text != thisBanner.Evidence)
            {
                diagnostics.Add(PlanningDiagnostics.LogsOfDifferentBuilds.At(SourceLocation.AtLine(log.Source, thisBanner.Line),
                    $"'{thisBanner.Evidence}' is not the build of {first.Source} ('{first.Text}')"));
                continue;
            }

            banner ??= thisBanner is null ? null : (thisBanner.Evidence, log.Source);
            foreach (var f in facts)
            {
                if (!learned.TryGetValue(f.Key, out var kept))
                {
                    learned.Add(f.Key, f);
                }
                else if (kept.Value != f.Value)
                {
                    diagnostics.Add(PlanningDiagnostics.FactDiffersBetweenLogs.At(SourceLocation.AtLine(f.Source, f.Line),
                        $"{f.Key} {f.Value} here, {kept.Value} in {kept.Source}:{kept.Line}; {kept.Value} is kept"));
                }
            }
        }

        // A value the profile reader would refuse (zero, past 2^52: a damaged or hand-edited log) is not learned.
        foreach (var f in learned.Values.ToArray())
        {
            var alone = ProfileWriter.Write(new ProfileLearning(PlanningProfile.BuiltIn, [f], [], []));
            if (ProfileReader.Read(System.Text.Encoding.UTF8.GetBytes(alone), f.Source).HasErrors)
            {
                learned.Remove(f.Key);
                diagnostics.Add(PlanningDiagnostics.ImplausibleFact.At(SourceLocation.AtLine(f.Source, f.Line), $"{f.Key} {f.Value} is no size a profile can hold; the built-in value stays"));
            }
        }

        if (learned.Count == 0)
        {
            diagnostics.AddRange(silent.Select(name => PlanningDiagnostics.NotABootLog.At(SourceLocation.Whole(name), "no Linux version banner and no line that shows a build fact")));
        }
        else if (silent.Count > 0)
        {
            diagnostics.Add(PlanningDiagnostics.NotABootLog.At(SourceLocation.Whole(silent[0]), Severity.Note,
                $"{silent.Count} input(s) show no build fact and were skipped: {string.Join(", ", silent.Take(4))}{(silent.Count > 4 ? ", …" : string.Empty)}"));
        }

        foreach (var f in learned.Values)
        {
            profile = Apply(profile, f);
        }

        var ordered = Rules.Select(r => r.Key).Distinct().Where(learned.ContainsKey).Select(k => learned[k]).ToArray();
        var defaults = Rules.GroupBy(r => r.Key).Where(g => !learned.ContainsKey(g.Key))
            .Select(g => new DefaultFact(g.Key, ValueOf(profile, g.Key), "no log shows " + string.Join(" or ", g.Select(r => r.Shows))))
            .Concat(NotInLogs.Select(n => new DefaultFact(n.Key, n.Value(profile), n.Why)))
            .ToArray();
        return new ProfileLearning(profile, ordered, defaults, diagnostics);
    }

    /// <summary>Every fact one log shows, the first line of each rule that matches (rules of one key in order of preference).</summary>
    public static IReadOnlyList<LearnedFact> Facts(ProfileLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var found = new List<LearnedFact>();
        foreach (var rule in Rules)
        {
            if (found.Any(f => f.Key == rule.Key))
            {
                continue;
            }

            for (var i = 0; i < log.Messages.Count; i++)
            {
                if (rule.Read(log.Messages, i) is { } value)
                {
                    found.Add(new LearnedFact(rule.Key, value, log.Source, i + 1, log.Messages[i].TrimEnd()));
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>The profile with one learned fact applied (values are the rule's own renderings, so they parse).</summary>
    private static PlanningProfile Apply(PlanningProfile p, LearnedFact f) => f.Key switch
    {
        "kernel" => KernelRelease.TryParse(f.Evidence, out var release, out _)
            ? p with { Kernel = p.Kernel with { Release = release, Origin = KernelTarget.ProfileOrigin } } : p,
        "zoneDevice" => p with { Kernel = p.Kernel with { Build = p.Kernel.Build with { ZoneDevice = f.Value == "true", ZoneDeviceOrigin = KernelFactOrigin.Learned } } },
        "efiMmioRemoval" => p with { Kernel = p.Kernel with { Build = p.Kernel.Build with { EfiMmioRemoval = f.Value == "true" } } },
        "nodeDataSize" => p with { NodeDataSize = Parse(f.Value) },
        "percpuStaticSize" => p with { PercpuStaticSize = Parse(f.Value) },
        "percpuReservedSize" => p with { PercpuReservedSize = Parse(f.Value) },
        "percpuDynamicSize" => p with { PercpuDynamicSize = Parse(f.Value) },
        "logBufDescSize" => p with { LogBufDescSize = Parse(f.Value) },
        "logBufInfoSize" => p with { LogBufInfoSize = Parse(f.Value) },
        "memSectionRootsSize" => p with { MemSectionRootsSize = Parse(f.Value) },
        "realModeSize" => p with { RealModeSize = Parse(f.Value) },
        "swiotlbSize" => p with { SwiotlbSize = Parse(f.Value) },
        _ => p,
    };

    private static string ValueOf(PlanningProfile p, string key) => key switch
    {
        "kernel" => p.Kernel.Release.Text,
        "zoneDevice" => p.Kernel.ZoneDevice ? "true" : "false",
        "efiMmioRemoval" => p.Kernel.RemovesLargeEfiMmioFromE820 ? "true" : "false",
        "nodeDataSize" => Hex(p.NodeDataSize),
        "percpuStaticSize" => Num(p.PercpuStaticSize),
        "percpuReservedSize" => Num(p.PercpuReservedSize),
        "percpuDynamicSize" => Num(p.PercpuDynamicSize),
        "logBufDescSize" => Num(p.LogBufDescSize),
        "logBufInfoSize" => Num(p.LogBufInfoSize),
        "memSectionRootsSize" => Num(p.MemSectionRootsSize),
        "realModeSize" => Hex(p.RealModeSize),
        "swiotlbSize" => Hex(p.SwiotlbSize),
        _ => "?",
    };

    /// <summary>A rule: the profile key, what line shows it, and the reader of that line at index i (null: not this line).</summary>
    private sealed record Rule(string Key, string Shows, Func<IReadOnlyList<string>, int, string?> Read);

    /// <summary>
    /// The facts and the lines that show them. The printk formats are quoted from Debian's linux-source-7.2 (and agree
    /// with the 6.1 and 6.12 logs among the captures unless a note says otherwise).
    /// </summary>
    private static readonly Rule[] Rules =
    [
        // init/version.c linux_banner: "Linux version %s (...)": the release (uname -r) of the build.
        new("kernel", "a 'Linux version' banner", (m, i) =>
            m[i].StartsWith("Linux version ", StringComparison.Ordinal) && KernelRelease.TryParse(m[i], out var r, out _) ? r.Text : null),

        // mm/mm_init.c zone_sizes_init -> free_area_init: "Zone ranges:" then one "  %-8s ..." line per zone the build
        // has; a Device line means CONFIG_ZONE_DEVICE.
        new("zoneDevice", "a 'Zone ranges:' block", (m, i) =>
            m[i].StartsWith("Zone ranges:", StringComparison.Ordinal) && KernelLogFacts.ZoneNames(m.Skip(i).ToArray()) is { } zones
                ? (KernelBuild.Learn(zones).ZoneDevice ? "true" : "false") : null),

        // arch/x86/platform/efi/efi.c efi_remove_e820_mmio() (6.2 on, and wherever a distribution carried it back):
        // "Remove mem%02u: MMIO range=[…] (…) from e820 map" or "Not removing mem%02u: …": the build has the code.
        // Its absence says nothing (a machine without MMIO descriptors, or efi=debug-free map reading still prints).
        new("efiMmioRemoval", "an 'efi: Remove memNN: MMIO' or 'efi: Not removing memNN' line", (m, i) =>
            m[i].StartsWith("efi: Remove mem", StringComparison.Ordinal) || m[i].StartsWith("efi: Not removing mem", StringComparison.Ordinal) ? "true" : null),

        // arch/x86/mm/numa.c (6.x) / mm/numa.c (7.x) alloc_node_data: "NODE_DATA(%d) allocated [mem %#010Lx-%#010Lx]":
        // the span is sizeof(pg_data_t) rounded as the release allocates it (a page before 6.12, 64 bytes since).
        new("nodeDataSize", "a 'NODE_DATA(n) allocated' line", (m, i) =>
            NodeData().Match(m[i]) is { Success: true } nd ? Span(nd.Groups[1].Value, nd.Groups[2].Value, inclusive: true) : null),

        // mm/percpu.c pcpu_embed_first_chunk: "Embedded %zu pages/cpu s%zu r%zu d%zu u%zu": static, reserved and
        // dynamic sizes of the first chunk (PERCPU_MODULE_RESERVE and PERCPU_DYNAMIC_RESERVE as built).
        new("percpuStaticSize", "a 'percpu: Embedded' line", (m, i) => Embedded().Match(m[i]) is { Success: true } e ? e.Groups[1].Value : null),
        new("percpuReservedSize", "a 'percpu: Embedded' line", (m, i) => Embedded().Match(m[i]) is { Success: true } e ? e.Groups[2].Value : null),
        new("percpuDynamicSize", "a 'percpu: Embedded' line", (m, i) => Embedded().Match(m[i]) is { Success: true } e ? e.Groups[3].Value : null),

        // kernel/printk/printk.c setup_log_buf: with memblock=debug, three memblock_alloc calls of log_buf_len, then
        // (log_buf_len >> PRB_AVGBITS) descriptors and as many infos; the sizes divided by that count are
        // sizeof(struct prb_desc) and sizeof(struct printk_info) (7.x adds caller_id2 and comm with
        // CONFIG_PRINTK_EXECUTION_CTX).
        new("logBufDescSize", "memblock=debug setup_log_buf allocations", (m, i) => LogBufAlloc(m, i, 1)),
        new("logBufInfoSize", "memblock=debug setup_log_buf allocations", (m, i) => LogBufAlloc(m, i, 2)),

        // 7.x setup_log_buf: "log buffer data + meta data: %u + %zu = %zu bytes": meta = count * (desc + info), with
        // the descriptor the built-in size (struct prb_desc is three longs on every 64-bit build).
        new("logBufInfoSize", "a 'log buffer data + meta data' line (7.x)", (m, i) => LogBufMetaInfo(m[i])),

        // mm/sparse.c sparse_init -> memblock_alloc(NR_SECTION_ROOTS * sizeof(struct mem_section *)) (CONFIG_SPARSEMEM_EXTREME,
        // seen with memblock=debug in 6.x; 7.x prints no such allocation).
        new("memSectionRootsSize", "a memblock=debug sparse_init allocation", (m, i) =>
            SparseRoots().Match(m[i]) is { Success: true } sr ? sr.Groups[1].Value : null),

        // 7.x memblocks_present -> memblock_alloc_or_panic(size, align): the caller printed is
        // __memblock_alloc_or_panic, so the roots are the allocation right before the first sparse_index_alloc one.
        new("memSectionRootsSize", "a memblock=debug allocation before sparse_index_alloc (7.x)", (m, i) =>
            AllocOrPanic().Match(m[i]) is { Success: true } ap && m.Skip(i + 1).Take(3).Any(l => l.Contains(" sparse_index_alloc+", StringComparison.Ordinal))
                ? ap.Groups[1].Value : null),

        // arch/x86/realmode/init.c reserve_real_mode -> memblock_phys_alloc_range(size, PAGE_SIZE, 0, limit).
        new("realModeSize", "a memblock=debug reserve_real_mode allocation", (m, i) =>
            RealMode().Match(m[i]) is { Success: true } rm && ulong.TryParse(rm.Groups[1].Value, CultureInfo.InvariantCulture, out var rms) ? Hex(rms) : null),

        // kernel/dma/swiotlb.c swiotlb_print_info: "mapped [mem %pa-%pa] (%luMB)" (pr_fmt "software IO TLB: "): the
        // default pool (IO_TLB_DEFAULT_SIZE unless swiotlb= says otherwise).
        new("swiotlbSize", "a 'software IO TLB: mapped' line", (m, i) =>
            Swiotlb().Match(m[i]) is { Success: true } sw ? Span(sw.Groups[1].Value, sw.Groups[2].Value, inclusive: false) : null),
    ];

    /// <summary>The size of the <paramref name="which"/>th of the three setup_log_buf allocations that start at line i, per descriptor.</summary>
    private static string? LogBufAlloc(IReadOnlyList<string> m, int i, int which)
    {
        var sizes = new List<ulong>();
        for (var j = i; j < m.Count && sizes.Count < 3; j++)
        {
            if (LogBufLine().Match(m[j]) is { Success: true } a && ulong.TryParse(a.Groups[1].Value, CultureInfo.InvariantCulture, out var size))
            {
                sizes.Add(size);
            }
            else if (sizes.Count == 0)
            {
                return null;
            }
        }

        var count = sizes.Count == 3 ? sizes[0] >> 5 : 0;
        return count > 0 && sizes[which] % count == 0 ? Num(sizes[which] / count) : null;
    }

    /// <summary>sizeof(struct printk_info) from the 7.x meta-data line: meta / (data >> 5) minus the descriptor.</summary>
    private static string? LogBufMetaInfo(string message)
    {
        var lb = LogBufMeta().Match(message);
        if (!lb.Success || !ulong.TryParse(lb.Groups[1].Value, CultureInfo.InvariantCulture, out var data)
            || !ulong.TryParse(lb.Groups[2].Value, CultureInfo.InvariantCulture, out var meta))
        {
            return null;
        }

        var count = data >> 5;
        var desc = PlanningProfile.BuiltIn.LogBufDescSize;
        return count > 0 && meta % count == 0 && meta / count > desc ? Num((meta / count) - desc) : null;
    }

    private static ulong Parse(string value) =>
        value.StartsWith("0x", StringComparison.Ordinal) ? HexValue(value[2..]) : ulong.Parse(value, CultureInfo.InvariantCulture);

    private static ulong HexValue(string hex) => ulong.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>The size of a printed range (<paramref name="inclusive"/>: the end is its last byte), or null when the end is below the start.</summary>
    private static string? Span(string start, string end, bool inclusive)
    {
        var s = HexValue(start);
        var e = HexValue(end);
        return e < s || (!inclusive && e == s) ? null : Hex(e - s + (inclusive ? 1UL : 0UL));
    }

    private static string Hex(ulong v) => string.Create(CultureInfo.InvariantCulture, $"0x{v:x}");

    private static string Num(ulong v) => v.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^NODE_DATA\(\d+\) allocated \[mem 0x([0-9a-f]{1,16})-0x([0-9a-f]{1,16})\]", RegexOptions.CultureInvariant)]
    private static partial Regex NodeData();

    [GeneratedRegex(@"^percpu: Embedded \d+ pages/cpu s(\d+) r(\d+) d(\d+) u\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Embedded();

    [GeneratedRegex(@"^memblock_alloc_try_nid: (\d+) bytes .* setup_log_buf\+", RegexOptions.CultureInvariant)]
    private static partial Regex LogBufLine();

    [GeneratedRegex(@"^printk: log buffer data \+ meta data: (\d+) \+ (\d+) = \d+ bytes", RegexOptions.CultureInvariant)]
    private static partial Regex LogBufMeta();

    [GeneratedRegex(@"^memblock_alloc_try_nid: (\d+) bytes .* sparse_init\+", RegexOptions.CultureInvariant)]
    private static partial Regex SparseRoots();

    [GeneratedRegex(@"^memblock_alloc_try_nid: (\d+) bytes .* __memblock_alloc_or_panic\+", RegexOptions.CultureInvariant)]
    private static partial Regex AllocOrPanic();

    [GeneratedRegex(@"^memblock_phys_alloc_range: (\d+) bytes .* reserve_real_mode\+", RegexOptions.CultureInvariant)]
    private static partial Regex RealMode();

    [GeneratedRegex(@"^software IO TLB: mapped \[mem 0x([0-9a-f]{1,16})-0x([0-9a-f]{1,16})\]", RegexOptions.CultureInvariant)]
    private static partial Regex Swiotlb();
}
