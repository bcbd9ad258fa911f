using FirmwarePlanner.Kernel;
namespace FirmwarePlanner.Numa;

/// <summary>The printk level of a predicted kernel message.</summary>
public enum KernelMessageLevel
{
    Debug,
    Info,
    Warning,
    Error,
}

/// <summary>A line the kernel would print (without timestamp), with its level and the SRAT offset it comes from.</summary>
public sealed record KernelMessage(KernelMessageLevel Level, string Text, int? Offset);
