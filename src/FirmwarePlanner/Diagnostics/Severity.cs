namespace FirmwarePlanner.Diagnostics;

/// <summary>How bad a diagnostic is. Ordered: a larger value is worse.</summary>
public enum Severity
{
    /// <summary>Worth knowing; never a reason to fail.</summary>
    Note = 0,

    /// <summary>The input is usable, but something is off (a finding).</summary>
    Warning = 1,

    /// <summary>The input, or part of it, cannot be used as given.</summary>
    Error = 2,
}
