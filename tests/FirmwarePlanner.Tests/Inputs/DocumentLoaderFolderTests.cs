using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Tests.Inputs;

/// <summary>
/// A folder is a bundle: every regular file below it, in ordinal order of the path below it, named
/// <c>folder/relative/path</c>. It is listed and read by its absolute path; what the user sees is the path as named.
/// </summary>
public sealed class DocumentLoaderFolderTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("fwplan-loader-").FullName;

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    [Fact]
    public void Files_below_a_folder_are_named_by_their_path_below_it_in_ordinal_order_whatever_the_path_named()
    {
        var bundle = Path.Combine(_parent, "m1");
        Directory.CreateDirectory(Path.Combine(bundle, "acpi", "tables"));
        File.WriteAllText(Path.Combine(bundle, "b.txt"), "b");
        File.WriteAllText(Path.Combine(bundle, "B.txt"), "B");
        File.WriteAllText(Path.Combine(bundle, "acpi", "tables", "SRAT"), "s");
        File.WriteAllText(Path.Combine(bundle, "acpi", "z"), "z");
        File.CreateSymbolicLink(Path.Combine(bundle, "link"), Path.Combine(bundle, "b.txt"));

        string[] expected = ["m1/B.txt", "m1/acpi/tables/SRAT", "m1/acpi/z", "m1/b.txt"];
        foreach (var named in new[] { bundle, bundle + "/", Path.Combine(bundle, "acpi", "..") })
        {
            var loaded = DocumentLoader.Load([named]);
            Assert.Null(loaded.Error);
            Assert.Equal(named.EndsWith("..", StringComparison.Ordinal) ? [.. expected.Select(e => ".." + e[2..])] : expected,
                loaded.Documents.Select(d => d.Name));
        }

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, bundle);
        Assert.Equal(expected, DocumentLoader.Load([relative]).Documents.Select(d => d.Name));
        Assert.Equal("s", System.Text.Encoding.ASCII.GetString(DocumentLoader.Load([relative]).Documents[1].Content.Span));
    }

    [Fact]
    public void A_file_a_folder_holds_that_cannot_be_read_is_reported_under_the_path_as_named()
    {
        var bundle = Path.Combine(_parent, "m2");
        Directory.CreateDirectory(Path.Combine(bundle, "sub"));
        File.WriteAllText(Path.Combine(bundle, "a.txt"), "a");
        using (var big = File.Create(Path.Combine(bundle, "sub", "huge.bin")))
        {
            big.SetLength(BoundedFile.MaxInputBytes + 1); // sparse: no block written
        }

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, bundle);
        var loaded = DocumentLoader.Load([relative]);

        Assert.Empty(loaded.Documents);
        Assert.Equal($"{relative}/sub/huge.bin: {BoundedFile.MaxInputBytes + 1} bytes is more than the {BoundedFile.MaxInputBytes} bytes this file may have", loaded.Error);
    }
}
