using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Efi;

/// <summary>The form an EFI memory map was read from.</summary>
public enum EfiMapForm
{
    /// <summary>A raw <c>GetMemoryMap()</c> buffer.</summary>
    Binary,

    /// <summary><c>efi: mem..</c> lines of a kernel log.</summary>
    KernelLog,

    /// <summary>UEFI Shell <c>memmap</c> output.</summary>
    UefiShell,

    /// <summary><c>/sys/firmware/efi/runtime-map/N/*</c> (runtime descriptors only).</summary>
    SysfsRuntimeMap,
}

/// <summary>Which of the maps a boot prints this one is.</summary>
public enum EfiMapRole
{
    /// <summary>The map firmware handed over (or, in a log, a boot-time print of it: the last one is what Linux used).</summary>
    Boot,

    /// <summary>The runtime map printed after <c>EFI runtime memory map:</c>, or the sysfs runtime-map.</summary>
    Runtime,
}

/// <summary>
/// A UEFI memory map in firmware order. <paramref name="DescriptorSize"/> and
/// <paramref name="DescriptorVersion"/> are those of the binary buffer (text forms do not carry them: 0).
/// <paramref name="LoggedMirrorSummary"/> is the kernel's own <c>efi: Memory: XM/YM mirrored memory</c>
/// line when the input was a log that contained one.
/// </summary>
public sealed record EfiMemoryMap(
    string Source,
    EfiMapForm Form,
    IReadOnlyList<EfiMemoryDescriptor> Descriptors,
    uint DescriptorSize,
    uint DescriptorVersion,
    string? LoggedMirrorSummary,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public EfiMapRole Role { get; init; } = EfiMapRole.Boot;

    /// <summary>Number of <c>...</c> elisions inside the printed map; when non-zero, totals are lower bounds.</summary>
    public int Elisions { get; init; }

    /// <summary>Where the map begins (first line or offset 0).</summary>
    public SourceLocation? Start { get; init; }

    /// <summary>True when the map has at least one MORE_RELIABLE descriptor.</summary>
    public bool HasMirror => Descriptors.Any(d => d.IsMirrored);

    /// <summary>What <c>efi_find_mirror()</c> computes for this map.</summary>
    public EfiMirrorSummary Mirror => EfiMirrorSummary.Compute(Descriptors);
}
