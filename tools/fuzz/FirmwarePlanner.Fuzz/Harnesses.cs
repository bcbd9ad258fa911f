using FirmwarePlanner.Inputs.Archives;
using FirmwarePlanner.Checks;
using FirmwarePlanner.Cli;
using FirmwarePlanner.Fleet;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Memblock.Scripting;
using FirmwarePlanner.Planning;

namespace FirmwarePlanner.Tools.Fuzz;

/// <summary>
/// Every fuzz harness: one per reader the input layer dispatches to, one per settings reader, the tar layer, and one
/// per verb end to end on a file. A harness throws <see cref="HarnessFailureException"/> (or lets a reader's exception out) when
/// the contract breaks: a reader must not throw, and no verb may end on the internal-error path (exit 3). Shared by
/// the AFL++ program (<c>tools/fuzz/FirmwarePlanner.Fuzz</c>) and the CI replay of the saved corpus (the tests link
/// this file). Seeds are globs under <c>fixtures/</c>.
/// </summary>
public static class Harnesses
{
    /// <summary>One harness: its name, the fixture globs that seed it, and what it does with one input.</summary>
    public sealed record Harness(string Name, bool Verb, string[] Seeds, Action<byte[]> Run);

    // Nothing of FirmwarePlanner runs before a harness's first input: under afl-fuzz the instrumented assemblies may
    // touch AFL's coverage map only once SharpFuzz has set it up, so readers and documents are made on first use.

    /// <summary>The metadata a binary map is read with (the qemu captures' 48-byte version-1 descriptors).</summary>
    private static readonly byte[] BinMetadata = """{ "descriptorSize": 48, "descriptorVersion": 1 }"""u8.ToArray();

    private static readonly string[] VerbSeeds =
    [
        "uefi-shell-memmap--*.txt", "srat-bin--qemu-q35-*.bin", "dmesg-excerpt--fujitsu-*.txt", "qemu/e-pc-2node-612/efi-memmap.txt",
        "proc-iomem--intel-desktop-*.txt", "hostile/*",
    ];

    public static IReadOnlyList<Harness> All { get; } =
    [
        Reader("efi-binary", () => new EfiBinaryInputReader(), ["qemu/*-bin/efi-memmap.bin"], metadata: BinMetadata),
        Reader("efi-metadata", () => new EfiMapMetadataReader(), ["qemu/*-bin/efi-memmap-bin.json"]),
        Reader("acpi-binary", () => new AcpiTablesInputReader(), ["srat-bin--*.bin", "qemu/*/SRAT.bin", "hostile/slit-*.bin"]),
        Reader("acpidump", () => new AcpiTablesInputReader(), ["acpidump--*.txt", "hostile/*.acpidump.txt"]),
        Reader("iasl", () => new AcpiTablesInputReader(), ["acpi-decoded--*.txt", "srat-decoded--*.dsl", "qemu/b-*/*.dsl"]),
        Reader("kernel-log", () => new KernelLogInputReader(), ["dmesg*.txt", "qemu/e-pc-2node-612/efi-memmap.txt", "hostile/efi-*.txt"]),
        Reader("uefi-shell", () => new UefiShellInputReader(), ["uefi-shell-memmap--*.txt"]),
        Reader("sysfs", () => new SysfsRecordInputReader(), ["qemu/e-pc-2node-612/firmware-memmap.txt", "debugfs-memblock-*.txt", "qemu/e-pc-2node-612/memblock-memory.txt"]),
        Reader("iomem", () => new ProcIomemInputReader(), ["proc-iomem--*.txt", "qemu/e-pc-2node-612/iomem.txt"]),
        Reader("meminfo", () => new ProcMeminfoInputReader(), ["qemu/*/meminfo.txt"]),
        Reader("cmdline", () => new CommandLineInputReader(), ["qemu/*/cmdline.txt"]),
        new("memblock-script", false, ["memblock/0*.ops"], b => ScriptParser.Parse(System.Text.Encoding.UTF8.GetString(b), "fuzz")),
        new("profile", false, ["hostile/profile-*.json"], b => ProfileReader.Read(b, "fuzz")),
        new("config", false, ["hostile/config-*.json"], b => CheckConfigReader.TryParse(b, out _, out _)),
        new("baseline", false, ["hostile/baseline-*.json"], b => FleetDrift.TryReadBaseline(b, out _, out _)),
        new("tar", false, ["hostile/*.tar"], b => SafeArchive.Read(new MemoryStream(b))),
        Verb("inspect", "inspect"),
        Verb("predict", "predict"),
        Verb("plan", "plan"),
        Verb("check-text", "check"),
        Verb("check-json", "check", "--format", "json"),
        Verb("check-junit", "check", "--format", "junit"),
        Verb("check-sarif", "check", "--format", "sarif"),
        Verb("check-markdown", "check", "--format", "markdown"),
        Verb("check-html", "check", "--format", "html"),
        Verb("fleet", "fleet"),
        Verb("verify", "verify"),
        Verb("verify-json", "verify", "--format", "json"),
        Verb("fleet-verify", "fleet", "--verify"),
    ];

