using FirmwarePlanner.Kernel;
using FirmwarePlanner.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using FirmwarePlanner.Acpi;
using FirmwarePlanner.Acpi.Slit;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Numa;

/// <summary>
/// Replays Linux 6.12's <c>acpi_numa_init()</c> over a decoded SRAT (<c>drivers/acpi/numa/srat.c</c>, the arch
/// handlers in <c>arch/*/…/srat.c</c>/<c>acpi_numa.c</c>, <c>mm/numa_memblks.c</c>):
/// pass 1 walks the table in order calling the handlers of types 0, 2, 3, 5 and 7; pass 2 walks it again for
/// type 1 (memory). A PXM gets a node the first time a handler maps it (<c>acpi_map_pxm_to_node</c>: the lowest
/// unused node id), so CPU entries number the nodes before memory entries do. Then SLIT distances by node.
/// </summary>
public static class LinuxSratReader
{
    private const uint MaxLocalApic = 32768;

    /// <summary>Reads <paramref name="srat"/> (and an optional <paramref name="slit"/>) as the kernel would.</summary>
    public static LinuxSratReading Read(SratTable srat, SlitTable? slit = null, LinuxNumaOptions? options = null) =>
        WithSlit(ReadSratOnly(srat, options), slit);

    /// <summary>Reads <paramref name="srat"/> alone: the SRAT passes of <c>acpi_numa_init()</c>, before its SLIT step.</summary>
    public static LinuxSratReading ReadSratOnly(SratTable srat, LinuxNumaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(srat);
        var state = new State(srat, options ?? LinuxNumaOptions.Default);
        state.Run();
        var cpus = new SratCpuList(srat.Subtables, state.CpuEntries, state.PxmToNode, srat.Revision);
        var info = new NumaFirmwareInfo(state.Blocks, cpus, state.Usable, state.PxmToNode, null);
        return new LinuxSratReading(info, state.Lines.ToLines(state.PxmToNode), state.Arch, state.FailureReason, [.. state.Bag.Items]);
    }

    /// <summary>
    /// <paramref name="reading"/> (of the SRAT alone) completed with <c>acpi_numa_init()</c>'s SLIT step; the SRAT
    /// is not read again. The same reading when <paramref name="slit"/> is null.
    /// </summary>
    public static LinuxSratReading WithSlit(LinuxSratReading reading, SlitTable? slit)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (slit is null)
        {
            return reading;
        }

