using System.Text;
using FirmwarePlanner.Checks;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Reports;

/// <summary>Renders <c>docs/rules.md</c> from <see cref="CheckRules"/> and <see cref="DiagnosticCatalog"/> (a test keeps the file current).</summary>
public static class RulesDocument
{
    public static string Render()
    {
        var sb = new StringBuilder();
        sb.Append("# fwplan check rules\n\n");
        sb.Append("Generated from `src/FirmwarePlanner/Checks/CheckRules.cs` and the readers' diagnostic catalogues; do not edit by hand\n");
        sb.Append("(`UPDATE_SNAPSHOTS=1 dotnet test --filter RulesDocumentTests` regenerates it). IDs are stable: never renumbered or reused.\n");
        sb.Append("Severities can be changed and findings waived with `--config` (see the README).\n\n");
        sb.Append("## Check rules (FP7xxx)\n\n");
        foreach (var r in CheckRules.All)
        {
            var pending = Checker.Pending.Contains(r);
            sb.Append("### ").Append(r.Id).Append(" — ").Append(r.Name).Append("\n\n");
            sb.Append("- Default severity: ").Append(Diagnostic.SeverityName(r.DefaultSeverity)).Append('\n');
            sb.Append("- Needs: ").Append(Needs(r.Needs)).Append('\n');
            if (pending)
            {
                sb.Append("- Status: **not yet evaluated** — ").Append(Checker.Describe(r.Needs & CheckRules.Unavailable))
                  .Append("; every report lists it under \"not evaluated\".\n");
            }

            sb.Append("- Checks: ").Append(r.Checks).Append('\n');
            sb.Append("- Why it matters: ").Append(r.Why).Append('\n');
            sb.Append("- Linux message: ").Append(r.LinuxMessage is { } l ? "`" + l + "`" : "none (Linux is silent)").Append("\n\n");
        }

        var readers = DiagnosticCatalog.All.Where(d => CheckRules.Find(d.Id) is null).ToArray();
        sb.Append("## Reader diagnostics (become findings under their own IDs)\n\n");
        if (readers.Length == 0)
        {
            sb.Append("None registered in this build.\n");
        }
        else
        {
            sb.Append("| ID | default severity | title | meaning |\n|---|---|---|---|\n");
            foreach (var d in readers)
            {
                sb.Append("| ").Append(d.Id).Append(" | ").Append(Diagnostic.SeverityName(d.DefaultSeverity)).Append(" | ")
                  .Append(Cell(d.Title)).Append(" | ").Append(Cell(d.Description)).Append(" |\n");
            }
        }

        return sb.ToString();
    }

    private static string Needs(CheckInput needs)
    {
        var parts = new List<string>();
        if (needs.HasFlag(CheckInput.EfiMap))
        {
            parts.Add("EFI memory map");
        }

        if (needs.HasFlag(CheckInput.Srat))
        {
            parts.Add("SRAT");
        }

        if (needs.HasFlag(CheckInput.CommandLine))
        {
            parts.Add("kernel command line");
        }

        if (needs.HasFlag(CheckInput.Plan))
        {
            parts.Add("early-allocation plan");
        }

        return string.Join(", ", parts);
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
