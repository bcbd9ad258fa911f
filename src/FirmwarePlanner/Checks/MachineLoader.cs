using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Checks;

/// <summary>Options of a check that do not come from the machine's files.</summary>
public sealed record MachineOptions(string? CommandLine = null, string Arch = "x86_64", string? KernelVersion = null);

/// <summary>Turns one machine's documents into a <see cref="CheckSubject"/>.</summary>
public static class MachineLoader
{
    public static CheckSubject Load(string name, IReadOnlyList<InputDocument> documents, MachineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        options ??= new MachineOptions();
        var cmdline = options.CommandLine is { } text ? BootParameters.Parse(text) : null;
        var inputs = new List<CheckInputFile>();
        if (options.CommandLine is not null)
        {
            inputs.Add(new CheckInputFile("--cmdline", "kernel command line", string.Empty));
        }

        return new CheckSubject(name, null, null, cmdline, [], inputs, options.Arch, options.KernelVersion);
    }
}
