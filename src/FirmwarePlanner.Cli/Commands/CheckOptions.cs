using System.CommandLine;
using FirmwarePlanner.Checks;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Pipeline;
using FirmwarePlanner.Inputs;

namespace FirmwarePlanner.Cli.Commands;

/// <summary>The options <c>check</c> and <c>fleet</c> share: the pipeline options, the configuration and the failing severity.</summary>
internal sealed class CheckOptions
{
    private readonly PipelineOptions _pipeline = new();
    private readonly Option<string?> _config = new("--config") { Description = "JSON configuration: severities, thresholds, waivers." };
    private readonly Option<string> _failOn = new("--fail-on") { Description = "Lowest severity that fails the check: error or warning.", DefaultValueFactory = _ => "warning" };

    public void AddTo(Command command)
    {
        _pipeline.AddTo(command);
        command.Options.Add(_config);
        command.Options.Add(_failOn);
    }

    public bool TryRead(ParseResult parse, CommandContext context, out AnalysisOptions machine, out CheckConfig config, out Severity failOn)
    {
        config = CheckConfig.Default;
        failOn = Severity.Warning;
        if (!_pipeline.TryRead(parse, context, out machine))
        {
            return false;
        }

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
