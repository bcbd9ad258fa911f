using System.Reflection;
using NetArchTest.Rules;

namespace FirmwarePlanner.Tests.Architecture;

/// <summary>
/// The library's top-level folders (namespaces) in pipeline order: foundation, kernel target type, documents, Linux's
/// reading of SRAT, the machine model, the boot model, the plan, the pipeline, findings, renderers, fleet and collection.
/// A folder may depend only on folders before it, so no dependency runs against the pipeline and no two folders form a
/// cycle. A new folder must be placed in this order before the test passes.
/// </summary>
public sealed class PipelineDirectionTests
{
    private static readonly string[] Order =
    [
        "Common", "Text", "Binary", "Diagnostics",   // foundation: depends on nothing else
        "Kernel",                                    // the kernel target type (release, build facts, kernel config)
        "Efi", "E820", "Acpi", "Memblock",           // documents and the memblock engine
        "Numa",                                      // SRAT and SLIT as Linux reads them
        "Inputs",                                    // the machine model
        "Linux",                                     // the boot model
        "Planning",                                  // the placement plan
        "Pipeline",                                  // machine → target → boot model → plan, for every verb
        "Checks",                                    // findings
        "Verification",                              // a boot held against its prediction
        "Reports",                                   // renderers, one place per output
        "Fleet", "Collect",                          // many machines; bundles from a host
    ];

    private static readonly Assembly Library = typeof(FirmwarePlanner.Pipeline.MachineAnalyzer).Assembly;

    public static TheoryData<string> Folders() => new(Order);

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_folder_depends_only_on_the_folders_before_it(string folder)
    {
        var later = Order.SkipWhile(f => f != folder).Skip(1).Select(f => "FirmwarePlanner." + f).ToArray();
        if (later.Length == 0)
        {
            return;
        }

        var result = Types.InAssembly(Library).That().ResideInNamespace("FirmwarePlanner." + folder)
            .ShouldNot().HaveDependencyOnAny(later).GetResult();
        Assert.True(result.IsSuccessful, $"{folder} depends on a later stage: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Every_top_level_folder_is_placed_in_the_order()
    {
        var folders = Library.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("FirmwarePlanner.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[1]).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Empty(folders.Except(Order));
        Assert.DoesNotContain(Library.GetTypes(), t => t.Namespace == "FirmwarePlanner" && !t.Name.StartsWith('<'));
    }

    [Fact]
    public void The_foundation_depends_on_no_domain()
    {
        var domains = Order.Skip(4).Select(f => "FirmwarePlanner." + f).ToArray();
        var result = Types.InAssembly(Library).That().ResideInNamespace("FirmwarePlanner.Diagnostics")
            .Or().ResideInNamespace("FirmwarePlanner.Common").Or().ResideInNamespace("FirmwarePlanner.Text").Or().ResideInNamespace("FirmwarePlanner.Binary")
            .ShouldNot().HaveDependencyOnAny(domains).GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>The rule sees real dependencies: findings use the boot model, so the same query against a later folder would fail.</summary>
    [Fact]
    public void The_dependency_query_sees_real_dependencies()
    {
        var result = Types.InAssembly(Library).That().ResideInNamespace("FirmwarePlanner.Checks")
            .ShouldNot().HaveDependencyOnAny("FirmwarePlanner.Linux").GetResult();
        Assert.False(result.IsSuccessful);
    }

    [Fact]
    public void The_cli_holds_no_pipeline_logic()
    {
        // The CLI binds options and calls the library's entry points; it decodes nothing and assembles no machine itself.
        var cli = typeof(FirmwarePlanner.Cli.CliApp).Assembly;
        var result = Types.InAssembly(cli).ShouldNot()
            .HaveDependencyOnAny("FirmwarePlanner.Acpi.Input", "FirmwarePlanner.Acpi.Srat", "FirmwarePlanner.Acpi.Slit", "FirmwarePlanner.Efi",
                "FirmwarePlanner.E820", "FirmwarePlanner.Memblock.Storage", "FirmwarePlanner.Linux.BootInputs", "FirmwarePlanner.Planning.PlanningMachineFactory")
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }
}

/// <summary>One implementation of each shared concept in src/: the types and the source text say so.</summary>
public sealed class OneImplementationTests
{
    private static readonly Type[] Types = typeof(FirmwarePlanner.Pipeline.MachineAnalyzer).Assembly.GetTypes()
        .Concat(typeof(FirmwarePlanner.Cli.CliApp).Assembly.GetTypes()).Where(t => !t.Name.StartsWith('<')).ToArray();

    [Theory]
    [InlineData("E820Entry")]
    [InlineData("FieldSpec")]
    [InlineData("KernelTarget")]
    [InlineData("BootCommandLine")]
    [InlineData("Sizes")]
    [InlineData("KernelParse")]
    [InlineData("MachineReader")]
    [InlineData("DocumentLoader")]
    public void One_type_holds_the_concept(string name) => Assert.Single(Types, t => t.Name == name);

    [Theory]
    [InlineData("BootE820Entry")]
    [InlineData("KernelProfile")]
    [InlineData("KernelSeries")]
    [InlineData("KernelVersion")]
    [InlineData("ByteText")]
    [InlineData("InputFiles")]
    [InlineData("MachineLoader")]
    [InlineData("PredictInputs")]
    [InlineData("PlanInputs")]
    public void The_second_copies_are_gone(string name) => Assert.DoesNotContain(Types, t => t.Name == name);

    [Fact]
    public void Source_has_one_tokenizer_and_one_memparse_and_no_release_equality()
    {
        var src = Path.Combine(Support.Fixtures.RepoRoot, "src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(f => (Path: Path.GetRelativePath(src, f), Text: File.ReadAllText(f))).ToArray();
        Assert.Single(files, f => f.Text.Contains("public static (ulong Value, int Used) Memparse(", StringComparison.Ordinal));
        Assert.Single(files, f => f.Text.Contains("private static List<string> Split(string text)", StringComparison.Ordinal)); // BootCommandLine
        Assert.DoesNotContain(files, f => System.Text.RegularExpressions.Regex.IsMatch(f.Text, @"Major\s*==\s*\d+\s*&&\s*\w*\.?Minor\s*=="));
    }
}
