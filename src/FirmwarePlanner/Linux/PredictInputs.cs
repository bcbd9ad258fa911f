using FirmwarePlanner.Acpi.Input;
using FirmwarePlanner.Acpi.Slit;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Numa;

namespace FirmwarePlanner.Linux;

/// <summary>What the user asked for on top of the documents: kernel, architecture and an explicit command line.</summary>
public sealed record PredictRequest(string? Kernel, BootArch? Arch, string? CommandLine);

/// <summary>The boot model's inputs assembled from documents, with every reader's diagnostics.</summary>
public sealed record AssembledInputs(BootInputs Inputs, LinuxSratReading? Srat, MachineInputs Machine, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Sorts a machine's documents into the boot model's inputs: ACPI tables (binary, acpidump, iasl) go to the ACPI
/// readers and Linux's SRAT reading; everything else to the shared input layer (EFI maps, e820, command lines,
/// kernel logs). The command line comes from the request, else a command-line file, else a log's
/// <c>Command line:</c>; the kernel from the request, else a log's <c>Linux version</c> banner, else 6.12.
/// </summary>
public static class PredictInputs
{
    public static AssembledInputs Assemble(IReadOnlyList<InputDocument> documents, PredictRequest request)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(request);
        var acpiDocs = new List<InputDocument>();
        var otherDocs = new List<InputDocument>();
        foreach (var d in documents)
        {
            (AcpiInputReader.Detect(d.Content.Span) == AcpiInputKind.None ? otherDocs : acpiDocs).Add(d);
        }

        var diagnostics = new List<Diagnostic>();
        var machine = InputSetReader.Read(otherDocs, InputOptions.Default);
        diagnostics.AddRange(machine.Diagnostics);

        SratTable? srat = null;
        SlitTable? slit = null;
        foreach (var d in acpiDocs)
        {
            var set = AcpiInputReader.Read(d.Content, d.Name);
            diagnostics.AddRange(set.Diagnostics);
            foreach (var t in set.WithSignature("SRAT"))
            {
                var r = SratParser.Parse(t);
                diagnostics.AddRange(r.Diagnostics);
                srat ??= r.Table;
            }

            foreach (var t in set.WithSignature("SLIT"))
            {
                var r = SlitParser.Parse(t);
                slit ??= r.Table;
            }
        }

        var profile = (request.Kernel is { } k ? KernelProfile.Find(k) : null)
            ?? BannerProfile(otherDocs)
            ?? KernelProfile.Linux612;
        var arch = request.Arch ?? BootArch.X64;
        LinuxSratReading? reading = null;
        if (srat is not null)
        {
            reading = LinuxSratReader.Read(srat, slit, LinuxNumaOptions.Default with
            {
                Architecture = arch == BootArch.Arm64 ? KernelArchitecture.Arm64 : KernelArchitecture.X86,
            });
        }

        var cmdline = request.CommandLine ?? machine.CommandLine?.Text ?? string.Empty;
        var e820 = machine.FirmwareE820?.Entries;
        var inputs = new BootInputs(machine.PrimaryEfiMap, e820, reading?.Info, acpiDocs.Count > 0, BootCommandLine.Parse(cmdline), profile, arch)
        {
            SratLines = reading?.Lines.Where(l => l.Level != KernelMessageLevel.Debug).Select(l => l.Text).ToArray(),
        };
        return new AssembledInputs(inputs, reading, machine, diagnostics);
    }

    private static KernelProfile? BannerProfile(IEnumerable<InputDocument> docs)
    {
        foreach (var d in docs)
        {
            var text = System.Text.Encoding.UTF8.GetString(d.Content.Span[..Math.Min(d.Content.Length, 1 << 16)]);
            var at = text.IndexOf("Linux version ", StringComparison.Ordinal);
            if (at >= 0 && KernelProfile.FromBanner(text[at..Math.Min(text.Length, at + 40)]) is { } p)
            {
                return p;
            }
        }

        return null;
    }
}
