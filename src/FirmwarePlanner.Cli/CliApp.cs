using System.CommandLine;
using FirmwarePlanner.Cli.Commands;
using FirmwarePlanner.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace FirmwarePlanner.Cli;

/// <summary>
/// The whole command line: a generic host that carries Serilog (always to stderr: plain lines, or compact JSON with
/// <c>--log-format json</c>; debug level with <c>-v</c>), and the root command with its verbs, which log through the
/// host's <see cref="ILoggerFactory"/>. <see cref="Run"/> is what <c>Program</c> calls and what tests call in-process.
/// stdout carries only the verb's output, identical with and without logging.
/// </summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (verbose, json) = GlobalOptions.Scan(args);
        using var host = BuildHost(verbose, json, stderr);
        return Run(args, stdout, stderr, host);
    }

    /// <summary>
    /// One invocation on a host built beforehand (<see cref="BuildHost"/>, whose log goes to <paramref name="stderr"/>):
    /// what an in-process caller that runs thousands of invocations uses, such as the fuzz targets.
    /// </summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, IHost host)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        var logging = host.Services.GetRequiredService<ILoggerFactory>();
        var log = logging.CreateLogger("fwplan");
        var root = BuildRoot(new CommandContext(stdout, stderr) { Logging = logging });
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var code = parse.Invoke(config);

            // System.CommandLine reports usage errors with 1; our contract says usage errors are 2.
            var exit = parse.Errors.Count > 0 ? ExitCodes.Unusable : code;
            log.LogDebug("{Verb} exited {Code} after {Ms:0.0} ms", parse.CommandResult.Command.Name, exit, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return exit;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"fwplan: {ex.Message}");
            return ExitCodes.Unusable;
        }
        catch (Exception ex)
        {
            // Never a stack trace for the user: one line, and the full exception at debug level.
            log.LogDebug(ex, "internal error");
            stderr.WriteLine($"fwplan: internal error: {ex.GetType().Name}: {ex.Message}");
            return 3;
        }
    }

    internal static RootCommand BuildRoot(CommandContext context)
    {
        var root = new RootCommand(
            "fwplan: checks firmware memory maps (UEFI map, e820, ACPI SRAT/SLIT, kernel logs) for Linux Address Range Mirroring.");
        root.Options.Add(GlobalOptions.NewVerbose());
        root.Options.Add(GlobalOptions.NewLogFormat());
        foreach (var command in CommandCatalog.All(context))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Builds the host for one invocation: DI plus Serilog to <paramref name="stderr"/> at the level <c>-v</c> asks for.</summary>
    internal static IHost BuildHost(bool verbose, bool json, TextWriter stderr)
    {
        var level = verbose ? LogEventLevel.Debug : LogEventLevel.Warning;
        var configuration = new LoggerConfiguration().MinimumLevel.Is(level);
        Serilog.Formatting.ITextFormatter formatter = json
            ? new CompactJsonFormatter()
            : new Serilog.Formatting.Display.MessageTemplateTextFormatter("[{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                System.Globalization.CultureInfo.InvariantCulture);

        // The process's stderr goes through Serilog's console sink; a writer a test passes in gets the same formatter.
        configuration = ReferenceEquals(stderr, Console.Error)
            ? configuration.WriteTo.Console(formatter, standardErrorFromLevel: LogEventLevel.Verbose)
            : configuration.WriteTo.Sink(new WriterSink(formatter, stderr));
        var logger = configuration.CreateLogger();
        // The empty builder: no configuration sources, file providers, console logger or lifetime the defaults bring
        // (and their code, which a Native AOT build would otherwise carry and map at every start).
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSerilog(logger, dispose: true);
        return builder.Build();
    }

    /// <summary>Serilog events to a <see cref="TextWriter"/> other than the console (in-process callers such as tests).</summary>
    private sealed class WriterSink(Serilog.Formatting.ITextFormatter formatter, TextWriter writer) : Serilog.Core.ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            lock (writer)
            {
                formatter.Format(logEvent, writer);
            }
        }
    }
}