    public static Harness? Find(string name) => All.FirstOrDefault(h => h.Name == name);

    private static Harness Reader(string name, Func<IInputReader> make, string[] seeds, byte[]? metadata = null)
    {
        IInputReader? made = null;
        return new(name, false, seeds, bytes =>
        {
            var reader = made ??= make();
            var options = InputOptions.Default;
            var companion = metadata is null ? null : new InputDocument("efi-memmap-bin.json", metadata);
            var doc = new InputDocument("fuzz", bytes);
            if (reader.Recognizes(doc))
            {
                var builder = new MachineBuilder();
                if (companion is not null)
                {
                    new EfiMapMetadataReader().Read(companion, options, builder);
                }

                reader.Read(doc, options, builder);
            }

            // The whole input layer too (dispatch, analysis); a reader exception it contains shows as FP9004.
            var inputs = MachineReader.Read(companion is null ? [doc] : [companion, doc], options);
            if (inputs.Diagnostics.FirstOrDefault(d => d.Code == InputDiagnostics.ReaderFailed.Id) is { } failed)
            {
                throw new HarnessFailureException(failed.ToString());
            }
        });
    }

    private static Harness Verb(string name, params string[] args)
    {
        // One host for all of a harness's runs, logging to a writer that is emptied before each run; the input is
        // overwritten in place (a new name only when it turns from a tar into something else or back).
        var err = new StringWriter();
        Microsoft.Extensions.Hosting.IHost? host = null;
        string? last = null;
        return new(name, true, VerbSeeds, bytes =>
        {
            var dir = WorkDir();
            string target;
            if (args[0] == "fleet")
            {
                var machine = Path.Combine(dir, "fleet", "m1");
                Directory.CreateDirectory(machine);
                File.WriteAllBytes(Path.Combine(machine, "input"), bytes);
                target = Path.GetDirectoryName(machine)!;
            }
            else
            {
                target = Path.Combine(dir, LooksLikeTar(bytes) ? "input.tar" : "input");
                if (last is not null && last != target)
                {
                    File.Delete(last);
                }

                File.WriteAllBytes(target, bytes);
                last = target;
            }

            err.GetStringBuilder().Clear();
            host ??= CliApp.BuildHost(verbose: false, json: false, err);
            var code = CliApp.Run([.. args, target], TextWriter.Null, err, host);
            if (code is < 0 or > 2)
            {
                throw new HarnessFailureException($"fwplan {string.Join(' ', args)}: exit {code}: {err}");
            }
        });
    }

    /// <summary>A ustar or GNU magic at offset 257: given to the verbs under a .tar name, so the archive layer reads it.</summary>
    private static bool LooksLikeTar(byte[] b) => b.Length >= 263 && b[257] == (byte)'u' && b[258] == (byte)'s' && b[259] == (byte)'t' && b[260] == (byte)'a' && b[261] == (byte)'r';

    private static string WorkDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fwplan-fuzz-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        return dir;
    }
}

/// <summary>A broken contract found by a harness: what a crash of the fuzz target means.</summary>
public sealed class HarnessFailureException : Exception
{
    public HarnessFailureException()
    {
    }

    public HarnessFailureException(string message)
        : base(message)
    {
    }

    public HarnessFailureException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
