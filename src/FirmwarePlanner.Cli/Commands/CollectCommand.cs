using System.CommandLine;
using FirmwarePlanner.Collect;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Cli.Commands;

/// <summary><c>fwplan collect -o BUNDLE.tar.gz [--root /]</c>: gathers a live host's firmware tables into a bundle.</summary>
internal static class CollectCommand
{
    public static Command Create(CommandContext context)
    {
        var output = new Option<string>("--output", "-o") { Description = "The bundle to write (.tar.gz).", Required = true };
        var root = new Option<string>("--root") { Description = "Root of the file system to read (/ on the live host; a copy of /sys, /proc and /dev/kmsg otherwise).", DefaultValueFactory = _ => "/" };
        var command = new Command("collect", "Collect ACPI tables, the kernel log, the command line and memory maps of this host into a bundle for check and fleet.") { output, root };
        command.SetAction(parse =>
        {
            var rootPath = parse.GetValue(root) ?? "/";
            if (!Directory.Exists(rootPath))
            {
                context.Error.WriteLine($"fwplan collect: {rootPath}: no such folder");
                return ExitCodes.Unusable;
            }

            if (Path.GetFullPath(rootPath) == "/" && OperatingSystem.IsLinux() && Environment.UserName != "root")
            {
                context.Error.WriteLine("fwplan collect: not running as root: ACPI tables, debugfs and real /proc/iomem addresses may be unreadable");
            }

            var bundle = HostCollector.Collect(rootPath);
            OutputFile.Write(parse.GetValue(output)!, s => DeterministicTar.WriteTarGz(s, bundle.Entries));
            context.Out.WriteLine($"fwplan collect: {bundle.Entries.Count} files written, {bundle.Missing.Count} missing (see MISSING.txt)");
            foreach (var m in bundle.Missing)
            {
                context.Error.WriteLine("  missing: " + m);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
