using System.Collections;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Binary;
using L2 = FirmwarePlanner.Acpi.Srat.SratX2ApicAffinityLayout;

namespace FirmwarePlanner.Numa;

/// <summary>
/// The CPUs a reading of an SRAT mapped, kept as the index of each one's processor entry (four bytes a CPU: a table
/// can hold tens of thousands) and read from the table when asked for: its PXM and id from the entry's fields, its
/// node from the PXM (<c>acpi_map_pxm_to_node()</c> never remaps a PXM once it has a node).
/// </summary>
public sealed class SratCpuList : IReadOnlyList<NumaCpu>
{
    private readonly SratSubtableList _subtables;
    private readonly List<int> _entries;
    private readonly IReadOnlyDictionary<uint, int> _pxmToNode;
    private readonly byte _revision;

    /// <param name="subtables">The walked SRAT's subtables.</param>
    /// <param name="entries">The subtable index of each CPU, in the order Linux mapped them (taken over, not copied).</param>
    /// <param name="pxmToNode">The reading's PXM to node map.</param>
    /// <param name="revision">The SRAT header revision (the LAPIC entry's PXM width depends on it).</param>
    internal SratCpuList(SratSubtableList subtables, List<int> entries, IReadOnlyDictionary<uint, int> pxmToNode, byte revision)
    {
        _subtables = subtables;
        _entries = entries;
        _pxmToNode = pxmToNode;
        _revision = revision;
    }

    public int Count => _entries.Count;

    public NumaCpu this[int index]
    {
        get
        {
            var entry = _entries[index];
            if (_subtables.Headers[entry].Type == SratSubtableTypes.X2ApicAffinity)
            {
                // The entry type a table holds by the tens of thousands: read in place.
                var r = new ByteReader(_subtables.FieldBytes(entry));
                var pxm = r.U32(L2.ProximityDomain);
                return new NumaCpu(Node(pxm), pxm, r.U32(L2.ApicId), NumaCpuKind.X2Apic);
            }

            return _subtables[entry] switch
            {
                SratCpuAffinity c => Cpu(c.ProximityDomain(_revision), c.ApicId, NumaCpuKind.Lapic),
                SratGiccAffinity g => Cpu(g.ProximityDomain, g.AcpiProcessorUid, NumaCpuKind.Gicc),
                SratRintcAffinity r => Cpu(r.ProximityDomain, r.AcpiProcessorUid, NumaCpuKind.Rintc),
                var other => throw new InvalidOperationException($"subtable #{entry} ({other.TypeName}) is not a processor entry"),
            };
        }
    }

    public IEnumerator<NumaCpu> GetEnumerator()
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private NumaCpu Cpu(uint pxm, uint id, NumaCpuKind kind) => new(Node(pxm), pxm, id, kind);

    private int Node(uint pxm) => _pxmToNode.TryGetValue(pxm, out var node) ? node : -1;
}
