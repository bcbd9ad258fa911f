using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Acpi.Srat;

/// <summary>SRAT diagnostics: FP3100–FP3199. Offsets are table-relative bytes.</summary>
public static class SratDiagnostics
{
    public static readonly DiagnosticDescriptor TableRevisionNotOne = new("FP3101", Severity.Warning,
        "SRAT Table Revision field is not 1",
        "The u32 at offset 36 must be 1 (fwts SRATBadFieldValue). Linux ignores it.");

    public static readonly DiagnosticDescriptor FixedReservedNonZero = new("FP3102", Severity.Warning,
        "SRAT reserved bytes 40–47 are not zero",
        "The 8 reserved bytes of the SRAT fixed part must be zero.");

    public static readonly DiagnosticDescriptor ZeroLengthSubtable = new("FP3103", Severity.Error,
        "Zero-length subtable",
        "A subtable declares length 0. Linux prints '[SRAT:0x..] Invalid zero length' and stops the walk (a memory " +
        "entry of length 0 also disables SRAT: 'SRAT: SRAT not used.'); iasl stops too; fwts resynchronises. The walk stops here.");

    public static readonly DiagnosticDescriptor SubtableLongerThanCanonical = new("FP3104", Severity.Warning,
        "Subtable longer than its type's size",
        "The declared length exceeds the type's size (fwts SRATBadStructureLength). Linux and iasl continue at " +
        "offset + declared length; fwts continues at offset + canonical size.");

    public static readonly DiagnosticDescriptor SubtableShorterThanCanonical = new("FP3105", Severity.Error,
        "Subtable shorter than its type's size",
        "The declared length is below the type's size: Linux rejects a short memory/CPU entry (bad_srat) and continues " +
        "the walk at offset + declared length, where the next 'subtable' is misaligned; fwts resynchronises at the canonical size.");

    public static readonly DiagnosticDescriptor SubtableOverrunsTable = new("FP3106", Severity.Error,
        "Subtable runs past the end of the table",
        "offset + declared length passes the table's length; Linux reads the fields past the end anyway, iasl and the kernel are silent.");

    public static readonly DiagnosticDescriptor TrailingBytes = new("FP3107", Severity.Warning,
        "Bytes after the last subtable",
        "Fewer than 3 bytes remain after the last subtable; Linux's walk ignores them (it needs more than a 2-byte header).");

    public static readonly DiagnosticDescriptor UnknownSubtableType = new("FP3108", Severity.Warning,
        "Reserved subtable type",
        "Types 8 and up are reserved. Linux skips them silently by their length, iasl prints them raw, fwts stops the walk.");

    public static readonly DiagnosticDescriptor ReservedFlagBits = new("FP3109", Severity.Warning,
        "Reserved flag bits set",
        "Flag bits the specification reserves are set (fwts SRATReservedBitsNonZero). Linux ignores them.");

    public static readonly DiagnosticDescriptor MemoryFlagsBit3 = new("FP3110", Severity.Warning,
        "Memory affinity flags bit 3 set",
        "Bit 3 is reserved in the ACPI specification (ACPICA names it SPEC_PURPOSE); Linux ignores it and fwts does not check it.");

    public static readonly DiagnosticDescriptor ReservedFieldNonZero = new("FP3111", Severity.Warning,
        "Reserved field not zero",
        "A reserved field of a subtable holds a non-zero value (fwts SRATReservedNonZero / SRATLocalx2apicReserved1).");

    public static readonly DiagnosticDescriptor EnabledZeroLengthRange = new("FP3112", Severity.Warning,
        "Enabled memory range of length 0",
        "An enabled memory affinity entry has length 0: Linux still assigns its PXM a node and prints an SRAT line " +
        "ending one byte before its start, but adds no memory.");

    public static readonly DiagnosticDescriptor RangeWraps = new("FP3113", Severity.Error,
        "Memory range wraps past 2^64",
        "Base Address + Address Length passes 2^64: Linux prints 'Warning: invalid memblk node' and ignores the range, " +
        "leaving the memory it should describe without a node.");

    public static readonly DiagnosticDescriptor CrossNodeOverlap = new("FP3114", Severity.Error,
        "Memory ranges of different nodes overlap",
        "Two enabled memory ranges of different proximity domains overlap: Linux prints 'node X [mem …] overlaps with " +
        "node Y [mem …]', gives up on NUMA and fakes a single node. fwts and iasl are silent.");

