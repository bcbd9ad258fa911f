using System.Collections.Immutable;

namespace FirmwarePlanner.Memblock.Scripting;

/// <summary>
/// One parsed script line: the operation, its numeric arguments in script order, and the optional node id,
/// flags and keywords (<c>exact</c>, <c>reserved</c>). <see cref="Text"/> is the line as the oracle echoes it
/// (comment stripped, tokens joined by one blank).
/// </summary>
public sealed record ScriptOperation(
    ScriptOp Op,
    int Line,
    string Text,
    ImmutableArray<ulong> Args,
    int Nid = MemblockConstants.NumaNoNode,
    MemblockFlags Flags = MemblockFlags.None,
    bool Exact = false,
    bool OnReserved = false,
    bool HasNid = false)
{
    public ulong Arg(int index) => Args[index];
}

/// <summary>A parsed script: the operations in order (only lines that parsed cleanly).</summary>
public sealed record MemblockScript(ImmutableArray<ScriptOperation> Operations);
