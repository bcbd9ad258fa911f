using CsCheck;
using FirmwarePlanner.Common;
using FirmwarePlanner.Memblock;

namespace FirmwarePlanner.Tests.Memblock;

/// <summary>
/// Random operation sequences (decoded from random 64-bit words so CsCheck can shrink them). After every
/// operation: both arrays sorted, non-overlapping and maximally merged, totals equal to the sum of sizes,
/// capacity 128·2^k ≥ count; memory coverage equals an independent interval model; allocations lie in free
/// memory and end up reserved; and the chunked and the linear storage agree exactly (regions, log, results).
/// </summary>
public class MemblockPropertyTests
{
    private const ulong Page = 0x1000;

    [Fact]
    public void RandomScripts_KeepTheInvariants_Linux72() => Run(MemblockRevision.Linux7_2, withTrim: false);

    [Fact]
    public void RandomScripts_KeepTheInvariants_Linux612() => Run(MemblockRevision.Linux6_12, withTrim: false);

    [Fact]
    public void RandomScripts_WithTrim_KeepOrderAndMerging() => Run(MemblockRevision.Linux7_2, withTrim: true);

    private static void Run(MemblockRevision kernel, bool withTrim) =>
        Gen.ULong.Array[1, 320].Sample(words =>
        {
            var chunked = MemblockEngine.Create(kernel, MemblockStorage.Chunked);
            var linear = MemblockEngine.Create(kernel, MemblockStorage.LinearArray);
            var model = new IntervalModel();
            var resize = (words[0] & 1) == 0;
            var staleTotals = false;
            foreach (var e in new[] { chunked, linear })
            {
                e.MirroredKernelcore = (words[0] & 2) != 0;
                e.BottomUp = (words[0] & 4) != 0;
                e.MovableNode = (words[0] & 8) != 0;
                if (resize)
                {
                    e.AllowResize();
                }
            }

            for (var i = 1; i < words.Length && chunked.PanicMessage is null; i++)
            {
                var op = Decode(words[i], withTrim);
                var a = Apply(chunked, op, model);
                var b = Apply(linear, op, null);
                Assert.Equal(a, b);
                staleTotals |= op.Kind == OpKind.Trim;
                Check(chunked, model, staleTotals);
                AssertSame(chunked, linear);
                if (a.Address != 0 && op.Size != 0)
                {
                    AssertAllocation(chunked, op, a.Address);
                }
            }
        }, iter: 60, threads: 1);

    private enum OpKind
    {
        Add, AddNode, Reserve, ReserveKern, Remove, Free, MarkMirror, MarkHotplug, ClearHotplug, MarkNoMap,
        ClearNoMap, SetNode, SetNodeReserved, Alloc, PhysAlloc, AllocExact, MemLimit, Trim,
    }

    private readonly record struct Op(OpKind Kind, ulong Base, ulong Size, int Nid, MemblockFlags Flags, ulong Align);

    private static Op Decode(ulong w, bool withTrim)
    {
        var kinds = withTrim ? 18 : 17;
        var kind = (OpKind)(int)(w % (ulong)kinds);
        w /= (ulong)kinds;
        var slot = w % 600;
        w /= 600;
        var pages = w % 24;
        w /= 24;
        int[] nids = [-1, 0, 1, 2, 1024];
        var nid = nids[(int)(w % 5)];
        w /= 5;
        var flags = (MemblockFlags)(uint)(w % 8) & (MemblockFlags.Hotplug | MemblockFlags.Mirror | MemblockFlags.NoMap);
        w /= 8;
        var align = 1UL << (int)(w % 14);
        w /= 14;
        var odd = w % 5 == 0 ? 0x123UL : 0;

        // Every 16th operation straddles the top of the address space to exercise the size cap.
        var @base = w % 16 == 1 ? ulong.MaxValue - (slot * Page) : slot * Page * 2 + odd;
        return new Op(kind, @base, pages * Page + (odd >> 4), nid, flags, align);
    }

    private readonly record struct Outcome(int Code, ulong Address, int LogCount);

    private static Outcome Apply(MemblockEngine e, Op op, IntervalModel? model)
    {
        var code = 0;
        ulong address = 0;
        switch (op.Kind)
        {
            case OpKind.Add: code = e.Add(op.Base, op.Size); break;
            case OpKind.AddNode: code = e.AddNode(op.Base, op.Size, op.Nid, op.Flags); break;
            case OpKind.Reserve: code = e.Reserve(op.Base, op.Size); break;
            case OpKind.ReserveKern: code = e.ReserveKern(op.Base, op.Size); break;
            case OpKind.Remove: code = e.Remove(op.Base, op.Size); break;
            case OpKind.Free: code = e.Free(op.Base, op.Size); break;
            case OpKind.MarkMirror: code = e.MarkMirror(op.Base, op.Size); break;
            case OpKind.MarkHotplug: code = e.MarkHotplug(op.Base, op.Size); break;
            case OpKind.ClearHotplug: code = e.ClearHotplug(op.Base, op.Size); break;
            case OpKind.MarkNoMap: code = e.MarkNoMap(op.Base, op.Size); break;
            case OpKind.ClearNoMap: code = e.ClearNoMap(op.Base, op.Size); break;
            case OpKind.SetNode: code = e.SetNode(op.Base, op.Size, op.Nid); break;
            case OpKind.SetNodeReserved: code = e.SetNode(op.Base, op.Size, op.Nid, MemblockTypeKind.Reserved); break;
            case OpKind.Alloc: address = e.AllocTryNid(op.Size, op.Align, op.Base, op.Base + op.Size * 64, op.Nid); break;
            case OpKind.PhysAlloc: address = e.AllocRangeNid(op.Size, op.Align, 0, MemblockConstants.AllocAnywhere, op.Nid); break;
            case OpKind.AllocExact: address = e.AllocExactNidRaw(op.Size, op.Align, 0, MemblockConstants.AllocAccessible, op.Nid); break;
            case OpKind.MemLimit: e.EnforceMemoryLimit(op.Base); break;
            case OpKind.Trim: e.TrimMemory(op.Align); break;
        }

        if (model is not null && e.PanicMessage is null && code == 0)
        {
            var size = Math.Min(op.Size, ulong.MaxValue - op.Base);
            switch (op.Kind)
            {
                case OpKind.Add or OpKind.AddNode: model.Add(op.Base, op.Base + size); break;
                case OpKind.Remove: model.Remove(op.Base, op.Base + size); break;
                case OpKind.MemLimit: model.Reset(e.Memory); break;
                case OpKind.Trim: model.Reset(e.Memory); break;
            }
        }

        return new Outcome(code, address, e.Log.Count);
    }

