using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Checks;

/// <summary>
/// A waiver: findings of <paramref name="Rule"/> whose scope matches <paramref name="Scope"/> (exact, <c>*</c> for any,
/// or a prefix ending in <c>*</c>) are shown as waived with <paramref name="Reason"/> and never fail the check.
/// </summary>
public sealed record Waiver(string Rule, string Scope, string Reason)
{
    public bool Covers(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (!string.Equals(Rule, finding.RuleId, StringComparison.Ordinal))
        {
            return false;
        }

        return Scope == "*" || (Scope.EndsWith('*') ? finding.Scope.StartsWith(Scope[..^1], StringComparison.Ordinal)
            : string.Equals(Scope, finding.Scope, StringComparison.Ordinal));
    }
}

/// <summary>
/// What a configuration file (<c>--config</c>, JSON) changes: per-rule severities (<c>null</c> turns a rule off),
/// thresholds, and waivers. <see cref="Default"/> is the behaviour without a file.
/// </summary>
public sealed record CheckConfig(
    IReadOnlyDictionary<string, Severity?> Severities,
    double MirrorProportionTolerance,
    ulong UncoveredRamThresholdBytes,
    IReadOnlyList<Waiver> Waivers)
{
    public const int SchemaVersion = 1;

    public static CheckConfig Default { get; } = new(new Dictionary<string, Severity?>(StringComparer.Ordinal), 0.5, 1UL << 20, []);

    /// <summary>The configured severity of a rule, its default otherwise; null when the rule is turned off.</summary>
    public Severity? SeverityOf(string ruleId, Severity defaultSeverity) =>
        Severities.TryGetValue(ruleId, out var s) ? s : defaultSeverity;
}
