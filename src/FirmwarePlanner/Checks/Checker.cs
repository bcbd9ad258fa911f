using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Pipeline;
using Microsoft.Extensions.Logging;

namespace FirmwarePlanner.Checks;

/// <summary>
/// Runs every rule of <see cref="CheckRules"/> whose inputs are present, turns the readers' diagnostics into
/// findings, applies the configuration (severities, waivers) and sorts the result. Pure: same subject and
/// configuration, same report.
/// </summary>
public static class Checker
{
    private static readonly (CheckRule Rule, Func<RuleContext, IEnumerable<Finding>> Evaluate)[] Evaluators =
    [
        (CheckRules.KernelcoreMirrorWithoutMirror, MirrorRules.KernelcoreWithoutMirror),
        (CheckRules.NodeWithoutMirrorUnderKernelcore, c => MirrorRules.NodeWithoutMirror(c, underKernelcore: true)),
        (CheckRules.NodeWithoutMirror, c => MirrorRules.NodeWithoutMirror(c, underKernelcore: false)),
        (CheckRules.MirrorBelowEarlyNeed, PlanRules.MirrorBelowEarlyNeed),
        (CheckRules.UnmirroredBelow4G, MirrorRules.UnmirroredBelow4G),
        (CheckRules.MirrorNotProportional, MirrorRules.NotProportional),
        (CheckRules.MirrorOnNonRam, EfiMapRules.MirrorOnNonRam),
        (CheckRules.RuntimeOutsideMirror, EfiMapRules.RuntimeOutsideMirror),
        (CheckRules.KernelOnHotpluggable, HotplugRules.KernelOnHotpluggable),
        (CheckRules.EarlyAllocationsOnHotpluggable, HotplugRules.EarlyOnHotpluggable),
        (CheckRules.MovableNodeOverridesMirror, HotplugRules.MovableNodeOverridesMirror),
        (CheckRules.CrashkernelWithMirror, HotplugRules.CrashkernelWithMirror),
        (CheckRules.SratCoverage, NumaRules.Coverage),
    ];

    /// <summary>Rules of the catalogue that no evaluator implements yet (their input is not produced by this build).</summary>
    public static IReadOnlyList<CheckRule> Pending { get; } =
        CheckRules.All.Where(r => Evaluators.All(e => e.Rule != r)).ToArray();

    /// <summary>The whole check of one machine: its documents through the pipeline, then every rule.</summary>
    public static CheckReport Check(string name, IReadOnlyList<InputDocument> documents, AnalysisOptions options, CheckConfig? config = null,
        Severity failOn = Severity.Warning, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The rules read the model, never the predicted kernel lines: none are formatted.
        var analysis = MachineAnalyzer.Analyze(name, documents, options, logger, kernelLines: false);
        var report = Run(CheckSubjects.From(analysis, options.CommandLine is not null), config, failOn);
        logger?.LogDebug("{Machine}: {Verdict} ({Findings} finding(s), {NotEvaluated} rule(s) not evaluated)", name,
            CheckReport.VerdictName(report.Verdict), report.Findings.Count, report.NotEvaluated.Count);
        return report;
    }

    public static CheckReport Run(CheckSubject subject, CheckConfig? config = null, Severity failOn = Severity.Warning)
    {
        ArgumentNullException.ThrowIfNull(subject);
        config ??= CheckConfig.Default;
        var layout = subject.Analysis.Prediction is { } prediction ? MemoryLayout.FromPrediction(prediction) : null;
        var context = new RuleContext(subject, layout, config);
        var available = subject.Available;
        var findings = new List<Finding>();
        var notEvaluated = new List<NotEvaluated>();
        var disabled = new List<string>();

        foreach (var rule in CheckRules.All)
        {
            if (config.SeverityOf(rule.Id, rule.DefaultSeverity) is null)
            {
                disabled.Add(rule.Id);
                continue;
            }

            var missing = rule.Needs & ~available;
            var evaluator = Evaluators.FirstOrDefault(e => e.Rule == rule).Evaluate;
            if (missing != CheckInput.None || evaluator is null)
            {
                notEvaluated.Add(new NotEvaluated(rule.Id, Describe(missing == CheckInput.None ? rule.Needs & CheckRules.Unavailable : missing)));
                continue;
            }

            findings.AddRange(evaluator(context));
        }

        findings.AddRange(subject.InputDiagnostics.Select(FromDiagnostic));
        var final = findings
            .Select(f => Configure(f, config))
            .OfType<Finding>()
            .ToList();
        final.Sort(Finding.Compare);
        return new CheckReport(subject, layout, final, notEvaluated, failOn, disabled) { Plan = context.LinuxPlanIfComputed };
    }

    /// <summary>A reader's diagnostic as a finding under its own ID, scoped to its input.</summary>
    public static Finding FromDiagnostic(Diagnostic d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new Finding(d.Code, d.Severity, d.Location.Source, d.Message, null, d.Location);
    }

    private static Finding? Configure(Finding f, CheckConfig config)
    {
        var severity = config.Severities.TryGetValue(f.RuleId, out var s) ? s : f.Severity;
        if (severity is null)
        {
            return null;
        }

        var waiver = config.Waivers.FirstOrDefault(w => w.Covers(f));
        return f with { Severity = severity.Value, WaiverReason = waiver?.Reason };
    }

    public static string Describe(CheckInput missing)
    {
        var parts = new List<string>();
        if (missing.HasFlag(CheckInput.EfiMap))
        {
            parts.Add("no EFI memory map");
        }

        if (missing.HasFlag(CheckInput.Srat))
        {
            parts.Add("no SRAT");
        }

        if (missing.HasFlag(CheckInput.CommandLine))
        {
            parts.Add("no kernel command line");
        }

        if (missing.HasFlag(CheckInput.Plan))
        {
            parts.Add("the early-allocation planner is not available in this build");
        }

        return string.Join("; ", parts);
    }
}
