namespace FirmwarePlanner.Memblock.Scripting;

/// <summary>
/// The argument shape of each script word: how many numbers, whether a NID and FLAGS follow, which keyword
/// may end the line, and whether the operation exists only in 7.x. Layout as data, read by the parser.
/// </summary>
internal sealed record ScriptSyntax(string Word, ScriptOp Op, int Numbers, ScriptTail Tail, bool V7Only = false)
{
    public static readonly IReadOnlyDictionary<string, ScriptSyntax> ByWord = Build();

    /// <summary><see cref="ByWord"/> looked up by a span of the line (no token string).</summary>
    public static readonly Dictionary<string, ScriptSyntax>.AlternateLookup<ReadOnlySpan<char>> ByWordSpan =
        ((Dictionary<string, ScriptSyntax>)ByWord).GetAlternateLookup<ReadOnlySpan<char>>();

    private static Dictionary<string, ScriptSyntax> Build()
    {
        ScriptSyntax[] all =
        [
            new("add", ScriptOp.Add, 2, ScriptTail.OptionalNidFlags),
            new("reserve", ScriptOp.Reserve, 2, ScriptTail.None),
            new("reserve_kern", ScriptOp.ReserveKern, 2, ScriptTail.None, V7Only: true),
            new("reserve_nid", ScriptOp.ReserveNid, 2, ScriptTail.NidOptionalFlags, V7Only: true),
            new("mark_kern", ScriptOp.MarkKern, 2, ScriptTail.None, V7Only: true),
            new("remove", ScriptOp.Remove, 2, ScriptTail.None),
            new("free", ScriptOp.Free, 2, ScriptTail.None),
            new("mark_mirror", ScriptOp.MarkMirror, 2, ScriptTail.None),
            new("mark_hotplug", ScriptOp.MarkHotplug, 2, ScriptTail.None),
            new("clear_hotplug", ScriptOp.ClearHotplug, 2, ScriptTail.None),
            new("mark_nomap", ScriptOp.MarkNoMap, 2, ScriptTail.None),
            new("clear_nomap", ScriptOp.ClearNoMap, 2, ScriptTail.None),
            new("mark_noinit", ScriptOp.MarkNoInit, 2, ScriptTail.None),
            new("mark_kho_scratch", ScriptOp.MarkKhoScratch, 2, ScriptTail.None, V7Only: true),
            new("clear_kho_scratch", ScriptOp.ClearKhoScratch, 2, ScriptTail.None, V7Only: true),
            new("set_node", ScriptOp.SetNode, 2, ScriptTail.NidOptionalReserved),
            new("bottom_up", ScriptOp.BottomUp, 1, ScriptTail.None),
            new("current_limit", ScriptOp.CurrentLimit, 1, ScriptTail.None),
            new("allow_resize", ScriptOp.AllowResize, 0, ScriptTail.None),
            new("kernelcore_mirror", ScriptOp.KernelcoreMirror, 1, ScriptTail.None),
            new("movable_node", ScriptOp.MovableNode, 1, ScriptTail.None),
            new("debug", ScriptOp.Debug, 1, ScriptTail.None),
            new("trim", ScriptOp.Trim, 1, ScriptTail.None),
            new("mem_limit", ScriptOp.MemLimit, 1, ScriptTail.None),
            new("cap", ScriptOp.Cap, 2, ScriptTail.None),
            new("alloc", ScriptOp.Alloc, 4, ScriptTail.NidOptionalExact),
            new("phys_alloc", ScriptOp.PhysAlloc, 4, ScriptTail.NidOptionalExact),
            new("phys_alloc_range", ScriptOp.PhysAllocRange, 4, ScriptTail.None),
            new("phys_alloc_try_nid", ScriptOp.PhysAllocTryNid, 2, ScriptTail.Nid),
            new("free_last", ScriptOp.FreeLast, 0, ScriptTail.None),
            new("find", ScriptOp.Find, 4, ScriptTail.NidFlags),
            new("free_ranges", ScriptOp.FreeRanges, 0, ScriptTail.OptionalNidFlags),
            new("free_ranges_rev", ScriptOp.FreeRangesRev, 0, ScriptTail.OptionalNidFlags),
            new("mem_ranges", ScriptOp.MemRanges, 0, ScriptTail.OptionalNidFlags),
            new("is_reserved", ScriptOp.IsReserved, 1, ScriptTail.None),
            new("is_memory", ScriptOp.IsMemory, 1, ScriptTail.None),
            new("region_reserved", ScriptOp.RegionReserved, 2, ScriptTail.None),
            new("sizes", ScriptOp.Sizes, 0, ScriptTail.None),
            new("validate_numa", ScriptOp.ValidateNuma, 1, ScriptTail.None),
            new("dump", ScriptOp.Dump, 0, ScriptTail.None),
            new("dump_kernel", ScriptOp.DumpKernel, 0, ScriptTail.None),
            new("dump_debugfs", ScriptOp.DumpDebugfs, 0, ScriptTail.None),
        ];
        return all.ToDictionary(s => s.Word, StringComparer.Ordinal);
    }
}

/// <summary>What may follow the numbers of a script operation.</summary>
internal enum ScriptTail
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary><c>[NID [FLAGS]]</c>.</summary>
    OptionalNidFlags,

    /// <summary><c>NID [FLAGS]</c>.</summary>
    NidOptionalFlags,

    /// <summary><c>NID FLAGS</c>.</summary>
    NidFlags,

    /// <summary><c>NID</c>.</summary>
    Nid,

    /// <summary><c>NID [exact]</c>.</summary>
    NidOptionalExact,

    /// <summary><c>NID [reserved]</c>.</summary>
    NidOptionalReserved,
}
