using FirmwarePlanner.Fleet;
using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Checks;

/// <summary>What a fleet argument expands into, read from the directory listing alone.</summary>
public class FleetSourcesTests
{
    [Fact]
    public void Machines_come_in_name_order_with_hidden_folders_and_bundles_but_not_symlinked_folders()
    {
        using var temp = new TempDir();
        foreach (var d in new[] { "m2", ".hidden", "m10", "M1" })
        {
            Directory.CreateDirectory(Path.Combine(temp.Path, d));
        }

        File.WriteAllBytes(Path.Combine(temp.Path, "b.tar.gz"), []);
        File.WriteAllBytes(Path.Combine(temp.Path, "notes.txt"), []);
        Directory.CreateSymbolicLink(Path.Combine(temp.Path, "link"), Path.Combine(temp.Path, "m2"));

        Assert.True(FleetSources.TryExpand([temp.Path], out var machines, out var error), error);
        // Ordinal order: '.' < 'M' < 'b' < 'm'; the bundle is named without its extension; the symbolic link and the
        // plain file are not machines.
        Assert.Equal([".hidden", "M1", "b", "m10", "m2"], machines.Select(m => m.Name));
    }

    [Fact]
    public void A_folder_and_a_bundle_of_one_name_are_refused()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(Path.Combine(temp.Path, "m1"));
        Directory.CreateDirectory(Path.Combine(temp.Path, "m0"));
        File.WriteAllBytes(Path.Combine(temp.Path, "m1.tar"), []);

        Assert.False(FleetSources.TryExpand([temp.Path], out _, out var error));
        Assert.Equal("two machines are named 'm1'", error);
    }

    [Fact]
    public void One_name_in_two_fleet_folders_is_refused()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(Path.Combine(temp.Path, "rack1", "db-1"));
        Directory.CreateDirectory(Path.Combine(temp.Path, "rack2", "web-1"));
        File.WriteAllBytes(Path.Combine(temp.Path, "rack2", "db-1.tgz"), []);

        Assert.False(FleetSources.TryExpand([Path.Combine(temp.Path, "rack1"), Path.Combine(temp.Path, "rack2")], out _, out var error));
        Assert.Equal("two machines are named 'db-1'", error);
    }

    [Fact]
    public void A_folder_of_plain_files_is_one_machine()
    {
        using var temp = new TempDir();
        var machine = Path.Combine(temp.Path, "box-7");
        Directory.CreateDirectory(machine);
        File.WriteAllBytes(Path.Combine(machine, "efi-memmap.bin"), []);

        Assert.True(FleetSources.TryExpand([machine], out var machines, out var error), error);
        Assert.Equal(["box-7"], machines.Select(m => m.Name));
    }

    [Fact]
    public void A_machine_folder_gone_after_the_listing_is_that_machine_s_error()
    {
        // The folder is listed, then removed before it is read: its entry says why, and the other machines are read.
        using var temp = new TempDir();
        foreach (var d in new[] { "a", "b" })
        {
            Directory.CreateDirectory(Path.Combine(temp.Path, d, "sub"));
            File.WriteAllText(Path.Combine(temp.Path, d, "sub", "cmdline.txt"), "kernelcore=mirror\n");
        }

        Assert.True(FleetSources.TryExpand([temp.Path], out var machines, out var error), error);
        Directory.Delete(Path.Combine(temp.Path, "a"), recursive: true);

        var (gone, why) = machines[0].Load();
        Assert.Empty(gone);
        Assert.Equal(Path.Combine(temp.Path, "a") + ": no such file or directory", why);
        var (docs, none) = machines[1].Load();
        Assert.Null(none);
        Assert.Equal(["b/sub/cmdline.txt"], docs.Select(d => d.Name));
    }
}
