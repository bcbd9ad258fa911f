namespace FirmwarePlanner.Memblock;

/// <summary>What kind of kernel output a <see cref="MemblockLogEntry"/> is.</summary>
public enum MemblockLogKind
{
    /// <summary><c>pr_info</c>, including every <c>memblock_dbg()</c> line (only with memblock=debug).</summary>
    Info,

    /// <summary><c>pr_warn</c> / <c>pr_warn_ratelimited</c> (the mirrored-memory fallback warning).</summary>
    Warning,

    /// <summary><c>pr_err</c> (array doubling failure, NUMA coverage).</summary>
    Error,

    /// <summary><c>dump_stack()</c> (an allocation with align 0).</summary>
    DumpStack,

    /// <summary>A <c>WARN_ON(cond)</c> that fired; <see cref="MemblockLogEntry.Text"/> is the condition.</summary>
    WarnOn,

    /// <summary><c>panic()</c>; the simulated kernel stops.</summary>
    Panic,
}

/// <summary>One line the kernel would print, in the order it prints them.</summary>
public readonly record struct MemblockLogEntry(MemblockLogKind Kind, string Text);
