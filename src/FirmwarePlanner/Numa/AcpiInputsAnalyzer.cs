using FirmwarePlanner.Kernel;
using System.Globalization;
using FirmwarePlanner.Acpi.Input;
using FirmwarePlanner.Acpi.Slit;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Acpi;

namespace FirmwarePlanner.Numa;

/// <summary>
/// Turns the tables and logged SRAT lines of one machine into <see cref="AcpiInputs"/>: picks the first SRAT and
/// SLIT (Linux reads instance 0), decodes and validates every SRAT, reports SRATs whose bytes differ from the
/// first, and reads the chosen one as Linux would. The same table given twice (a bundle with both
/// <c>SRAT.bin</c> and an acpidump) is not a finding.
/// </summary>
public static class AcpiInputsAnalyzer
{
    public static AcpiInputs Analyze(IReadOnlyList<AcpiTableSet> sets, IReadOnlyList<LinuxSratReading> logged, LinuxNumaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(logged);
        options ??= LinuxNumaOptions.Default;
        var bag = new DiagnosticBag();
        var srats = sets.SelectMany(s => s.WithSignature(SratLayout.Signature)).ToList();
        var slits = sets.SelectMany(s => s.WithSignature(SlitLayout.Signature)).ToList();
        var (first, firstReading) = srats.Count > 0 ? LinuxSratValidation.ParseAndRead(srats[0], options) : (null, null);
        var others = new List<SratParseResult>();
        foreach (var other in srats.Skip(1).Where(t => !SameBytes(t, srats[0])))
        {
            bag.Report(AcpiDiagnostics.MultipleTables, SourceLocation.AtOffset(other.Source, 0), string.Create(CultureInfo.InvariantCulture,
                $"a second, different SRAT ({other.Bytes.Length} bytes) besides {srats[0].Source} ({srats[0].Bytes.Length} bytes); Linux reads only the first the firmware lists"));
            others.Add(LinuxSratValidation.Parse(other, options));
        }

        var slit = slits.Count > 0 ? SlitParser.Parse(slits[0]) : null;
        foreach (var other in slits.Skip(1).Where(t => !SameBytes(t, slits[0])))
        {
            bag.Report(AcpiDiagnostics.MultipleTables, SourceLocation.AtOffset(other.Source, 0), $"a second, different SLIT besides {slits[0].Source}");
        }

        if (first is not null)
        {
            bag.AddRange(first.Diagnostics);
        }

        foreach (var o in others)
        {
            bag.AddRange(o.Diagnostics);
        }

        if (slit is not null)
        {
            bag.AddRange(slit.Diagnostics);
        }

        LinuxSratReading? linux = null;
        if (firstReading is not null)
        {
            linux = LinuxSratReader.WithSlit(firstReading, slit?.Table);
            CheckSlitCoversDomains(linux.Info, slit?.Table, bag);
        }
        else if (logged.Count > 0)
        {
            linux = logged[0];
        }

        if (first?.Table is null && logged.Count > 0)
        {
            bag.AddRange(logged[0].Diagnostics); // the partial-SRAT note matters only when no table is there
        }

        if (srats.Count == 0 && sets.Any(s => s.Tables.Length > 0))
        {
            var where = sets.First(s => s.Tables.Length > 0).Source;
            bag.Report(AcpiDiagnostics.NoSrat, SourceLocation.Whole(where),
                logged.Count > 0 ? "no SRAT among the ACPI tables; the kernel log's SRAT lines are used" : "no SRAT among the ACPI tables: Linux will fake a single node");
        }

        return new AcpiInputs(sets, first, others, slit, linux, logged, bag.ToList());
    }

    /// <summary>
    /// SLIT is indexed by PXM: every PXM Linux maps to a node (from an enabled entry it accepted) should be below the
    /// locality count, or <c>acpi_numa_slit_init()</c> leaves that node's distances at the defaults. Disabled entries
    /// are not mapped, so their PXMs do not count.
    /// </summary>
    private static void CheckSlitCoversDomains(NumaFirmwareInfo linux, SlitTable? slit, DiagnosticBag bag)
    {
        if (slit is null)
        {
            return;
        }

        // One pass, no array: a table can map tens of thousands of CPUs.
        long max = -1;
        foreach (var b in linux.MemoryBlocks)
        {
            max = Math.Max(max, b.Pxm);
        }

        foreach (var c in linux.Cpus)
        {
            max = Math.Max(max, c.Pxm);
        }

        if (max >= 0 && (ulong)max >= slit.LocalityCount)
        {
            bag.Report(SlitDiagnostics.FewerLocalitiesThanDomains, SourceLocation.AtOffset(slit.Table.Source, SlitLayout.LocalityCount),
                string.Create(CultureInfo.InvariantCulture, $"SLIT has {slit.LocalityCount} localities, Linux maps PXM {max} from an enabled SRAT entry"));
        }
    }

    private static bool SameBytes(AcpiTable a, AcpiTable b) => a.Bytes.Span.SequenceEqual(b.Bytes.Span);
}
