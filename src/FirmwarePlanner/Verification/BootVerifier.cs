using System.Globalization;
using FirmwarePlanner.Efi;
using FirmwarePlanner.E820;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Linux;
using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Text;
using FirmwarePlanner.Planning;
using Microsoft.Extensions.Logging;

namespace FirmwarePlanner.Verification;

/// <summary>
/// Holds one boot against its prediction, group by group (<see cref="VerifyGroup"/>). The prediction is the one
/// pipeline's, made from the firmware part of the inputs; the boot's own output is only read here, never fed to the
/// model as an address. A group is not comparable when the boot did not record it (no efi=debug, no memblock=debug, no
/// zoneinfo, a log that does not start at boot), when the model marks it unpredictable from the inputs, or when the
/// model's input for it was this very log's print of it (an echo proves nothing).
/// </summary>
public static class BootVerifier
{
    /// <summary>The whole of <c>fwplan verify</c> for one machine: the pipeline on its documents, then the boot they recorded.</summary>
    public static BootVerification Verify(string name, IReadOnlyList<InputDocument> documents, AnalysisOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(options);
        var analysis = MachineAnalyzer.Analyze(name, documents, options, logger);
        var observed = ObservedBootReader.Read(documents, analysis.Machine);
        IReadOnlyList<LearnedFact> learned = [];
        if (options.Profile is null && options.Kernel is null && observed.KernelLog is { } log)
        {
            // The build's facts (struct and buffer sizes, CONFIG_ZONE_DEVICE), never an address, from the boot's own log:
            // the prediction is for the kernel that booted. A --profile or --kernel given by the user wins.
            // On top of the profile the pipeline chose (the architecture's, or the series' built-in one).
            // The messages at their document line numbers (lines before the boot left blank), so each fact names its line.
            var messages = new string[log.Lines.Count == 0 ? 0 : log.Lines[^1].Line];
            Array.Fill(messages, string.Empty);
            foreach (var l in log.Lines)
            {
                messages[l.Line - 1] = KernelLogLine.Message(l.Text);
            }

            var learning = ProfileLearner.Learn([new ProfileLog(log.Name, messages)], analysis.Profile);
            if (!learning.HasErrors && learning.Learned.Count > 0)
            {
                learned = learning.Learned;
                analysis = MachineAnalyzer.Analyze(name, documents, options with { Profile = learning.Profile with { Name = "learned from " + log.Name + " (build facts only)" } }, logger);
            }
        }

        var verification = Verify(analysis, observed);
        if (learned.Count > 0)
        {
            verification = verification with
            {
                Basis = [.. verification.Basis, .. learned.Where(f => f.Key != "kernel").Select(f => $"build fact {f.Key} = {f.Value}: learned from {f.Source}:{f.Line} (the boot's own log: a build fact, never an address)")],
            };
        }

        logger?.LogDebug("{Machine}: verified {Identical} identical, {Different} different, {NotComparable} not comparable", name,
            verification.Count(VerifyStatus.Identical), verification.Count(VerifyStatus.Different), verification.Count(VerifyStatus.NotComparable));
        return verification;
    }

    public static BootVerification Verify(MachineAnalysis analysis, ObservedBoot observed)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(observed);
        var basis = analysis.Machine.Facts.Select(f => $"{f.Subject}: {f.Origin.ToString().ToLowerInvariant()}, {f.Source} ({f.Detail})").ToList();
        basis.Add($"kernel target: {analysis.Kernel.Describe()}");
        if (observed.KernelLog is null)
        {
            return new BootVerification(analysis.Name, analysis.Kernel.Describe(), basis, [], analysis.Diagnostics,
                "no kernel log among the inputs: nothing to verify against (collect one with fwplan collect, or pass dmesg output)");
        }

        if (analysis.Prediction is not { } prediction)
        {
            return new BootVerification(analysis.Name, analysis.Kernel.Describe(), basis, [], analysis.Diagnostics,
                "no EFI memory map and no e820 table among the firmware inputs: nothing can be predicted");
        }

