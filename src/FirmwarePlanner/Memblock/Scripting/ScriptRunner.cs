using System.Globalization;
using System.Text;
using FirmwarePlanner.Common;
using static FirmwarePlanner.Text.KernelFormat;

namespace FirmwarePlanner.Memblock.Scripting;

/// <summary>
/// Runs a <see cref="MemblockScript"/> on a fresh <see cref="MemblockEngine"/> and renders exactly what the
/// memblock oracle prints (<c>.expected</c> files): header, each operation with its kernel lines and result,
/// and the final state. A panic ends the run without a final state, as in the oracle.
/// </summary>
public sealed class ScriptRunner
{
    /// <summary>How much transcript a streaming run holds before it writes it out.</summary>
    private const int FlushChars = 1 << 16;

    private readonly MemblockEngine _engine;
    private readonly StringBuilder _out = new();
    private readonly TextWriter? _transcript;
    private (ulong Address, ulong Size) _last;

    private ScriptRunner(MemblockRevision kernel, MemblockStorage storage, TextWriter? transcript)
    {
        _engine = MemblockEngine.Create(kernel, storage);
        _engine.LogSink = WriteLog;
        _transcript = transcript;
        _out.Append(Invariant, $"# memblock-oracle linux={kernel.OracleRelease()} NUMA MAX_NUMNODES={MemblockConstants.MaxNumNodes} PAGE_SIZE={MemblockConstants.PageSize} SMP_CACHE_BYTES={MemblockConstants.SmpCacheBytes} INIT_MEMBLOCK_REGIONS={MemblockConstants.InitRegions}\n");
    }

    /// <summary>The engine the operations run on.</summary>
    public MemblockEngine Engine => _engine;

    /// <summary>True once an operation made the simulated kernel panic (the run is over, with no final state).</summary>
    public bool Panicked => _engine.PanicMessage is not null;

    /// <summary>Runs every operation in order.</summary>
    public static ScriptResult Run(MemblockScript script, MemblockRevision kernel = MemblockRevisions.Default, MemblockStorage storage = MemblockStorage.Chunked)
    {
        ArgumentNullException.ThrowIfNull(script);
        var runner = new ScriptRunner(kernel, storage, null);
        foreach (var op in script.Operations)
        {
            if (!runner.Step(op))
            {
                return new ScriptResult(runner._out.ToString(), true, runner._engine);
            }
        }

        runner.Finish();
        return new ScriptResult(runner._out.ToString(), false, runner._engine);
    }