    private static void Check(MemblockEngine e, IntervalModel model, bool staleTotals)
    {
        foreach (var type in new[] { e.Memory, e.Reserved })
        {
            var regions = type.Regions;
            Assert.True(type.Max >= MemblockConstants.InitRegions && (type.Max & (type.Max - 1)) == 0, $"{type.Name}.max {type.Max}");
            Assert.True(type.Count <= type.Max, $"{type.Name}.cnt {type.Count} > max {type.Max}");
            ulong sum = 0;
            for (var i = 0; i < regions.Length; i++)
            {
                var r = regions[i];
                Assert.True(r.Size > 0, $"{type.Name}[{i}] is empty");
                sum += r.Size;
                if (i + 1 < regions.Length)
                {
                    var n = regions[i + 1];
                    Assert.True(r.End <= n.Base, $"{type.Name}[{i}] overlaps or is out of order");
                    Assert.False(r.End == n.Base && r.Nid == n.Nid && r.Flags == n.Flags, $"{type.Name}[{i}] and [{i + 1}] should have merged");
                }
            }

            if (!staleTotals)
            {
                Assert.Equal(sum, type.TotalSize);
            }
        }

        Assert.Equal(model.Intervals, Coverage(e.Memory));
    }

    /// <summary>Checks a non-empty allocation (Linux returns the end of a free range for size 0 and reserves nothing).</summary>
    private static void AssertAllocation(MemblockEngine e, Op op, ulong address)
    {
        var align = op.Align;
        Assert.True(address >= Page, "page 0 handed out");
        Assert.Equal(0UL, address % align);
        Assert.True(e.IsMemory(address) && e.IsMemory(address + op.Size - 1), "allocation outside memory");
        Assert.True(e.IsReserved(address) && e.IsReserved(address + op.Size - 1), "allocation not reserved");
    }

    private static void AssertSame(MemblockEngine a, MemblockEngine b)
    {
        Assert.Equal(a.Memory.Regions.ToArray(), b.Memory.Regions.ToArray());
        Assert.Equal(a.Reserved.Regions.ToArray(), b.Reserved.Regions.ToArray());
        Assert.Equal((a.Memory.Max, a.Memory.TotalSize, a.Reserved.Max, a.Reserved.TotalSize),
            (b.Memory.Max, b.Memory.TotalSize, b.Reserved.Max, b.Reserved.TotalSize));
        Assert.Equal(a.Log.ToArray(), b.Log.ToArray());
    }

    private static List<(ulong, ulong)> Coverage(MemblockTypeSnapshot type)
    {
        var result = new List<(ulong Start, ulong End)>();
        foreach (var r in type.Regions)
        {
            if (result.Count > 0 && result[^1].End == r.Base)
            {
                result[^1] = (result[^1].Start, r.End);
            }
            else
            {
                result.Add((r.Base, r.End));
            }
        }

        return result.Select(x => (x.Start, x.End)).ToList();
    }

    /// <summary>Covered addresses as disjoint, coalesced intervals: what memory must cover, flags and nids aside.</summary>
    private sealed class IntervalModel
    {
        public List<(ulong, ulong)> Intervals { get; private set; } = [];

        public void Add(ulong start, ulong end)
        {
            if (start >= end)
            {
                return;
            }

            var all = Intervals.Append((start, end)).OrderBy(x => x.Item1).ToList();
            var merged = new List<(ulong, ulong)>();
            foreach (var (s, t) in all)
            {
                if (merged.Count > 0 && s <= merged[^1].Item2)
                {
                    merged[^1] = (merged[^1].Item1, Math.Max(merged[^1].Item2, t));
                }
                else
                {
                    merged.Add((s, t));
                }
            }

            Intervals = merged;
        }

        public void Remove(ulong start, ulong end)
        {
            if (start >= end)
            {
                return;
            }

            var result = new List<(ulong, ulong)>();
            foreach (var (s, t) in Intervals)
            {
                if (t <= start || s >= end)
                {
                    result.Add((s, t));
                    continue;
                }

                if (s < start)
                {
                    result.Add((s, start));
                }

                if (t > end)
                {
                    result.Add((end, t));
                }
            }

            Intervals = result;
        }

        public void Reset(MemblockTypeSnapshot memory) => Intervals = Coverage(memory);
    }
}
