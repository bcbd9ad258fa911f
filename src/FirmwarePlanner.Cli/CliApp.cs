using System.CommandLine;
using FirmwarePlanner.Cli.Commands;
using FirmwarePlanner.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace FirmwarePlanner.Cli;

/// <summary>
/// The whole command line: the root command with its verbs, wired to a generic host that carries Serilog
/// (always to stderr). <see cref="Run"/> is what <c>Program</c> calls and what tests call in-process.
/// </summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = BuildRoot(stdout, stderr);
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            var code = parse.Invoke(config);

            // System.CommandLine reports usage errors with 1; our contract says usage errors are 2.
            return parse.Errors.Count > 0 ? ExitCodes.Unusable : code;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"fwplan: {ex.Message}");
            return ExitCodes.Unusable;
        }
        catch (Exception ex)
        {
            // Never a stack trace for the user: one line, and the full exception at debug level.
            stderr.WriteLine($"fwplan: internal error: {ex.GetType().Name}: {ex.Message}");
            return 3;
        }
    }

    internal static RootCommand BuildRoot(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "fwplan: checks firmware memory maps (UEFI map, e820, ACPI SRAT/SLIT, kernel logs) for Linux Address Range Mirroring.");
        root.Options.Add(GlobalOptions.Verbose);
        var context = new CommandContext(stdout, stderr);
        foreach (var command in CommandCatalog.All(context))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Builds the host for one invocation: DI plus Serilog to stderr at the level <c>-v</c> asks for.</summary>
    internal static IHost BuildHost(bool verbose)
    {
        var level = verbose ? LogEventLevel.Debug : LogEventLevel.Warning;
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .WriteTo.Console(
                formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: "[{Level:u3}] {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logger, dispose: true);
        return builder.Build();
    }
}
