using System.Collections.Immutable;

namespace FirmwarePlanner.Acpi.Slit;

/// <summary>
/// A decoded SLIT: the declared <see cref="LocalityCount"/> and the distance matrix rows that fit in the table
/// (<see cref="Count"/> × <see cref="Count"/>, row-major; <see cref="Count"/> is below the declared count when
/// the table is too short). <see cref="LinuxValid"/> is Linux's <c>slit_valid()</c> verdict.
/// </summary>
public sealed record SlitTable(AcpiTable Table, AcpiTableHeader Header, ulong LocalityCount, int Count, ImmutableArray<byte> Entries, bool LinuxValid)
{
    /// <summary>Distance from locality <paramref name="from"/> to <paramref name="to"/> (both below <see cref="Count"/>).</summary>
    public byte Distance(int from, int to) => Entries[(from * Count) + to];
}
