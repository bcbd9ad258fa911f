using FirmwarePlanner.Memblock;
using FirmwarePlanner.Common;

namespace FirmwarePlanner.Tools.MemblockDiff;

/// <summary>Runs a script through a built <c>fwplan</c> executable (<c>fwplan simulate FILE --kernel K</c>): the whole
/// CLI, one process per script. Exit 1 (the simulated kernel panicked) maps to the oracle's 3.</summary>
public static class CliRunner
{
    public static Outcome Run(string fwplan, string scriptText, MemblockRevision kernel, Plant plant = Plant.None)
    {
        var path = Path.Combine(Path.GetTempPath(), $"memblock-diff-{Environment.ProcessId}-{Guid.NewGuid():N}.ops");
        File.WriteAllText(path, scriptText);
        try
        {
            var (rc, output, _) = Oracle.Exec(fwplan, ["simulate", path, "--kernel", kernel.ShortName()], null);
            return new Outcome(Plants.Apply(plant, output), rc switch { 0 => 0, 1 => 3, _ => 2 });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
