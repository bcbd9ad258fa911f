namespace FirmwarePlanner.Planning;

/// <summary>
/// One node under one policy. Early memory is attributed to the node it was asked for (NUMA_NO_NODE requests: the
/// node it landed on). <see cref="MirrorLeft"/> is this node's mirror not taken by early allocations (whoever they
/// were for); <see cref="ZoneMovable"/> the memory only movable (user) allocations can use afterwards.
/// <see cref="MinMirror"/> is the least mirror for no spill (the node's early need, nothing more);
/// <see cref="RecommendedMirror"/> adds <see cref="Headroom"/> for the running kernel (and, tiered, the declared
/// critical memory) and rounds up to the profile's mirror granularity.
/// </summary>
public sealed record NodePlan(
    int Node,
    ulong Ram,
    ulong Mirrored,
    ulong EarlyNeed,
    ulong PlacedInMirror,
    ulong Spilled,
    ulong Unplaced,
    ulong MirrorLeft,
    ulong ZoneMovable,
    ulong CriticalDeclared,
    ulong CriticalInMirror,
    ulong CriticalSpilled,
    ulong Headroom,
    ulong MinMirror,
    ulong RecommendedMirror);

/// <summary>One policy's outcome: the allocations as placed, what the kernel printed, the per-node table and findings.</summary>
public sealed record PolicyPlan(PlanPolicy Policy, string Semantics, PlacementRun Run, IReadOnlyList<NodePlan> Nodes, IReadOnlyList<string> Findings);

/// <summary>The whole plan: machine summary, the profile used, each requested policy, and input diagnostics.</summary>
public sealed record PlacementPlan(
    string Machine,
    PlanningProfile Profile,
    string CommandLine,
    IReadOnlyList<PolicyPlan> Policies,
    IReadOnlyList<CriticalWorkload> Critical,
    IReadOnlyList<FirmwarePlanner.Diagnostics.Diagnostic> Diagnostics);
