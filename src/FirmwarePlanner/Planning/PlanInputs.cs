using FirmwarePlanner.E820;
using FirmwarePlanner.Acpi.Input;
using FirmwarePlanner.Acpi.Slit;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Efi;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Linux;
using FirmwarePlanner.Numa;

namespace FirmwarePlanner.Planning;

/// <summary>
/// From one machine's documents to a <see cref="PlanningMachine"/>: the EFI map and command line through
/// <see cref="InputSetReader"/>, SRAT/SLIT through the ACPI readers, the x86-64 boot model, then
/// <see cref="PlanningMachineFactory"/>. Returns null (with an error diagnostic) when there is no memory map.
/// </summary>
public static class PlanInputs
{
    public static (PlanningMachine? Machine, IReadOnlyList<Diagnostic> Diagnostics) Assemble(
        IReadOnlyList<InputDocument> documents, string? commandLineOverride, PlanningProfile profile, string name)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(profile);
        var inputs = InputSetReader.Read(documents, InputOptions.Default);
        var diags = new List<Diagnostic>(inputs.Diagnostics.Where(d => d.Severity == Severity.Error));
        if (inputs.PrimaryEfiMap is null && inputs.FirmwareE820 is null)
        {
            diags.Add(PlanningDiagnostics.AllocationFailed.At(SourceLocation.Whole(name), Severity.Error,
                "no EFI memory map and no e820 table in the inputs: nothing to plan"));
            return (null, diags);
        }

        NumaFirmwareInfo? numa = null;
        foreach (var doc in documents)
        {
            var set = AcpiInputReader.Read(doc.Content, doc.Name);
            var sratTable = set.WithSignature("SRAT").FirstOrDefault();
            if (sratTable is null)
            {
                continue;
            }

            var srat = SratParser.Parse(sratTable);
            var slitTable = set.WithSignature("SLIT").FirstOrDefault()
                ?? documents.Select(d => AcpiInputReader.Read(d.Content, d.Name).WithSignature("SLIT").FirstOrDefault()).FirstOrDefault(t => t is not null);
            var slit = slitTable is null ? null : SlitParser.Parse(slitTable).Table;
            if (srat.Table is not null)
            {
                numa = LinuxSratReader.Read(srat.Table, slit).Info;
                break;
            }
        }

        var text = commandLineOverride ?? inputs.CommandLine?.Text ?? string.Empty;
        var e820 = inputs.FirmwareE820?.Entries;
        return (FromTables(inputs.PrimaryEfiMap, e820, numa, text, profile, name), diags);
    }

    /// <summary>
    /// The planning machine for tables already read: the EFI map (or, without one, the firmware e820 table), Linux's
    /// reading of SRAT (null: no SRAT, one node as Linux fakes it) and the command line, through the x86-64 boot model.
    /// </summary>
    public static PlanningMachine FromTables(EfiMemoryMap? efiMap, IReadOnlyList<E820Entry>? e820, NumaFirmwareInfo? numa,
        string commandLine, PlanningProfile profile, string name)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(profile);
        var kernel = KernelProfile.Find(profile.Kernel.ToString()) ?? (profile.Kernel.Major >= 7 ? KernelProfile.Linux72 : KernelProfile.Linux612);
        var boot = BootModel.Run(new BootInputs(efiMap, e820, numa, numa is not null,
            BootCommandLine.Parse(commandLine), kernel));
        var ram = boot.MemblockAfterNuma.Aggregate(0UL, (a, r) => a + r.Size);
        var cmd = PlanCommandLine.Parse(commandLine, ram);
        return PlanningMachineFactory.FromBoot(boot, cmd, profile, name);
    }
}
