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
    IReadOnlyList<Diagnostic> Diagnostics);
