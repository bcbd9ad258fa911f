namespace FirmwarePlanner.Fleet;

/// <summary>A fleet's machines in name order (ordinal), made one at a time from their list.</summary>
internal readonly struct FleetOrder
{
    private readonly IReadOnlyList<FleetMachine> _machines;
    private readonly int[]? _order; // null: the list is in name order already

    public FleetOrder(IReadOnlyList<FleetMachine> machines)
    {
        _machines = machines;
        if (machines is FleetMachineList { SortedByName: true } sorted)
        {
            // Already in name order (FleetSources sorts it): the identity, with no machine made to learn its name and no
            // index per machine.
            _order = null;
            return;
        }

        var names = new string[machines.Count];
        for (var k = 0; k < names.Length; k++)
        {
            names[k] = machines is FleetMachineList list ? list.NameOf(k) : machines[k].Name;
        }

        _order = [.. Enumerable.Range(0, names.Length)];
        Array.Sort(names, _order, StringComparer.Ordinal);
    }

    public int Length => _order?.Length ?? _machines.Count;

    public FleetMachine this[int index] => _machines[_order is null ? index : _order[index]];
}