        var pxmToNode = reading.Info.PxmToNode;
        var distances = SlitDistances(slit, pxmToNode, out var invalidLine);
        var info = reading.Info with
        {
            Distances = distances,
            // acpi_parse_slit() calls numa_set_distance() for each PXM pair with nodes; the first call allocates the table.
            SlitApplied = slit.LinuxValid && Enumerable.Range(0, slit.Count).Any(i => pxmToNode.ContainsKey((uint)i)),
        };
        return reading with { Info = info, Lines = invalidLine is null ? reading.Lines : reading.Lines.Add(invalidLine) };
    }

    /// <summary>The architecture <see cref="KernelArchitecture.Auto"/> stands for, judged from the subtable types present.</summary>
    public static KernelArchitecture ResolveArchitecture(SratTable srat, KernelArchitecture requested)
    {
        ArgumentNullException.ThrowIfNull(srat);
        if (requested != KernelArchitecture.Auto)
        {
            return requested;
        }

        if (srat.Subtables.Contains(SratSubtableTypes.GiccAffinity) || srat.Subtables.Contains(SratSubtableTypes.GicItsAffinity))
        {
            return KernelArchitecture.Arm64;
        }

        return srat.Subtables.Contains(SratSubtableTypes.RintcAffinity) ? KernelArchitecture.RiscV : KernelArchitecture.X86;
    }

    /// <summary>
    /// <c>acpi_parse_slit()</c> + x86 <c>numa_set_distance()</c>: a node × node matrix, 10 on the diagonal and 20
    /// elsewhere unless a valid SLIT sets it (indexed by PXM, entries whose PXM has no node skipped).
    /// </summary>
    private static int[,]? SlitDistances(SlitTable slit, IReadOnlyDictionary<uint, int> pxmToNode, out KernelMessage? invalidLine)
    {
        invalidLine = null;
        var nodeCount = pxmToNode.Count == 0 ? 0 : pxmToNode.Values.Max() + 1;
        if (nodeCount == 0)
        {
            return null;
        }

        var d = new int[nodeCount, nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            for (var j = 0; j < nodeCount; j++)
            {
                d[i, j] = i == j ? SlitLayout.LocalDistance : 20;
            }
        }

        if (!slit.LinuxValid)
        {
            invalidLine = new KernelMessage(KernelMessageLevel.Info, "ACPI: SLIT table looks invalid. Not used.", null);
            return d;
        }

        for (var i = 0; i < slit.Count; i++)
        {
            if (!pxmToNode.TryGetValue((uint)i, out var from))
            {
                continue;
            }

            for (var j = 0; j < slit.Count; j++)
            {
                if (pxmToNode.TryGetValue((uint)j, out var to))
                {
                    d[from, to] = slit.Distance(i, j);
                }
            }
        }

        return d;
    }

    /// <summary>FP3125's sentence, kept as its two numbers: a table can hold tens of thousands of such entries.</summary>
    private sealed class ApicIdTooBigMessage(uint x2ApicId, int index) : DeferredMessage
    {
        public override void AppendTo(StringBuilder sb) =>
            sb.Append(CultureInfo.InvariantCulture, $"x2APIC id 0x{x2ApicId:x} of entry #{index} is at or above MAX_LOCAL_APIC (32768); the CPU gets no node");
    }

    private sealed class State(SratTable srat, LinuxNumaOptions options)
    {
        private readonly SortedSet<int> _usedNodes = [];
        private int _memblks;
        private int _parsedMemblks;
        private bool _walkFailed;

        public KernelArchitecture Arch { get; } = ResolveArchitecture(srat, options.Architecture);

        public DiagnosticBag Bag { get; } = new();

        /// <summary>The findings one table can repeat per entry (FP3125), listed up to the cap.</summary>
        private CappedReports PerEntry => _perEntry ??= new CappedReports(Bag);

        private CappedReports? _perEntry;

        // A run of lines per stretch of consecutive entries of one kind: a table of tens of thousands holds a few.
        public LinuxSratLines.Builder Lines { get; } = new(srat.Subtables, srat.Revision);

        public List<NumaMemoryBlock> Blocks { get; } = [];

        // The subtable index of each CPU mapped, with room for every CPU-type entry up front (a table can hold tens of thousands).
        public List<int> CpuEntries { get; } = new(srat.Subtables.CountOfProcessors());

        public Dictionary<uint, int> PxmToNode { get; } = [];

        public bool Disabled { get; private set; }

        public string? FailureReason { get; private set; }

        public bool Usable => !Disabled && !_walkFailed && _parsedMemblks > 0;

        private string Source => srat.Table.Source;

        public void Run()
        {
            PassOne();
            PassTwo();
            if (!Disabled && !_walkFailed && _parsedMemblks == 0)
            {
                FailureReason ??= "no enabled memory affinity entry (acpi_numa_init returns -ENOENT)";
                Bag.Report(SratDiagnostics.NoEnabledMemory, At(SratLayout.Size),
                    "Linux accepts no memory range from this SRAT; NUMA falls back to one fake node");
            }
        }

        /// <summary>Pass 1: CPU-type handlers in table order; a handler error (generic initiator) ends the walk.</summary>
        private void PassOne()
        {
            var headers = srat.Subtables.Headers;
            for (var i = 0; i < headers.Length; i++)
            {
                // Only the types with a CPU-pass handler are decoded; the others are stepped over by their header.
                var h = headers[i];
                if (h.Type == SratSubtableTypes.X2ApicAffinity && srat.Subtables.FieldBytes(i) is { IsEmpty: false } fields)
                {
                    // The entry type a table holds by the tens of thousands: read in place, a record only for a rare branch.
                    X2ApicAffinity(i, h, fields);
                }
                else if (h.Type is 0 or 2 or 3 or 5 or 7 && srat.Subtables[i] switch
                {
                    SratCpuAffinity c => CpuAffinity(c),
                    SratGiccAffinity g => GiccAffinity(g),
                    SratGenericAffinity { IsPort: false } gi => GenericInitiator(gi),
                    SratRintcAffinity r => RintcAffinity(r),
                    SratRawSubtable { Truncated: true } raw when raw.Type is 0 or 2 or 3 or 5 or 7 => Truncated(raw),
                    _ => false,
                })
                {
                    return;
                }

                if (h.Length == 0)
                {
                    Lines.Add(new KernelMessage(KernelMessageLevel.Error, "[SRAT:0x00] Invalid zero length", h.Offset));
                    return;
                }
            }
        }

        /// <summary>Pass 2: the memory handler; a zero-length entry makes the whole SRAT parse fail.</summary>
        private void PassTwo()
        {
            var headers = srat.Subtables.Headers;
            for (var i = 0; i < headers.Length; i++)
            {
                var h = headers[i];
                if (h.Type == SratSubtableTypes.MemoryAffinity)
                {
                    // Read in place (up to NR_NODE_MEMBLKS of them count): a record only for a rare branch.
                    if (srat.Subtables.FieldBytes(i) is { IsEmpty: false } fields)
                    {
                        MemoryAffinity(i, h, fields);
                    }
                    else if (srat.Subtables[i] is SratRawSubtable { Truncated: true } raw)
                    {
                        Truncated(raw);
                    }
                }

                if (h.Length == 0)
                {
                    Lines.Add(new KernelMessage(KernelMessageLevel.Error, "[SRAT:0x01] Invalid zero length", h.Offset));
                    _walkFailed = true;
                    FailureReason ??= Inv($"zero-length subtable at 0x{h.Offset:x} (acpi_numa_init fails)");
                    Bag.Report(SratDiagnostics.SratNotUsed, At(h.Offset), FailureReason);
                    return;
                }
            }
        }

        private bool Truncated(SratRawSubtable raw)
        {
            // The fields lie past the bytes we have: Linux would read whatever follows the table in memory.
            Bag.Report(SratDiagnostics.SratNotUsed, At(raw.Offset),
                Inv($"[SRAT:0x{raw.Type:x2}] #{raw.Index} is cut off by the end of the data; what Linux reads there is unknown"));
            return false;
        }

        private bool CpuAffinity(SratCpuAffinity c)
        {
            if (Arch is not (KernelArchitecture.X86 or KernelArchitecture.LoongArch))
            {
                NotHandled(c);
                return false;
            }

            if (Disabled)
            {
                return false;
            }

            if (c.Length != SratCpuAffinityLayout.Size)
            {
                BadSrat(c.Offset, Inv($"LAPIC entry #{c.Index} has length {c.Length}, Linux requires exactly 16"));
                return false;
            }

            if (!c.Enabled)
            {
                return false;
            }

            var pxm = c.ProximityDomain(srat.Revision);
            var node = MapPxm(pxm);
            if (node < 0)
            {
                Lines.Add(new KernelMessage(KernelMessageLevel.Error, Inv($"SRAT: Too many proximity domains {pxm:x}"), c.Offset));
                BadSrat(c.Offset, TooMany(pxm, c));
                return false;
            }

            Lines.LapicNode(c.Index, Arch == KernelArchitecture.X86);
            CpuEntries.Add(c.Index);
            return false;
        }

        /// <summary>
        /// x86 <c>acpi_numa_x2apic_affinity_init()</c> on the x2APIC entry <paramref name="index"/>, its fields read from
        /// <paramref name="fields"/> (its 24 bytes); it never ends the walk.
        /// </summary>
        private void X2ApicAffinity(int index, SratSubtableHeader h, ReadOnlySpan<byte> fields)
        {
            var r = new ByteReader(fields);
            var apicId = r.U32(SratX2ApicAffinityLayout.ApicId);
            if (Arch != KernelArchitecture.X86)
            {
                Lines.Add(new KernelMessage(KernelMessageLevel.Warning, Inv($"Found unsupported x2apic [0x{apicId:x8}] SRAT entry"), h.Offset));
                NotHandled(srat.Subtables[index]);
                return;
            }

            if (Disabled)
            {
                return;
            }

            if (h.Length < SratX2ApicAffinityLayout.Size)
            {
                BadSrat(h.Offset, Inv($"x2APIC entry #{index} has length {h.Length}, Linux requires at least 24"));
                return;
            }

            var flags = (SratAffinityBits)r.U32(SratX2ApicAffinityLayout.Flags);
            if ((flags & SratAffinityBits.Enabled) == 0)
            {
                return;
            }

            var pxm = r.U32(SratX2ApicAffinityLayout.ProximityDomain);
            var maxApicId = options.X2ApicMode ? uint.MaxValue - 1 : 0xFEu;
            if (apicId > maxApicId)
            {
                Lines.Add(new KernelMessage(KernelMessageLevel.Info, Inv($"SRAT: PXM {pxm} -> X2APIC 0x{apicId:x4} ignored"), h.Offset));
                return;
            }

            var node = MapPxm(pxm);
            if (node < 0)
            {
                Lines.Add(new KernelMessage(KernelMessageLevel.Error, Inv($"SRAT: Too many proximity domains {pxm:x}"), h.Offset));
                BadSrat(h.Offset, TooMany(pxm, srat.Subtables[index]));
                return;
            }

            if (apicId >= MaxLocalApic)
            {
                Lines.X2ApicTooBig(index);
                var at = At(h.Offset + SratX2ApicAffinityLayout.ApicId);
                if (PerEntry.Admit(SratDiagnostics.ApicIdTooBig, at))
                {
                    Bag.Report(SratDiagnostics.ApicIdTooBig, at, new ApicIdTooBigMessage(apicId, index));
                }
                return;
            }

            Lines.X2ApicNode(index);
            CpuEntries.Add(index);
        }

        private bool GiccAffinity(SratGiccAffinity g)
        {
            if (Arch != KernelArchitecture.Arm64)
            {
                NotHandled(g);
                return false;
            }

            if (Disabled)
            {
                return false;
            }

            if (g.Length < SratGiccAffinityLayout.Size)
            {
                Lines.Add(new KernelMessage(KernelMessageLevel.Error, Inv($"ACPI: NUMA: SRAT: Invalid SRAT header length: {g.Length}"), g.Offset));
                BadSrat(g.Offset, Inv($"GICC entry #{g.Index} has length {g.Length}, Linux requires at least 18"));
                return false;
            }

            return g.Enabled && MapCpu(g, g.ProximityDomain, "ACPI: NUMA: ");
        }

        private bool RintcAffinity(SratRintcAffinity r)
        {
            if (Arch != KernelArchitecture.RiscV)
            {
                NotHandled(r);
                return false;
            }

            if (Disabled)
            {
                return false;
            }

            if (r.Length < SratRintcAffinityLayout.Size)
            {
                Lines.Add(new KernelMessage(KernelMessageLevel.Error, Inv($"SRAT: Invalid SRAT header length: {r.Length}"), r.Offset));
                BadSrat(r.Offset, Inv($"RINTC entry #{r.Index} has length {r.Length}, Linux requires at least 20"));
                return false;
            }

            return r.Enabled && MapCpu(r, r.ProximityDomain, string.Empty);
        }

        private bool MapCpu(SratSubtable s, uint pxm, string prefix)
        {
            var node = MapPxm(pxm);
            if (node < 0)
            {
                Lines.Add(new KernelMessage(KernelMessageLevel.Error, Inv($"{prefix}SRAT: Too many proximity domains {(int)pxm}"), s.Offset));
                BadSrat(s.Offset, TooMany(pxm, s));
                return false;
            }

            CpuEntries.Add(s.Index);
            return false;
        }

        /// <summary>Generic initiator (x86, arm64): no srat_disabled() test; a disabled entry or an unmappable PXM ends pass 1.</summary>
        private bool GenericInitiator(SratGenericAffinity gi)
        {
            if (Arch is not (KernelArchitecture.X86 or KernelArchitecture.Arm64))
            {
                return false;
            }

            if (!gi.Enabled)
            {
                Bag.Report(SratDiagnostics.SratNotUsed, At(gi.Offset),
                    Inv($"disabled Generic Initiator entry #{gi.Index}: its handler returns -EINVAL, which ends Linux's CPU pass here; later CPU entries map no node"));
                return true;
            }

            var node = MapPxm(gi.ProximityDomain);
            if (node < 0)
            {
                Lines.Add(new KernelMessage(KernelMessageLevel.Error, "ACPI: SRAT: Too many proximity domains.", gi.Offset));
                Bag.Report(SratDiagnostics.TooManyNodes, At(gi.Offset), TooMany(gi.ProximityDomain, gi));
                return true;
            }

            return false;
        }

        /// <summary><c>acpi_numa_memory_affinity_init()</c> on the memory entry <paramref name="index"/>, its fields read from <paramref name="fields"/> (its 40 bytes).</summary>
        private void MemoryAffinity(int index, SratSubtableHeader h, ReadOnlySpan<byte> fields)
        {
            if (Disabled)
            {
                return;
            }

            if (h.Length < SratMemoryAffinityLayout.Size)
            {
                Lines.Add(new KernelMessage(KernelMessageLevel.Error, Inv($"ACPI: SRAT: Unexpected header length: {h.Length}"), h.Offset));
                BadSrat(h.Offset, Inv($"memory entry #{index} has length {h.Length}, Linux requires at least 40"));
                return;
            }

            var r = new ByteReader(fields);
            var flags = (SratMemoryBits)r.U32(SratMemoryAffinityLayout.Flags);
            if ((flags & SratMemoryBits.Enabled) == 0)
            {
                return;
            }

            var hotpluggable = (flags & SratMemoryBits.HotPluggable) != 0;
            var hotplug = options.MemoryHotplug && hotpluggable;
            var start = r.U64(SratMemoryAffinityLayout.BaseAddress);
            var end = unchecked(start + r.U64(SratMemoryAffinityLayout.Length));
            var pxm = SratMemoryAffinity.LinuxProximityDomain(r.U32(SratMemoryAffinityLayout.ProximityDomain), srat.Revision);
            var node = MapPxm(pxm);
            if (node < 0)
            {
                Lines.Add(new KernelMessage(KernelMessageLevel.Error, "ACPI: SRAT: Too many proximity domains.", h.Offset));
                BadSrat(h.Offset, TooMany(pxm, srat.Subtables[index]));
                return;
            }

            if (!AddMemblk(index, h.Offset, node, pxm, start, end, hotplug, (flags & SratMemoryBits.NonVolatile) != 0))
            {
                Lines.Add(new KernelMessage(KernelMessageLevel.Error,
                    Inv($"ACPI: SRAT: Failed to add memblk to node {node} [mem {KernelFormat.Hash010(start)}-{KernelFormat.Hash010(unchecked(end - 1))}]"), h.Offset));
                BadSrat(h.Offset, Inv($"memory entry #{index} is one more than NR_NODE_MEMBLKS ({options.MaxNodeMemblks})"));
                return;
            }

            Lines.MemoryNode(index, hotplug);
            _parsedMemblks++;
        }

        /// <summary><c>numa_add_memblk()</c>: zero length ignored, wrapped ranges warned and ignored, the array bounded.</summary>
        private bool AddMemblk(int index, int offset, int node, uint pxm, ulong start, ulong end, bool hotplug, bool nonVolatile)
        {
            if (start == end)
            {
                return true;
            }

            if (start > end)
            {
                Lines.Add(new KernelMessage(KernelMessageLevel.Warning,
                    Inv($"Warning: invalid memblk node {node} [mem {KernelFormat.Hash010(start)}-{KernelFormat.Hash010(unchecked(end - 1))}]"), offset));
                return true;
            }

            if (_memblks >= options.MaxNodeMemblks)
            {
                Lines.Add(new KernelMessage(KernelMessageLevel.Error, "too many memblk ranges", offset));
                Bag.Report(SratDiagnostics.TooManyMemblks, At(offset),
                    Inv($"memory entry #{index} is enabled range number {_memblks + 1}; NR_NODE_MEMBLKS is {options.MaxNodeMemblks}"));
                return false;
            }

            _memblks++;
            Blocks.Add(new NumaMemoryBlock(node, pxm, new AddressRange(start, end), hotplug, nonVolatile));
            return true;
        }

        /// <summary><c>acpi_map_pxm_to_node()</c>: the existing node, or the lowest unused id below MAX_NUMNODES; -1 otherwise.</summary>
        private int MapPxm(uint pxm)
        {
            if (pxm >= (uint)options.MaxPxmDomains)
            {
                return -1;
            }

            if (PxmToNode.TryGetValue(pxm, out var node))
            {
                return node;
            }

            node = 0;
            foreach (var used in _usedNodes)
            {
                if (used != node)
                {
                    break;
                }

                node++;
            }

            if (node >= options.MaxNumNodes)
            {
                return -1;
            }

            PxmToNode[pxm] = node;
            _usedNodes.Add(node);
            return node;
        }

        private string TooMany(uint pxm, SratSubtable s)
        {
            var why = pxm >= (uint)options.MaxPxmDomains
                ? Inv($"PXM {pxm} is at or above MAX_PXM_DOMAINS ({options.MaxPxmDomains})")
                : Inv($"PXM {pxm} would be node {options.MaxNumNodes} or above (MAX_NUMNODES = {options.MaxNumNodes})");
            Bag.Report(pxm >= (uint)options.MaxPxmDomains ? SratDiagnostics.PxmOutOfRange : SratDiagnostics.TooManyNodes,
                At(s.Offset), Inv($"{s.TypeName} #{s.Index}: {why}: 'Too many proximity domains'"));
            return why;
        }

        private void BadSrat(int offset, string reason)
        {
            Disabled = true;
            FailureReason ??= reason;
            Lines.Add(new KernelMessage(KernelMessageLevel.Error, "ACPI: SRAT: SRAT not used.", offset));
            Bag.Report(SratDiagnostics.SratNotUsed, At(offset), reason + "; Linux prints 'SRAT: SRAT not used.'");
        }

        private void NotHandled(SratSubtable s)
        {
            if (s is SratCpuAffinity { Enabled: true } or SratX2ApicAffinity { Enabled: true } or SratGiccAffinity { Enabled: true } or SratRintcAffinity { Enabled: true })
            {
                if (!_notHandledReported.Add(s.Type))
                {
                    return;
                }

                Bag.Report(SratDiagnostics.UnsupportedOnArchitecture, At(s.Offset),
                    Inv($"{s.TypeName} entries (first #{s.Index}) are not used by a {Arch} kernel"));
            }
        }

        private readonly HashSet<byte> _notHandledReported = [];

        private SourceLocation At(int offset) => SourceLocation.AtOffset(Source, offset);

        private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
    }
}
