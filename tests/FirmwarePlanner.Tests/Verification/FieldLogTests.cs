using System.Reflection;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Verification;

/// <summary>
/// <c>fwplan verify</c> on the real server boot logs in fixtures/field (linuxhw/Dmesg probes, see fixtures/PROVENANCE.md):
/// each folder holds only the head of one log, so the firmware inputs are what the log itself carries (its BIOS-e820
/// table, its SRAT lines) and e820/srat are echoes, not evidence; what is compared is the kernel's NUMA merge lines, zone
/// ranges, movable zone start, early node ranges and Initmem setup against the model's. None of these logs has an
/// efi=debug map, memblock=debug or mirrored memory, so the EFI, memblock and mirror groups are never compared here.
/// Recorded as verify reports them: no group is different on any log. The <c>NUMA: Initialized distance table, cnt=N</c>
/// line is its own group, not comparable here (the logs list a SLIT the inputs do not have). A log whose boot-time table
/// list (<c>ACPI: XXXX 0x… table</c> lines) has no SRAT now tells the model the machine has none, so its node groups
/// are compared too.
/// </summary>
public class FieldLogTests
{
    [Theory]
    // SRAT with merge lines (a node with more than one SRAT range, or SRAT ranges split at the 4 GiB hole): the NUMA merge
    // lines, zones, node ranges and Initmem setup lines all match. No group differs.
    // dell-poweredge-r410 4.18.0-147.el8: reversed PXM order: node 1 holds the low 4.75 GiB.
    [InlineData("dell-poweredge-r410--4.18.0-147.el8--2node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    // huawei-2288h-v5 5.4.51-std-def-alt1: no CONFIG_ZONE_DEVICE.
    [InlineData("huawei-2288h-v5--5.4.51-std-def-alt1--2node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    // lenovo-thinksystem-sr645 4.18.0-240.22.1.el8_3: RHEL 8.3, crashkernel=auto, 496 x 1 GiB hugepages.
    [InlineData("lenovo-thinksystem-sr645--4.18.0-240.22.1.el8_3--2node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    [InlineData("lenovo-thinksystem-sr650-v2--5.10.0-20-amd64--2node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    // supermicro-h8dg6 5.16.5-arch1-1: two sockets, node interleaving: one node of three SRAT ranges.
    [InlineData("supermicro-h8dg6--5.16.5-arch1-1--1node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    [InlineData("supermicro-h8dgu--5.13.0-30-generic--4node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    [InlineData("supermicro-h8qg6--5.0.0-25-generic--8node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    // supermicro-h8qgl 5.3.0-61-generic: last node ends 16 MiB short of its SRAT range.
    [InlineData("supermicro-h8qgl--5.3.0-61-generic--8node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    [InlineData("supermicro-x11dpi-n--5.17.8-200.fc35--2node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    [InlineData("supermicro-x11dpi-n--5.4.0-100-generic--2node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    // SRAT with one range per node: no `NUMA: Node N … + …` merge line, so numa is identical with nothing printed; zones,
    // node ranges and Initmem setup match. No group differs.
    [InlineData("hpe-proliant-dl360-gen9--5.10.0-13-amd64--2node", 0, "", "zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    // hpe-proliant-dl360-gen9 5.15.0-43-generic: unequal nodes (208 + 192 GiB).
    [InlineData("hpe-proliant-dl360-gen9--5.15.0-43-generic--2node", 0, "", "zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    [InlineData("hpe-proliant-dl360-gen9--5.15.39-1-pve--2node", 0, "", "zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    [InlineData("huawei-rh2288-v3--4.19.59-std-def-alt2--2node", 0, "", "zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    // No SRAT in the log's table list (`No NUMA configuration found`, `Faking a node`): the list tells the model there is
    // none, so the fake node's lines, zones and node ranges are compared (and identical). No group differs.
    // asrockrack-romed8-2t 6.3.0-2.el9.elrepo: prints nine `efi: Remove memNNN` lines; efi-mmio is not comparable without the EFI map.
    [InlineData("asrockrack-romed8-2t--6.3.0-2.el9.elrepo--1node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    // dell-poweredge-c6525 5.15.59-1-lts: CRAT/CDIT only, KASAN build.
    [InlineData("dell-poweredge-c6525--5.15.59-1-lts--1node", 0, "", "numa,node-data,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    // dell-poweredge-r410 5.14.11-200.fc34: same model as the 4.18 log, BIOS 1.14.0 without SRAT.
    [InlineData("dell-poweredge-r410--5.14.11-200.fc34--1node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    [InlineData("dell-poweredge-r410--5.15.0-57-generic--1node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    [InlineData("supermicro-h11ssl-nc--5.4.0-90-generic--1node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    // supermicro-x11ssv-q 6.0.10-desktop-gcc-2omv22090: no CONFIG_ZONE_DEVICE.
    [InlineData("supermicro-x11ssv-q--6.0.10-desktop-gcc-2omv22090--1node", 0, "", "numa,zone-ranges,movable-zone-start,early-node-ranges,initmem-setup", null)]
    public void Field_logs_verify_as_recorded(string folder, int exitCode, string different, string identicalWithLines, string? unusable)
    {
        VerifyRecord.AssertAsRecorded(Fixtures.PathOf("field", folder), exitCode, different, identicalWithLines, unusable);
    }

    /// <summary>A log added under fixtures/field cannot go unverified: every folder has its row above, and its README.</summary>
    [Fact]
    public void Every_field_folder_has_a_row()
    {
        var method = typeof(FieldLogTests).GetMethod(nameof(Field_logs_verify_as_recorded))!;
        var rows = method.GetCustomAttributes<InlineDataAttribute>().SelectMany(a => a.GetData(method)).Select(d => (string)d[0]).Order(StringComparer.Ordinal).ToArray();
        var folders = Directory.GetDirectories(Fixtures.PathOf("field")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(folders);
        Assert.Equal(folders, rows);
        Assert.All(folders, f => Assert.True(File.Exists(Fixtures.PathOf("field", f!, "README.md")), f + " has no README.md"));
    }
}
