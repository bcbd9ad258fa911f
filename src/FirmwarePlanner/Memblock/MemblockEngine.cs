using FirmwarePlanner.Common;
using static FirmwarePlanner.Memblock.MemblockConstants;

namespace FirmwarePlanner.Memblock;

/// <summary>
/// Linux's boot-time memory allocator, <c>mm/memblock.c</c>, reproduced operation by operation.
/// </summary>
/// <remarks>
/// <para>memblock keeps two arrays of regions: <c>memory</c> (all RAM the firmware reported) and
/// <c>reserved</c> (what is in use or must not be handed out). Each array is sorted by base, its regions never
/// overlap, and neighbours with the same node id and exactly the same flags are merged. Adding a range never
/// modifies an existing region: only the uncovered parts are inserted, with the new nid and flags.</para>
/// <para>Allocations search <c>memory</c> minus <c>reserved</c> top-down (or bottom-up), never return page 0,
/// prefer mirrored memory once <c>memblock_mark_mirror()</c> ran under kernelcore=mirror (warning
/// <c>Could not allocate … bytes of mirrored memory</c> when they fall back), try the requested node then any
/// node, and reserve what they found.</para>
/// <para>Each array starts with 128 entries; growing it allocates a new array from memblock itself
/// (mirror-first, reserved like any allocation) and panics if <see cref="AllowResize"/> was not called.</para>
/// <para>Everything the kernel prints on the way (memblock=debug lines, warnings, <c>WARN_ON</c>s, the panic)
/// is collected in <see cref="Log"/>. All ranges are half-open <c>[base, base + size)</c>.</para>
/// </remarks>
public sealed partial class MemblockEngine
{
    private readonly MemblockType _memory;
    private readonly MemblockType _reserved;
    private readonly List<MemblockLogEntry> _log = [];

    private MemblockEngine(MemblockRevision kernel, MemblockStorage storage)
    {
        Kernel = kernel;
        Storage = storage;
        _memory = new MemblockType("memory", storage);
        _reserved = new MemblockType("reserved", storage);
    }

    /// <summary>A fresh memblock in the kernel's static initial state (both arrays empty, 128 entries each).</summary>
    public static MemblockEngine Create(MemblockRevision kernel = MemblockRevisions.Default, MemblockStorage storage = MemblockStorage.Chunked) =>
        new(kernel, storage);

    /// <summary>Which kernel's behaviour this instance follows.</summary>
    public MemblockRevision Kernel { get; }

    /// <summary>How the region arrays are stored (results never depend on it).</summary>
    public MemblockStorage Storage { get; }

    /// <summary><c>memblock.bottom_up</c> (<c>memblock_set_bottom_up()</c>).</summary>
    public bool BottomUp { get; set; }

    /// <summary><c>memblock.current_limit</c> (<c>memblock_set_current_limit()</c>); ANYWHERE initially.</summary>
    public ulong CurrentLimit { get; set; } = AllocAnywhere;

    /// <summary><c>memblock_can_resize</c>, set by <see cref="AllowResize"/>.</summary>
    public bool CanResize { get; private set; }

    /// <summary><c>mirrored_kernelcore</c>: what <c>kernelcore=mirror</c> sets. Gates <see cref="MarkMirror"/>.</summary>
    public bool MirroredKernelcore { get; set; }

    /// <summary><c>movable_node_is_enabled()</c>: allocations skip HOTPLUG memory.</summary>
    public bool MovableNode { get; set; }

    /// <summary><c>memblock_debug</c> (<c>memblock=debug</c>): enables the <c>memblock_dbg()</c> lines.</summary>
    public bool Debug { get; set; }

    /// <summary><c>system_has_some_mirror</c> / <c>memblock_has_mirror()</c>: set only by <see cref="MarkMirror"/>.</summary>
    public bool HasMirror { get; private set; }

    /// <summary>7.x <c>kho_scratch_only</c>: allocations use only KHO_SCRATCH memory.</summary>
    public bool KhoScratchOnly { get; set; }

