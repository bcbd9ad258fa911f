using System.CommandLine;
using FirmwarePlanner.Pipeline;

namespace FirmwarePlanner.Cli.Commands;

/// <summary>
/// The options every verb that runs the pipeline takes, with one meaning, validated once by
/// <see cref="AnalysisOptions.TryCreate"/>: a typo in <c>--kernel</c> or <c>--arch</c> is a usage error (exit 2) everywhere.
/// </summary>
internal sealed class PipelineOptions
{
    private readonly Option<string?> _kernel = new("--kernel") { Description = "Kernel to predict for: a release (6.12, 6.1.20, 5.14.0-362.el9) from 4.18 on; default: the profile's, else the log's Linux version banner, else 6.12." };
    private readonly Option<string?> _arch = new("--arch") { Description = "Architecture: x86_64 or arm64 (default: an arm64 --profile, else the booted kernel's as a log among the inputs shows it, else x86_64)." };
    private readonly Option<string?> _cmdline = new("--cmdline") { Description = "Kernel command line (default: a cmdline file in the inputs, else a log's Command line:)." };
    private readonly Option<string?> _profile = new("--profile") { Description = "Build profile (JSON, docs/profile.md): kernel build facts and early-allocation sizes." };

    public void AddTo(Command command)
    {
        command.Options.Add(_kernel);
        command.Options.Add(_arch);
        command.Options.Add(_cmdline);
        command.Options.Add(_profile);
    }

    public bool TryRead(ParseResult parse, CommandContext context, out AnalysisOptions options)
    {
        if (AnalysisOptions.TryCreate(parse.GetValue(_kernel), parse.GetValue(_arch), parse.GetValue(_cmdline), parse.GetValue(_profile), out options, out var error))
        {
            return true;
        }

        context.Error.WriteLine($"fwplan {parse.CommandResult.Command.Name}: {error}");
        return false;
    }
}
