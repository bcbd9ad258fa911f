using System.CommandLine;
using FirmwarePlanner.Checks;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Cli.Commands;

/// <summary>The options <c>check</c> and <c>fleet</c> share: target kernel and command line, configuration, threshold.</summary>
internal sealed class CheckOptions
{
    private readonly Option<string> _arch = new("--arch") { Description = "Target architecture (x86_64, arm64).", DefaultValueFactory = _ => "x86_64" };
    private readonly Option<string?> _kernel = new("--kernel") { Description = "Target kernel version (e.g. 6.12)." };
    private readonly Option<string?> _cmdline = new("--cmdline") { Description = "Kernel command line to check against (overrides a cmdline file in the inputs)." };
    private readonly Option<string?> _config = new("--config") { Description = "JSON configuration: severities, thresholds, waivers." };
    private readonly Option<string> _failOn = new("--fail-on") { Description = "Lowest severity that fails the check: error or warning.", DefaultValueFactory = _ => "warning" };

    public void AddTo(Command command)
    {
        command.Options.Add(_arch);
        command.Options.Add(_kernel);
        command.Options.Add(_cmdline);
        command.Options.Add(_config);
        command.Options.Add(_failOn);
    }

    public bool TryRead(ParseResult parse, CommandContext context, out MachineOptions machine, out CheckConfig config, out Severity failOn)
    {
        machine = new MachineOptions(parse.GetValue(_cmdline), parse.GetValue(_arch) ?? "x86_64", parse.GetValue(_kernel));
        config = CheckConfig.Default;
        failOn = Severity.Warning;
        switch (parse.GetValue(_failOn))
        {
            case "warning":
                break;
            case "error":
                failOn = Severity.Error;
                break;
            default:
                context.Error.WriteLine($"fwplan {parse.CommandResult.Command.Name}: --fail-on must be error or warning");
                return false;
        }

        if (parse.GetValue(_config) is { } path)
        {
            if (!BoundedFile.TryRead(path, BoundedFile.MaxSettingsBytes, out var bytes, out var readError))
            {
                context.Error.WriteLine($"fwplan {parse.CommandResult.Command.Name}: {readError}");
                return false;
            }

            if (!CheckConfigReader.TryParse(bytes, out config, out var error))
            {
                context.Error.WriteLine($"fwplan {parse.CommandResult.Command.Name}: {path}: {error}");
                return false;
            }
        }

        return true;
    }
}
