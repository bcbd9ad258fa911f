namespace FirmwarePlanner.Memblock;

/// <summary>How <c>%#x</c> renders zero in memblock's dump text.</summary>
public enum KernelTextStyle
{
    /// <summary>The kernel's vsprintf: <c>memory[0x0]</c>, <c>flags: 0x0</c> (what real dmesg shows).</summary>
    Kernel,

    /// <summary>glibc printf, as in the memblock oracle: <c>memory[0]</c>, <c>flags: 0</c>.</summary>
    Glibc,
}
