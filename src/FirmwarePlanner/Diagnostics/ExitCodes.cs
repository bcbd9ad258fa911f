namespace FirmwarePlanner.Diagnostics;

/// <summary>The process exit codes every verb uses.</summary>
public static class ExitCodes
{
    /// <summary>Nothing at or above the failure threshold.</summary>
    public const int Ok = 0;

    /// <summary>Findings at or above the failure threshold.</summary>
    public const int Findings = 1;

    /// <summary>Unusable input, or a usage error.</summary>
    public const int Unusable = 2;

    /// <summary>Error diagnostics make the input unusable (2); warnings are findings (1); notes are fine.</summary>
    public static int FromDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        var worst = Severity.Note;
        var any = false;
        foreach (var d in diagnostics)
        {
            any = true;
            if (d.Severity > worst)
            {
                worst = d.Severity;
            }
        }

        return !any ? Ok : worst switch
        {
            Severity.Error => Unusable,
            Severity.Warning => Findings,
            _ => Ok,
        };
    }
}
