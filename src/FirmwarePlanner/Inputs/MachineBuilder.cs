using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.E820;
using FirmwarePlanner.Efi;

namespace FirmwarePlanner.Inputs;

/// <summary>Collects what readers produce for one input set; <see cref="MachineReader"/> turns it into a <see cref="Machine"/>.</summary>
public sealed class MachineBuilder
{
    public List<EfiMemoryMap> EfiMaps { get; } = [];

    public List<E820Table> E820Tables { get; } = [];

    public List<KernelCommandLine> CommandLines { get; } = [];

    public List<LoggedMirrorSummary> LoggedMirrorSummaries { get; } = [];

    public List<IomemResource> Iomem { get; } = [];

    public DiagnosticBag Diagnostics { get; } = new();

    /// <summary>ACPI tables, one set per document that held any.</summary>
    public List<Acpi.Input.AcpiTableSet> AcpiTableSets { get; } = [];

    /// <summary>SRAT readings rebuilt from kernel-log SRAT lines (partial), one per log that had them.</summary>
    public List<Numa.LinuxSratReading> SratLogs { get; } = [];

    /// <summary><c>Linux version</c> banners, one per log that had one.</summary>
    public List<LoggedKernelBanner> KernelBanners { get; } = [];

    /// <summary>Zone names of each log's first <c>Zone ranges:</c> block.</summary>
    public List<IReadOnlyList<string>> LoggedZoneNames { get; } = [];

    /// <summary>The ACPI table signatures each kernel log listed at boot, with the log's name.</summary>
    public List<(IReadOnlyList<string> Signatures, string Source)> LoggedAcpiTables { get; } = [];

    public List<LoggedBootArch> LoggedArchs { get; } = [];

    /// <summary>Binary map metadata read in pass 0 (<c>descriptorSize</c>/<c>descriptorVersion</c> JSON), if any.</summary>
    public EfiMapMetadata? MapMetadata { get; set; }

    /// <summary>Whether the booted kernel mapped RAM with 1 GiB pages, from <c>/proc/meminfo</c> (first document wins).</summary>
    public List<(bool Value, MachineFact Fact)> DirectGbPages { get; } = [];
}
