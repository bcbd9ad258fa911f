using FirmwarePlanner.Tests.Support;

namespace FirmwarePlanner.Tests.Cli;

/// <summary>
/// In-process callers (the tests themselves, the fuzz targets) run many invocations at once. System.CommandLine's
/// options are mutable, so each invocation must build its own: a shared option once made a concurrent parse throw
/// (a NullReferenceException inside ArgumentResult.ValidateAndConvert, seen in a CI run): every command's creation added
/// one more validator to a static option, concurrently with another parse walking that list.
/// </summary>
public class ConcurrentInvocationTests
{
    [Fact]
    public void No_option_or_argument_is_shared_between_two_command_lines()
    {
        var context = new FirmwarePlanner.Cli.Commands.CommandContext(TextWriter.Null, TextWriter.Null);
        var first = Symbols(FirmwarePlanner.Cli.CliApp.BuildRoot(context)).ToList();
        var second = Symbols(FirmwarePlanner.Cli.CliApp.BuildRoot(context)).ToHashSet(ReferenceEqualityComparer.Instance);

        Assert.True(first.Count > 50, $"{first.Count} symbols");
        Assert.Empty(first.Where(second.Contains).Select(s => s.Name));
    }

    private static IEnumerable<System.CommandLine.Symbol> Symbols(System.CommandLine.Command command)
    {
        foreach (var o in command.Options)
        {
            yield return o;
        }

        foreach (var a in command.Arguments)
        {
            yield return a;
        }

        foreach (var s in command.Subcommands.SelectMany(Symbols))
        {
            yield return s;
        }
    }

    [Fact]
    public async Task Invocations_running_at_once_give_what_each_gives_alone()
    {
        var srat = Fixtures.PathOf("acpidump--supermicro-x10dai-haswell-ep--2node.txt");
        var script = Fixtures.PathOf("memblock", "01_add_disjoint_sorted.ops");
        string[][] commands =
        [
            ["inspect", "--format", "json", srat],
            ["inspect", "--log-format", "json", srat], // -v would log timings, which differ from run to run
            ["simulate", "--kernel", "6.12", script],
            ["plan", "--policy", "linux", "--format", "json", srat],
            ["check", "--format", "sarif", srat],
        ];
        var alone = commands.Select(c => CliRunner.Run(c)).ToArray();

        for (var round = 0; round < 5; round++)
        {
            var together = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => (i, CliRunner.Run(commands[i % commands.Length])))));
            foreach (var (i, result) in together)
            {
                Assert.Equal(alone[i % commands.Length], result);
            }
        }
    }
}