    public static readonly DiagnosticDescriptor SameNodeOverlap = new("FP3115", Severity.Warning,
        "Memory ranges of the same node overlap",
        "Two enabled memory ranges of the same proximity domain overlap; Linux warns and merges them.");

    public static readonly DiagnosticDescriptor PxmTruncated = new("FP3116", Severity.Warning,
        "Proximity domain above 255 in a revision-1 SRAT",
        "With header revision 1 or less Linux keeps only the low 8 bits of a memory entry's PXM (and ignores the high " +
        "bytes of a LAPIC entry's), so this domain merges with another one.");

    public static readonly DiagnosticDescriptor TooManyNodes = new("FP3117", Severity.Error,
        "More proximity domains than the kernel's MAX_NUMNODES",
        "Linux maps each new PXM to the next free node id; past MAX_NUMNODES (1 << CONFIG_NODES_SHIFT) it prints " +
        "'SRAT: Too many proximity domains' and stops using SRAT.");

    public static readonly DiagnosticDescriptor PxmOutOfRange = new("FP3118", Severity.Error,
        "Proximity domain beyond MAX_PXM_DOMAINS",
        "Linux maps only PXMs below max(256, MAX_NUMNODES); a larger one is 'Too many proximity domains' and SRAT is not used.");

    public static readonly DiagnosticDescriptor MemorylessNode = new("FP3119", Severity.Note,
        "Proximity domain with CPUs but no memory",
        "A PXM has enabled processors but no enabled memory; Linux still gives it a node id (memory-less node).");

    public static readonly DiagnosticDescriptor CpulessNode = new("FP3120", Severity.Note,
        "Proximity domain with memory but no CPUs",
        "A PXM has enabled memory but no enabled processor entry (a CPU-less node: CXL, HBM, hot-add).");

    public static readonly DiagnosticDescriptor DuplicateProcessorId = new("FP3121", Severity.Warning,
        "Duplicate APIC id / processor UID",
        "Two enabled processor entries name the same APIC id (or x2APIC id, GICC/RINTC UID); the last one wins in Linux.");

    public static readonly DiagnosticDescriptor NoEnabledMemory = new("FP3122", Severity.Warning,
        "No enabled memory affinity entry",
        "Linux finds no memory range in SRAT (acpi_numa_init returns -ENOENT) and falls back to one fake node.");

    public static readonly DiagnosticDescriptor SratNotUsed = new("FP3123", Severity.Error,
        "Linux would not use this SRAT",
        "Linux's reading hits bad_srat() ('SRAT: SRAT not used.') or a failed walk; NUMA falls back to one fake node.");

    public static readonly DiagnosticDescriptor TooManyMemblks = new("FP3124", Severity.Error,
        "More memory ranges than NR_NODE_MEMBLKS",
        "Linux holds at most 2 × MAX_NUMNODES NUMA memory blocks; one more prints 'too many memblk ranges' and SRAT is not used.");

    public static readonly DiagnosticDescriptor ApicIdTooBig = new("FP3125", Severity.Warning,
        "APIC id at or above MAX_LOCAL_APIC",
        "x86 Linux skips CPU entries whose APIC id is 32768 or more ('skipped apicid that is too big'); the PXM still gets a node. " +
        "Listed for a table's first 16 such entries, then one closing line; the kernel lines show every one.");

    public static readonly DiagnosticDescriptor UnsupportedOnArchitecture = new("FP3126", Severity.Note,
        "Subtable type not used on this architecture",
        "The kernel for the chosen architecture has no handler for this CPU type (x2APIC on arm64, GICC on x86 …), so it " +
        "does not map the PXM.");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        TableRevisionNotOne, FixedReservedNonZero, ZeroLengthSubtable, SubtableLongerThanCanonical, SubtableShorterThanCanonical,
        SubtableOverrunsTable, TrailingBytes, UnknownSubtableType, ReservedFlagBits, MemoryFlagsBit3, ReservedFieldNonZero,
        EnabledZeroLengthRange, RangeWraps, CrossNodeOverlap, SameNodeOverlap, PxmTruncated, TooManyNodes, PxmOutOfRange,
        MemorylessNode, CpulessNode, DuplicateProcessorId, NoEnabledMemory, SratNotUsed, TooManyMemblks, ApicIdTooBig,
        UnsupportedOnArchitecture,
    ];
}
