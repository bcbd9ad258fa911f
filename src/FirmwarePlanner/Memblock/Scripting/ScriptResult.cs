namespace FirmwarePlanner.Memblock.Scripting;

/// <summary>What running a script produced: the oracle-format text and whether the kernel panicked.</summary>
public sealed record ScriptResult(string Output, bool Panicked, MemblockEngine Engine);
