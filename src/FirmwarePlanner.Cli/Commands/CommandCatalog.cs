using System.CommandLine;

namespace FirmwarePlanner.Cli.Commands;

/// <summary>Every verb of <c>fwplan</c>, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All(CommandContext context)
    {
        yield return InspectCommand.Create(context);
        yield return SimulateCommand.Create(context);
        yield return PredictCommand.Create(context);
        yield return CheckCommand.Create(context);
        yield return FleetCommand.Create(context);
        yield return CollectCommand.Create(context);
        yield return PlanCommand.Create(context);
        yield return VerifyCommand.Create(context);
        yield return ProfileCommand.Create(context);
    }
}
