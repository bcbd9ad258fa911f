using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Kernel;
using FirmwarePlanner.Linux;
using FirmwarePlanner.Planning;

namespace FirmwarePlanner.Pipeline;

/// <summary>
/// One machine through the pipeline every verb runs: the machine model, the kernel target, the boot model's inputs
/// and prediction (null when the documents give no memory map), and the build profile the planner sizes with. The
/// placement plan is made on demand (<see cref="Plan"/>) and kept.
/// </summary>
public sealed record MachineAnalysis(
    string Name,
    Machine Machine,
    KernelTarget Kernel,
    BootInputs BootInputs,
    BootPrediction? Prediction,
    PlanningProfile Profile,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    private readonly Dictionary<string, PlacementPlan> _plans = new(StringComparer.Ordinal);

    /// <summary>The command line the model boots with (the option, else a command-line file, else a log's).</summary>
    public string CommandLine => BootInputs.CommandLine.Text;

    /// <summary>The planner's view of the machine (nodes, RAM, mirror, CPUs, the memblock state before the early allocations); null without a prediction.</summary>
    public PlanningMachine? PlanningMachine => Prediction is { } p ? _planning ??= PlanningMachineFor(p) : null;

    private PlanningMachine? _planning;

    /// <summary>The placement plan under the given policies (computed once per policy set and critical workload list).</summary>
    public PlacementPlan? Plan(IReadOnlyList<PlanPolicy> policies, IReadOnlyList<CriticalWorkload>? critical = null)
    {
        ArgumentNullException.ThrowIfNull(policies);
        if (PlanningMachine is not { } machine)
        {
            return null;
        }

        var key = string.Join(',', policies) + "|" + string.Join(',', (critical ?? []).Select(c => c.ToString()));
        lock (_plans)
        {
            if (!_plans.TryGetValue(key, out var plan))
            {
                plan = PlacementPlanner.Plan(machine, Profile, policies, critical, Diagnostics.Where(d => d.Severity == Severity.Error).ToArray());
                _plans[key] = plan;
            }

            return plan;
        }
    }

    /// <summary>
    /// The plan under another build profile (not kept): what the plan would be if a fact the inputs do not settle were
    /// otherwise, so a caller can tell whether it matters.
    /// </summary>
    public PlacementPlan? PlanAssuming(PlanningProfile profile, IReadOnlyList<PlanPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(policies);
        return Prediction is { } p
            ? PlacementPlanner.Plan(PlanningMachineFor(p, profile), profile, policies, null, Diagnostics.Where(d => d.Severity == Severity.Error).ToArray())
            : null;
    }

    private PlanningMachine PlanningMachineFor(BootPrediction prediction, PlanningProfile? profile = null)
    {
        var ram = prediction.MemblockAfterNuma.Aggregate(0UL, (a, r) => a + r.Size);
        var cmd = PlanCommandLine.Parse(CommandLine, ram);
        return PlanningMachineFactory.FromBoot(prediction, cmd, profile ?? Profile, Name);
    }
}
