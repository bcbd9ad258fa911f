using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Checks;

/// <summary>Every diagnostic the library can emit, by domain. Add a domain's <c>All</c> list here.</summary>
public static class DiagnosticCatalog
{
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = Build();

    public static DiagnosticDescriptor? Find(string id) => All.FirstOrDefault(d => d.Id == id);

    private static DiagnosticDescriptor[] Build()
    {
        IEnumerable<DiagnosticDescriptor> all =
        [
            // Each domain appends its list on its own line, e.g. `.. EfiDiagnostics.All,`
            .. Efi.EfiDiagnostics.All,
            .. E820.E820Diagnostics.All,
            .. Inputs.InputDiagnostics.All,
            .. FirmwarePlanner.Memblock.MemblockDiagnostics.All,
            .. Acpi.AcpiDiagnostics.All,
            .. Acpi.Srat.SratDiagnostics.All,
            .. Acpi.Slit.SlitDiagnostics.All,
            .. FirmwarePlanner.Planning.PlanningDiagnostics.All,
            .. Checks.CheckRules.Descriptors,
        ];
        return all.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
    }
}