    /// <summary>
    /// A run whose transcript goes to <paramref name="transcript"/> as it is made (the same text <see cref="Run"/>
    /// returns): feed it with <see cref="Step"/>, end it with <see cref="Finish"/> unless it panicked.
    /// </summary>
    public static ScriptRunner Streaming(TextWriter transcript, MemblockRevision kernel = MemblockRevisions.Default, MemblockStorage storage = MemblockStorage.Chunked)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        return new ScriptRunner(kernel, storage, transcript);
    }

    /// <summary>Echoes and runs one operation; false when the kernel panicked (nothing more runs).</summary>
    public bool Step(ScriptOperation op)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (Panicked)
        {
            return false;
        }

        _out.Append("> ").Append(op.Text).Append('\n');
        Execute(op);
        Flush(force: Panicked);
        return !Panicked;
    }

    /// <summary>Prints the final state and writes out what is left of the transcript.</summary>
    public void Finish()
    {
        State("final");
        Flush(force: true);
    }

    private void Flush(bool force)
    {
        if (_transcript is not null && (force || _out.Length >= FlushChars))
        {
            _transcript.Write(_out);
            _out.Clear();
        }
    }

    private void Execute(ScriptOperation op)
    {
        var e = _engine;
        switch (op.Op)
        {
            case ScriptOp.Add: Result(e.Add(op.Arg(0), op.Arg(1))); break;
            case ScriptOp.AddNode: Result(e.AddNode(op.Arg(0), op.Arg(1), op.Nid, op.Flags)); break;
            case ScriptOp.Reserve: Result(e.Reserve(op.Arg(0), op.Arg(1))); break;
            case ScriptOp.ReserveKern: Result(e.ReserveKern(op.Arg(0), op.Arg(1))); break;
            case ScriptOp.ReserveNid: Result(e.ReserveNid(op.Arg(0), op.Arg(1), op.Nid, op.Flags)); break;
            case ScriptOp.MarkKern: Result(e.ReservedMarkKern(op.Arg(0), op.Arg(1))); break;
            case ScriptOp.Remove: Result(e.Remove(op.Arg(0), op.Arg(1))); break;
            case ScriptOp.Free: Result(e.Free(op.Arg(0), op.Arg(1))); break;
            case ScriptOp.MarkMirror: Result(e.MarkMirror(op.Arg(0), op.Arg(1))); break;
            case ScriptOp.MarkHotplug: Result(e.MarkHotplug(op.Arg(0), op.Arg(1))); break;
            case ScriptOp.ClearHotplug: Result(e.ClearHotplug(op.Arg(0), op.Arg(1))); break;
            case ScriptOp.MarkNoMap: Result(e.MarkNoMap(op.Arg(0), op.Arg(1))); break;
            case ScriptOp.ClearNoMap: Result(e.ClearNoMap(op.Arg(0), op.Arg(1))); break;
            case ScriptOp.MarkNoInit: Result(e.ReservedMarkNoInit(op.Arg(0), op.Arg(1))); break;
            case ScriptOp.MarkKhoScratch: Result(e.MarkKhoScratch(op.Arg(0), op.Arg(1))); break;
            case ScriptOp.ClearKhoScratch: Result(e.ClearKhoScratch(op.Arg(0), op.Arg(1))); break;
            case ScriptOp.SetNode:
                Result(e.SetNode(op.Arg(0), op.Arg(1), op.Nid, op.OnReserved ? MemblockTypeKind.Reserved : MemblockTypeKind.Memory));
                break;
            default:
                ExecuteSetting(op);
                break;
        }
    }

    private void ExecuteSetting(ScriptOperation op)
    {
        var e = _engine;
        switch (op.Op)
        {
            case ScriptOp.BottomUp: e.BottomUp = op.Arg(0) != 0; break;
            case ScriptOp.CurrentLimit: e.CurrentLimit = op.Arg(0); break;
            case ScriptOp.AllowResize: e.AllowResize(); break;
            case ScriptOp.KernelcoreMirror: e.MirroredKernelcore = op.Arg(0) != 0; break;
            case ScriptOp.MovableNode: e.MovableNode = op.Arg(0) != 0; break;
            case ScriptOp.Debug: e.Debug = op.Arg(0) != 0; break;
            case ScriptOp.Trim: e.TrimMemory(op.Arg(0)); break;
            case ScriptOp.MemLimit: e.EnforceMemoryLimit(op.Arg(0)); break;
            case ScriptOp.Cap: e.CapMemoryRange(op.Arg(0), op.Arg(1)); break;
            default:
                ExecuteAlloc(op);
                return;
        }

        if (e.PanicMessage is null)
        {
            Result(0);
        }
    }

    private void ExecuteAlloc(ScriptOperation op)
    {
        var e = _engine;
        ulong address;
        switch (op.Op)
        {
            case ScriptOp.Alloc:
                address = e.AllocTryNid(op.Arg(0), op.Arg(1), op.Arg(2), op.Arg(3), op.Nid,
                    op.Exact ? MemblockAllocFunction.ExactNidRaw : MemblockAllocFunction.TryNidRaw);
                break;
            case ScriptOp.PhysAlloc: address = e.AllocRangeNid(op.Arg(0), op.Arg(1), op.Arg(2), op.Arg(3), op.Nid, op.Exact); break;
            case ScriptOp.PhysAllocRange: address = e.PhysAllocRange(op.Arg(0), op.Arg(1), op.Arg(2), op.Arg(3)); break;
            case ScriptOp.PhysAllocTryNid: address = e.PhysAllocTryNid(op.Arg(0), op.Arg(1), op.Nid); break;
            case ScriptOp.Find:
                Address(e.FindInRangeNode(op.Arg(0), op.Arg(1), op.Arg(2), op.Arg(3), op.Nid, op.Flags));
                return;
            default:
                ExecuteQuery(op);
                return;
        }

        if (e.PanicMessage is null)
        {
            _last = (address, op.Arg(0));
            Address(address);
        }
    }

    private void ExecuteQuery(ScriptOperation op)
    {
        var e = _engine;
        switch (op.Op)
        {
            case ScriptOp.FreeLast:
                // The block is consumed: a second free_last, or one after a FAIL, has nothing to free.
                if (_last.Address != 0)
                {
                    var (address, size) = _last;
                    _last = default;
                    _out.Append(Invariant, $"  (freeing [{Pa(address)}-{Pa(address + size)}))\n");
                    Result(e.Free(address, size));
                }
                else
                {
                    Line("= nothing");
                }

                break;
            case ScriptOp.FreeRanges: Ranges(e.FreeRanges(op.Nid, op.Flags)); break;
            case ScriptOp.FreeRangesRev: Ranges(e.FreeRanges(op.Nid, op.Flags, reverse: true)); break;
            case ScriptOp.MemRanges: Ranges(e.MemRanges(op.Nid, op.Flags)); break;
            case ScriptOp.IsReserved: Result(e.IsReserved(op.Arg(0)) ? 1 : 0); break;
            case ScriptOp.IsMemory: Result(e.IsMemory(op.Arg(0)) ? 1 : 0); break;
            case ScriptOp.RegionReserved: Result(e.IsRegionReserved(op.Arg(0), op.Arg(1)) ? 1 : 0); break;
            case ScriptOp.ValidateNuma: Result(e.ValidateNumaCoverage(op.Arg(0)) ? 1 : 0); break;
            case ScriptOp.Sizes:
                _out.Append(Invariant, $"= phys_mem_size=0x{X(e.PhysMemSize)} reserved_size=0x{X(e.ReservedSize)} start_of_DRAM=0x{X(e.StartOfDram)} end_of_DRAM=0x{X(e.EndOfDram)}\n");
                break;
            case ScriptOp.Dump: State("dump"); break;
            case ScriptOp.DumpKernel:
                foreach (var line in e.KernelDumpLines(KernelTextStyle.Glibc))
                {
                    Line("KMSG: " + line);
                }

                break;
            case ScriptOp.DumpDebugfs:
                Line("-- /sys/kernel/debug/memblock/memory --");
                _out.Append(e.DebugfsText(MemblockTypeKind.Memory));
                Line("-- /sys/kernel/debug/memblock/reserved --");
                _out.Append(e.DebugfsText(MemblockTypeKind.Reserved));
                break;
        }
    }

    private void Ranges(IReadOnlyList<MemblockRange> ranges)
    {
        foreach (var r in ranges)
        {
            _out.Append(Invariant, $"range [{Pa(r.Start)}-{Pa(r.End)}) size=0x{X(r.Size)} nid={r.Nid}\n");
        }

        Line("= end");
    }

    /// <summary>The oracle's state block: settings, then each array with its regions.</summary>
    private void State(string why)
    {
        var e = _engine;
        _out.Append(Invariant, $"== state ({why}) bottom_up={(e.BottomUp ? 1 : 0)} current_limit=0x{X(e.CurrentLimit)} has_mirror={(e.HasMirror ? 1 : 0)} ==\n");
        foreach (var type in new[] { e.Memory, e.Reserved })
        {
            _out.Append(Invariant, $"{type.Name}.cnt={type.Count} max={type.Max} total_size=0x{X(type.TotalSize)}\n");
            for (var i = 0; i < type.Regions.Length; i++)
            {
                var r = type.Regions[i];
                _out.Append(Invariant, $"{type.Name}[{i}] base={Pa(r.Base)} end={Pa(r.End)} size=0x{X(r.Size)} nid={r.Nid} flags=0x{X((uint)r.Flags)} {MemblockEngine.FlagList(r.Flags)}\n");
                Flush(force: false);
            }
        }
    }

    private void WriteLog(MemblockLogEntry entry) => Line(entry.Kind switch
    {
        MemblockLogKind.WarnOn => $"WARNING: WARN_ON({entry.Text})",
        MemblockLogKind.Panic => "PANIC: " + entry.Text,
        _ => "KMSG: " + entry.Text,
    });

    private void Result(int value)
    {
        if (_engine.PanicMessage is null)
        {
            _out.Append(Invariant, $"= {value}\n");
        }
    }

    private void Address(ulong address)
    {
        if (address == 0)
        {
            Line("= FAIL");
        }
        else
        {
            _out.Append("= ").Append(Pa(address)).Append('\n');
        }
    }

    private void Line(string text) => _out.Append(text).Append('\n');

    private static CultureInfo Invariant => CultureInfo.InvariantCulture;
}
