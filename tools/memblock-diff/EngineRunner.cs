using FirmwarePlanner.Memblock;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Memblock.Scripting;

namespace FirmwarePlanner.Tools.MemblockDiff;

/// <summary>
/// Runs a script through the engine in-process, exactly as <c>fwplan simulate</c> does (ScriptParser, then
/// ScriptRunner), and reports the outcome in the oracle's exit numbering. A <see cref="Plant"/> other than
/// <see cref="Plant.None"/> alters the engine's output on purpose (to test the differ and the minimizer).
/// </summary>
public static class EngineRunner
{
    public static Outcome Run(string scriptText, MemblockRevision kernel, Plant plant = Plant.None)
    {
        var (script, diagnostics) = ScriptParser.Parse(scriptText, "script.ops", kernel);
        var error = diagnostics.FirstOrDefault(d => d.Severity == Severity.Error);
        if (error is not null)
        {
            return new Outcome($"ERROR: line {error.Location.Line}: {error.Message}\n", 2);
        }

        var result = ScriptRunner.Run(script, kernel);
        return new Outcome(Plants.Apply(plant, result.Output), result.Panicked ? 3 : 0);
    }
}