        if (KernelMismatch(analysis, observed.KernelLog) is { } mismatch)
        {
            return new BootVerification(analysis.Name, analysis.Kernel.Describe(), basis, [], analysis.Diagnostics, mismatch);
        }

        var context = new Context(analysis, prediction, observed, observed.KernelLog);
        var verdicts = VerifyGroups.All.Select(context.Verdict).ToArray();
        var unusable = verdicts.All(v => v.Status == VerifyStatus.NotComparable)
            ? "no group could be compared: " + string.Join("; ", verdicts.Select(v => v.Reason).Distinct().Take(3))
            : null;
        return new BootVerification(analysis.Name, analysis.Kernel.Describe(), basis, verdicts, analysis.Diagnostics, unusable);
    }

    /// <summary>
    /// A prediction for another kernel than the one that booted proves nothing: the log's banner must name a release the
    /// model has (4.18 on) and the prediction must be for that release.
    /// </summary>
    private static string? KernelMismatch(MachineAnalysis analysis, ObservedDocument log)
    {
        var banner = log.Lines.FirstOrDefault(l => l.Text.StartsWith("Linux version ", StringComparison.Ordinal));
        if (banner is null)
        {
            return null;
        }

        if (!Kernel.KernelRelease.TryParse(banner.Text, out var booted, out var why))
        {
            return $"the boot's kernel ({log.Name}:{banner.Line}) cannot be modelled: {why}";
        }

        var target = analysis.Kernel.Release;
        var sameSeries = booted.Major == target.Major && booted.Minor == target.Minor;
        var patchGiven = target.Text.Count(c => c == '.') >= 2;
        return sameSeries && (!patchGiven || booted.Patch == target.Patch) ? null
            : $"the prediction is for Linux {analysis.Kernel.Release} but {log.Name}:{banner.Line} booted {booted}: drop --kernel (or give the booted release)";
    }

    private sealed class Context(MachineAnalysis analysis, BootPrediction prediction, ObservedBoot observed, ObservedDocument log)
    {
        private readonly bool _fromBoot = log.Lines.Count > 0 && log.Lines[0].Text.StartsWith("Linux version ", StringComparison.Ordinal);

        public GroupVerdict Verdict(VerifyGroup group)
        {
            if (Echo(group) is { } echo)
            {
                return NotComparable(group, log.Name, echo);
            }

            if (Unpredictable(group) is { } why)
            {
                return NotComparable(group, null, why);
            }

            if (group is VerifyGroup.Zoneinfo or VerifyGroup.NodeStates && HotAdded() is { } rebuilt)
            {
                return NotComparable(group, log.Name, string.Create(CultureInfo.InvariantCulture,
                    $"memory was onlined after boot (the zonelists were rebuilt at {log.Name}:{rebuilt.Line}: memory hotplug): the sysfs and procfs state is no longer the boot's"));
            }

            return group switch
            {
                VerifyGroup.MemblockMemory when observed.DebugfsMemory is { } debugfs => Compare(group, debugfs.Name, debugfs.Lines.Where(l => l.Text.Trim().Length > 0).ToArray(),
                    BootMemblockText.DebugfsLines(prediction.MemblockAfterNuma, prediction.Inputs.Kernel.DebugfsShowsNodeAndFlags).ToArray()),
                VerifyGroup.MemblockReserved => NotComparable(group, observed.DebugfsReserved?.Name, observed.DebugfsReserved is null
                    ? "no debugfs memblock/reserved among the inputs"
                    : "the model places the large early allocations only (see plan); every small reservation of the full table is not predicted"),
                VerifyGroup.Zoneinfo => observed.Zoneinfo is { } z ? Compare(group, z.Name, ZoneinfoText.Lines(z), PredictedZoneinfo())
                    : NotComparable(group, null, "no /proc/zoneinfo among the inputs"),
                VerifyGroup.NodeStates => observed.NodeStates is { } s ? Compare(group, s.Name,
                        s.Lines.Where(l => l.Text.StartsWith("has_memory:", StringComparison.Ordinal) || l.Text.StartsWith("has_normal_memory:", StringComparison.Ordinal))
                            .Select(l => l with { Text = l.Text.TrimEnd() }).ToArray(), PredictedNodeStates())
                    : NotComparable(group, null, "no node states (/sys/devices/system/node) among the inputs"),
                _ => FromLog(group),
            };
        }

        private GroupVerdict FromLog(VerifyGroup group)
        {
            if (!_fromBoot)
            {
                return NotComparable(group, log.Name, "the kernel log does not start at boot (no Linux version banner first: the ring buffer wrapped or the log was cut)");
            }

            var kernel = KernelLogGroups.Extract(log.Lines, group);
            var predicted = Predicted(group);
            if (predicted is null)
            {
                return NotComparable(group, log.Name, "the placement plan could not be made for this machine");
            }

            if (Missing(group, kernel) is { } missing)
            {
                return NotComparable(group, log.Name, missing);
            }

            if (group is VerifyGroup.NodeData or VerifyGroup.MirrorFallback && UnsettledGbPages(group, predicted) is { } unsettled)
            {
                return NotComparable(group, log.Name, unsettled);
            }

            return Compare(group, log.Name, kernel, predicted);
        }

        /// <summary>The <c>efi: EFI vX.Y by VENDOR</c> line efi_systab_report_header() prints on every EFI boot.</summary>
        private ObservedLine? EfiBoot() => log.Lines.FirstOrDefault(l => l.Text.StartsWith("efi: EFI v", StringComparison.Ordinal));

        /// <summary>
        /// The second <c>Built N zonelists</c> line, if any: <c>build_all_zonelists()</c> runs again when onlining memory
        /// populates a zone for the first time (memory hot-added after boot), so zoneinfo then shows more than the boot built.
        /// </summary>
        private ObservedLine? HotAdded() =>
            log.Lines.Where(l => l.Text.StartsWith("Built ", StringComparison.Ordinal) && l.Text.Contains(" zonelists", StringComparison.Ordinal)).Skip(1).FirstOrDefault();

        /// <summary>
        /// Why the group cannot be compared although the kernel printed it or the model predicted it: the boot lacked a
        /// debug option, or it booted through EFI (<c>efi: EFI v…</c>) while the inputs have no EFI map, so the EFI lines
        /// and every early reservation the map decides (boot services, runtime regions) are unknown.
        /// </summary>
        private string? Missing(VerifyGroup group, IReadOnlyList<ObservedLine> kernel) => group switch
        {
            VerifyGroup.EfiMmio or VerifyGroup.MirrorSummary or VerifyGroup.EfiFakeMem or VerifyGroup.NodeData or VerifyGroup.MirrorFallback
                or VerifyGroup.MemblockAfterE820 or VerifyGroup.MemblockMemory when prediction.Inputs.EfiMap is null && EfiBoot() is { } efi =>
                $"the boot went through EFI ({log.Name}:{efi.Line}) but the inputs have no EFI memory map (boot with efi=debug, or give the binary map): the map's lines and reservations are unknown",
            VerifyGroup.EfiMemmap when kernel.Count == 0 => "the log has no efi: memNN lines (the boot was without efi=debug)",
            VerifyGroup.MemblockAfterE820 when prediction.Inputs.Arch == Kernel.BootArch.Arm64 =>
                "an x86 stage (the dump e820__memblock_setup() prints); arm64's first MEMBLOCK dump comes before reserve_regions() adds the EFI map",
            VerifyGroup.MemblockAfterE820 when KernelLogGroups.MemblockDumps(log.Lines) == 0 => "the log has no MEMBLOCK configuration: dump (the boot was without memblock=debug)",
            VerifyGroup.MemblockMemory when KernelLogGroups.MemblockDumps(log.Lines) < 2 =>
                "no debugfs memblock/memory among the inputs and the log has no MEMBLOCK configuration: dump after NUMA (memblock=debug)",
            _ => null,
        };

        /// <summary>The group was the model's input, read from this log: predicting it back proves nothing.</summary>
        private string? Echo(VerifyGroup group)
        {
            var machine = analysis.Machine;
            return group switch
            {
                VerifyGroup.EfiMemmap when machine.FirmwareEfiMap is { Form: EfiMapForm.KernelLog } m && m.Source == log.Name =>
                    "the EFI map input is this log's own first print (give the binary map or a UEFI Shell memmap to compare it)",
                VerifyGroup.E820 when prediction.Inputs.EfiMap is null && machine.FirmwareE820 is { Form: E820Form.KernelLog or E820Form.KernelLogLegacy } t && t.Source == log.Name =>
                    "the e820 input is this log's own BIOS-e820 table (give /sys/firmware/memmap to compare it)",
                VerifyGroup.NumaDistance when machine.Acpi is not { HasTables: true } && machine.Acpi?.Srat is null
                    && !(machine.LoggedAcpiTables is { } listed && !listed.Contains("SLIT", StringComparer.Ordinal)) =>
                    "no SLIT among the inputs (the NUMA layout comes from this log's own lines) while the log lists one, or lists no tables: its distances are unknown",
                VerifyGroup.Srat when machine.Acpi is { Srat: null, LoggedSrats.Count: > 0 } =>
                    "the SRAT input is this log's own SRAT lines (give the ACPI table to compare them)",
                _ => null,
            };
        }

        /// <summary>Why the model cannot predict the group from these inputs: its own notes, by their effect.</summary>
        private string? Unpredictable(VerifyGroup group)
        {
            if (prediction.Notes.FirstOrDefault(n => n.Effect == NoteEffect.NumaAssumed) is { } numa && group is VerifyGroup.Srat or VerifyGroup.Numa
                    or VerifyGroup.NumaDistance or VerifyGroup.InitmemSetup or VerifyGroup.EarlyNodeRanges or VerifyGroup.NodeData
                    or VerifyGroup.MemblockMemory or VerifyGroup.Zoneinfo or VerifyGroup.NodeStates or VerifyGroup.MovableZoneStart)
            {
                return "unpredictable from the inputs: " + numa.Message;
            }

            // A boot path the model does not have makes everything after the memory map unpredictable; caveats (AMD
            // northbridge NUMA, MTRR trimming, …) leave the lines standing: where the kernel took that path, they differ.
            if (prediction.Notes.FirstOrDefault(n => n.Effect == NoteEffect.BootPathNotModelled) is { } unmodelled
                && group is not (VerifyGroup.E820 or VerifyGroup.EfiMemmap or VerifyGroup.EfiMmio or VerifyGroup.EfiFakeMem or VerifyGroup.MirrorSummary or VerifyGroup.MemblockAfterE820))
            {
                return "unpredictable from the inputs: " + unmodelled.Message;
            }

            return null;
        }

        private string[]? Predicted(VerifyGroup group)
        {
            if (group is VerifyGroup.NodeData or VerifyGroup.MirrorFallback)
            {
                var plan = analysis.Plan([PlanPolicy.Linux]);
                if (plan is null || plan.Policies.Count == 0)
                {
                    return null;
                }

                return PlanLines(plan, group);
            }

            return group switch
            {
                VerifyGroup.E820 => prediction.Log.Group(BootLineGroup.BiosE820).ToArray(),
                VerifyGroup.EfiFakeMem => prediction.Log.Group(BootLineGroup.EfiFakeMem).ToArray(),
                VerifyGroup.EfiMemmap => prediction.Log.Group(BootLineGroup.EfiMemmap).ToArray(),
                VerifyGroup.EfiMmio => prediction.Log.Group(BootLineGroup.EfiMmio).ToArray(),
                VerifyGroup.MemblockAfterE820 => BootMemblockText.DumpLines(prediction.MemblockAfterE820).ToArray(),
                VerifyGroup.MirrorSummary => prediction.Log.Group(BootLineGroup.EfiMirror).ToArray(),
                VerifyGroup.Srat => prediction.Log.Group(BootLineGroup.Srat).ToArray(),
                VerifyGroup.Numa => prediction.Log.Group(BootLineGroup.Numa).Where(l => !KernelLogGroups.IsDistanceTableLine(l)).ToArray(),
                VerifyGroup.NumaDistance => prediction.Log.Group(BootLineGroup.Numa).Where(KernelLogGroups.IsDistanceTableLine).ToArray(),
                VerifyGroup.MemblockMemory => BootMemblockText.DumpLines(prediction.MemblockAfterNuma).ToArray(),
                VerifyGroup.KernelcoreMirror => prediction.Log.Group(BootLineGroup.KernelcoreMirror).ToArray(),
                VerifyGroup.ZoneRanges => prediction.Log.Group(BootLineGroup.ZoneRanges).ToArray(),
                VerifyGroup.MovableZoneStart => prediction.Log.Group(BootLineGroup.MovableZoneStart).ToArray(),
                VerifyGroup.EarlyNodeRanges => prediction.Log.Group(BootLineGroup.EarlyNodeRanges).ToArray(),
                VerifyGroup.InitmemSetup => prediction.Log.Group(BootLineGroup.InitmemSetup).ToArray(),
                _ => [],
            };
        }

        private static string[] PlanLines(PlacementPlan plan, VerifyGroup group)
        {
            var lines = plan.Policies[0].Run.KernelLines;
            return group == VerifyGroup.NodeData
                ? lines.Where(l => l.Contains("NODE_DATA(", StringComparison.Ordinal)).ToArray()
                : lines.Where(KernelLogGroups.IsMirrorFallback).ToArray();
        }

        /// <summary>
        /// The early allocations depend on whether the direct map uses 1 GiB pages (the page-table pages taken before
        /// NODE_DATA): when no input says (no /proc/meminfo) and the other answer changes the group's lines, it is
        /// not predictable from the inputs.
        /// </summary>
        private string? UnsettledGbPages(VerifyGroup group, string[] predicted)
        {
            if (analysis.Machine.DirectGbPages is not null || analysis.PlanAssuming(analysis.Profile with { GbPages = !analysis.Profile.GbPages }, [PlanPolicy.Linux]) is not { } other
                || PlanLines(other, group).SequenceEqual(predicted, StringComparer.Ordinal))
            {
                return null;
            }

            return "depends on whether the kernel maps RAM with 1 GiB pages (CPU GBPAGES, nogbpages), which no input says: give /proc/meminfo of the boot";
        }

        private IReadOnlyList<NodeZoneSpan> Spans()
        {
            if (prediction.Zones is not { } zones)
            {
                return [];
            }

            var online = prediction.Nodes.Where(n => !n.Span.IsMemoryless || n.Cpus.Count > 0).Select(n => n.Nid).Order().ToArray();
            return ZoneSpans.Compute(zones, prediction.MemblockAfterNuma, prediction.Options.KernelcoreMirror, prediction.Inputs.Kernel.ZoneDevice, online);
        }

        private string[] PredictedZoneinfo() => Spans().Select(s => ZoneinfoText.Line(s.Nid, s.Zone, s.Populated ? s.StartPfn : null, s.Spanned, s.Present)).ToArray();

        private string[] PredictedNodeStates()
        {
            var (memory, normal) = ZoneSpans.NodeStates(Spans());
            return ["has_memory: " + KernelFormat.BitmapList(memory), "has_normal_memory: " + KernelFormat.BitmapList(normal)];
        }

        private static GroupVerdict Compare(VerifyGroup group, string source, IReadOnlyList<ObservedLine> kernel, string[] predicted)
        {
            var same = kernel.Count == predicted.Length && kernel.Select(k => k.Text).SequenceEqual(predicted, StringComparer.Ordinal);
            if (same && predicted.Length == 0)
            {
                return new GroupVerdict(group, VerifyStatus.Identical, source, kernel, predicted, [], "neither the kernel nor the model printed any line");
            }

            return same
                ? new GroupVerdict(group, VerifyStatus.Identical, source, kernel, predicted, [], null)
                : new GroupVerdict(group, VerifyStatus.Different, source, kernel, predicted, LineDiff.Compute(kernel, predicted), null);
        }

        private static GroupVerdict NotComparable(VerifyGroup group, string? source, string reason) =>
            new(group, VerifyStatus.NotComparable, source, [], [], [], reason);
    }
}
