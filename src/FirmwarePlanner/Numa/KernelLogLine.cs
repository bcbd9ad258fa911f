namespace FirmwarePlanner.Numa;

/// <summary>The printk level of a predicted kernel line.</summary>
public enum KernelLogLevel
{
    Debug,
    Info,
    Warning,
    Error,
}

/// <summary>A line the kernel would print (without timestamp), with its level and the SRAT offset it comes from.</summary>
public sealed record KernelLogLine(KernelLogLevel Level, string Text, int? Offset);
