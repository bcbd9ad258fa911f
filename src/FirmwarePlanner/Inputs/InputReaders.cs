namespace FirmwarePlanner.Inputs;

/// <summary>
/// The readers <see cref="MachineReader"/> tries, in order. To add a format, add its reader here: more specific
/// formats first (a binary table with a signature before the signature-less EFI map; structured texts before the
/// kernel log, which accepts any text with printk timestamps; the one-line command line last).
/// </summary>
public static class InputReaders
{
    public static IReadOnlyList<IInputReader> Default { get; } =
    [
        new EfiMapMetadataReader(),
        new AcpiTablesInputReader(),
        new EfiBinaryInputReader(),
        new UefiShellInputReader(),
        new SysfsRecordInputReader(),
        new ProcIomemInputReader(),
        new ProcMeminfoInputReader(),
        new KernelLogInputReader(),
        new CommandLineInputReader(),
    ];
}
