using System.CommandLine;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Inputs;
using FirmwarePlanner.Planning;
using FirmwarePlanner.Reports.Profile;

namespace FirmwarePlanner.Cli.Commands;

/// <summary>
/// <c>fwplan profile LOG... [-o FILE]</c>: learns a kernel build's facts from boot logs of that build and writes them as
/// a profile for <c>--profile</c>. With <c>-o</c> the profile goes to the file and the summary to stdout; without, the
/// profile goes to stdout and the summary to stderr.
/// </summary>
internal static class ProfileCommand
{
    public static Command Create(CommandContext context)
    {
        var inputs = new Argument<string[]>("log")
        {
            Description = "Boot logs of one kernel build (dmesg, journalctl, serial console; files, folders or .tar/.tar.gz bundles), from any machine.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string?>("--output", "-o") { Description = "Write the profile to this file (atomically) instead of stdout." };
        var command = new Command("profile", "Learn a kernel build's facts (CONFIG_ZONE_DEVICE, struct and buffer sizes) from its boot logs and write a --profile file.") { inputs, output };
        command.SetAction(parse => Run(context, parse.GetValue(inputs) ?? [], parse.GetValue(output)));
        return command;
    }

    public static int Run(CommandContext context, string[] paths, string? output)
    {
        var loaded = DocumentLoader.Load(paths);
        if (loaded.Error is not null)
        {
            context.Error.WriteLine($"fwplan profile: {loaded.Error}");
            return ExitCodes.Unusable;
        }

        var learning = ProfileLearner.Learn(loaded.Documents);
        var summary = ProfileText.Render(learning);
        if (learning.HasErrors)
        {
            context.Error.Write(summary);
            return ExitCodes.Unusable;
        }

        var json = ProfileWriter.Write(learning);
        if (output is null)
        {
            context.Out.Write(json);
            context.Error.Write(summary);
            return ExitCodes.Ok;
        }

        try
        {
            OutputFile.WriteText(output, json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"fwplan profile: cannot write {output}: {ex.Message}");
            return ExitCodes.Unusable;
        }

        context.Out.Write(summary);
        return ExitCodes.Ok;
    }
}
