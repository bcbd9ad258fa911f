namespace FirmwarePlanner.Acpi.Srat;

/// <summary>
/// A decoded SRAT: the header, the fixed part (<see cref="TableRevision"/>, <see cref="Reserved"/>) and the
/// subtables in table order as Linux's walk finds them. <see cref="WalkEnd"/> is where the walk stopped
/// (the end of the table, or a zero-length subtable's offset).
/// </summary>
public sealed record SratTable(
    AcpiTable Table,
    AcpiTableHeader Header,
    uint TableRevision,
    ulong Reserved,
    SratSubtableList Subtables,
    int WalkEnd,
    bool WalkStoppedOnZeroLength)
{
    /// <summary>The header revision (offset 8), which decides PXM widths in Linux.</summary>
    public byte Revision => Header.Revision;

    /// <summary>The memory affinity entries in table order (only type-1 subtables are decoded).</summary>
    public IEnumerable<SratMemoryAffinity> MemoryAffinities
    {
        get
        {
            for (var i = 0; i < Subtables.Length; i++)
            {
                if (Subtables.Headers[i].Type == SratSubtableTypes.MemoryAffinity && Subtables[i] is SratMemoryAffinity m)
                {
                    yield return m;
                }
            }
        }
    }
}