    /// <summary>What <c>%pS</c> of the caller renders as in debug lines (the oracle prints <c>&lt;caller&gt;</c>).</summary>
    public string Caller { get; set; } = "<caller>";

    /// <summary>The <c>panic()</c> message once the simulated kernel panicked; every later call does nothing.</summary>
    public string? PanicMessage { get; private set; }

    /// <summary>Every line the kernel printed so far, in order.</summary>
    public IReadOnlyList<MemblockLogEntry> Log => _log;

    /// <summary>Called for every log line as it is printed (optional).</summary>
    public Action<MemblockLogEntry>? LogSink { get; set; }

    /// <summary>Snapshot of <c>memblock.memory</c>.</summary>
    public MemblockTypeSnapshot Memory => _memory.Snapshot();

    /// <summary>Snapshot of <c>memblock.reserved</c>.</summary>
    public MemblockTypeSnapshot Reserved => _reserved.Snapshot();

    /// <summary><c>memblock_phys_mem_size()</c>: memory's <c>total_size</c>.</summary>
    public ulong PhysMemSize => _memory.TotalSize;

    /// <summary><c>memblock_reserved_size()</c>.</summary>
    public ulong ReservedSize => _reserved.TotalSize;

    /// <summary><c>memblock_start_of_DRAM()</c> (0 when there is no memory).</summary>
    public ulong StartOfDram => _memory.Count == 0 ? 0 : _memory.Regions[0].Base;

    /// <summary><c>memblock_end_of_DRAM()</c>: end of the last memory region (0 when there is none).</summary>
    public ulong EndOfDram => _memory.Count == 0 ? 0 : _memory.Regions[_memory.Count - 1].End;

    /// <summary><c>memblock_allow_resize()</c>: from now on full arrays are doubled instead of panicking.</summary>
    public void AllowResize() => CanResize = true;

    /// <summary>Number of regions in one array (no copy).</summary>
    public int CountOf(MemblockTypeKind kind) => TypeOf(kind).Count;

    /// <summary>One region of one array by index (no copy).</summary>
    public MemblockRegion RegionAt(MemblockTypeKind kind, int index) => TypeOf(kind).Regions[index];

    private MemblockType TypeOf(MemblockTypeKind kind) => kind == MemblockTypeKind.Memory ? _memory : _reserved;

    private bool V7 => Kernel.IsV7();

    private void Print(MemblockLogKind kind, string text)
    {
        var entry = new MemblockLogEntry(kind, text);
        _log.Add(entry);
        LogSink?.Invoke(entry);
    }

    /// <summary><c>memblock_dbg()</c>: an info line with the caller symbol appended, only under memblock=debug.</summary>
    private void Dbg(string text)
    {
        if (Debug)
        {
            Print(MemblockLogKind.Info, text + " " + Caller);
        }
    }

    private void WarnOn(string condition) => Print(MemblockLogKind.WarnOn, condition);

    private void Panic(string message)
    {
        PanicMessage = message;
        Print(MemblockLogKind.Panic, message);
        throw new MemblockPanicException();
    }

    /// <summary>Runs one public operation: nothing after a panic, and a panic inside ends it with -1.</summary>
    private int Guard<TArg>(TArg arg, Func<MemblockEngine, TArg, int> operation)
    {
        if (PanicMessage is not null)
        {
            return -1;
        }

        try
        {
            return operation(this, arg);
        }
        catch (MemblockPanicException)
        {
            return -1;
        }
    }

    private ulong GuardAddress<TArg>(TArg arg, Func<MemblockEngine, TArg, ulong> operation)
    {
        if (PanicMessage is not null)
        {
            return 0;
        }

        try
        {
            return operation(this, arg);
        }
        catch (MemblockPanicException)
        {
            return 0;
        }
    }

    private void RequireV7(string what)
    {
        if (!V7)
        {
            throw new InvalidOperationException($"{what} exists only in Linux 7.x memblock");
        }
    }

    /// <summary>Unwinds a simulated <c>panic()</c> to the public entry point; never escapes the engine.</summary>
    private sealed class MemblockPanicException : Exception
    {
    }
}
