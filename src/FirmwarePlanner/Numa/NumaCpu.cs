namespace FirmwarePlanner.Numa;

/// <summary>
/// One enabled processor entry with its node: a value of 16 bytes, since a table has tens of thousands
/// (<see cref="Kind"/> is the entry type, its name printed only when asked for).
/// </summary>
public readonly record struct NumaCpu(int Node, uint Pxm, uint ProcessorId, NumaCpuKind Kind);

/// <summary>The processor entry a CPU came from.</summary>
public enum NumaCpuKind : byte
{
    /// <summary>SRAT Processor Local APIC/SAPIC Affinity (type 0).</summary>
    Lapic,

    /// <summary>SRAT Processor Local x2APIC Affinity (type 2).</summary>
    X2Apic,

    /// <summary>SRAT GICC Affinity (type 3, arm64).</summary>
    Gicc,

    /// <summary>SRAT RINTC Affinity (type 7, RISC-V).</summary>
    Rintc,

    /// <summary>A kernel log's <c>SRAT: PXM p -> CPU …</c> line, which does not say the entry type.</summary>
    Cpu,
}

/// <summary>How fwplan names a <see cref="NumaCpuKind"/> in its reports.</summary>
public static class NumaCpuKindNames
{
    public static string Name(this NumaCpuKind kind) => kind switch
    {
        NumaCpuKind.Lapic => "LAPIC",
        NumaCpuKind.X2Apic => "x2APIC",
        NumaCpuKind.Gicc => "GICC",
        NumaCpuKind.Rintc => "RINTC",
        _ => "CPU",
    };
}
