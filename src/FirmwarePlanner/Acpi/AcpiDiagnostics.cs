using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Acpi;

/// <summary>ACPI framing and input-format diagnostics: FP3000–FP3099.</summary>
public static class AcpiDiagnostics
{
    public static readonly DiagnosticDescriptor HeaderTooShort = new("FP3001", Severity.Error,
        "ACPI table shorter than its header",
        "Fewer than 36 bytes were supplied, so not even the common ACPI table header is there.");

    public static readonly DiagnosticDescriptor LengthExceedsData = new("FP3002", Severity.Error,
        "Table length larger than the bytes supplied",
        "The header's Length field claims more bytes than the input holds: the table was truncated (a cut dump or file). " +
        "iasl refuses such a file and fwts does not notice; the table is decoded as far as the bytes go.");

    public static readonly DiagnosticDescriptor TrailingData = new("FP3003", Severity.Warning,
        "Bytes after the table's declared length",
        "The input holds more bytes than the header's Length field; Linux reads only Length bytes, so the rest is ignored.");

    public static readonly DiagnosticDescriptor ChecksumMismatch = new("FP3004", Severity.Warning,
        "Table checksum does not sum to zero",
        "The bytes of the table do not sum to zero mod 256. Linux warns (ACPI BIOS Warning (bug): Incorrect checksum) " +
        "and still uses the table; decoding continues.");

    public static readonly DiagnosticDescriptor LengthBelowHeader = new("FP3005", Severity.Error,
        "Declared table length below the header size",
        "The header's Length field is smaller than the 36-byte header (or the table's fixed part).");

    public static readonly DiagnosticDescriptor UnexpectedSignature = new("FP3006", Severity.Error,
        "Table signature is not the expected one",
        "A table parser was handed a table with another signature.");

    public static readonly DiagnosticDescriptor NonPrintableHeaderText = new("FP3007", Severity.Note,
        "Non-printable bytes in the header's text fields",
        "OEM ID, OEM table ID or compiler ID hold bytes outside printable ASCII.");

    public static readonly DiagnosticDescriptor DumpRowOffsetGap = new("FP3010", Severity.Warning,
        "acpidump row not 16 bytes after the previous one",
        "Hex rows of an acpidump table must advance by 16 bytes; a row that does not means lost or repeated lines. " +
        "The bytes are placed at the offset the row names and the gap is reported (fwts truncates the table there).");

    public static readonly DiagnosticDescriptor DumpRowMalformed = new("FP3011", Severity.Warning,
        "Unreadable line inside a hex dump",
        "A line inside a table's hex rows is neither a row nor a table header; it is skipped.");

    public static readonly DiagnosticDescriptor UnrecognizedInput = new("FP3012", Severity.Error,
        "Not an ACPI table, acpidump text or iasl disassembly",
        "The input's content matches none of the ACPI formats this reader knows.");

    public static readonly DiagnosticDescriptor NoSrat = new("FP3013", Severity.Note,
        "No SRAT in the tables",
        "The tables hold no SRAT; Linux then has no firmware NUMA description and fakes one node.");

    public static readonly DiagnosticDescriptor MultipleTables = new("FP3014", Severity.Warning,
        "More than one table with the same signature",
        "Two or more SRAT (or SLIT) tables are present. Linux reads only the first instance; the others are decoded and compared.");

    public static readonly DiagnosticDescriptor RebuiltFromFields = new("FP3015", Severity.Note,
        "Table bytes rebuilt from iasl's decoded fields",
        "The disassembly has no Raw Table Data, so the bytes were rebuilt from each [offset length] field line.");

    public static readonly DiagnosticDescriptor DecodedLineUnreadable = new("FP3016", Severity.Warning,
        "iasl field line not understood",
        "An iasl field line has a value that could not be turned into bytes; those bytes stay zero.");

    public static readonly DiagnosticDescriptor RawDataLengthMismatch = new("FP3017", Severity.Warning,
        "Raw Table Data length differs from the hex rows",
        "iasl's 'Raw Table Data: Length N' line and the number of bytes in its hex rows disagree.");

    public static readonly DiagnosticDescriptor PartialSratFromLog = new("FP3018", Severity.Note,
        "SRAT known only from kernel log lines",
        "Only the kernel's SRAT lines were available: memory ranges, PXMs, node ids and hotplug flags of enabled " +
        "entries; disabled entries, CPU entries not printed and the table header are unknown.");

    public static readonly DiagnosticDescriptor RepeatedRowOffset = new("FP3019", Severity.Warning,
        "acpidump row offset repeats or goes backwards",
        "A hex row names an offset at or before the previous row; its bytes overwrite the earlier ones.");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        HeaderTooShort, LengthExceedsData, TrailingData, ChecksumMismatch, LengthBelowHeader, UnexpectedSignature,
        NonPrintableHeaderText, DumpRowOffsetGap, DumpRowMalformed, UnrecognizedInput, NoSrat, MultipleTables,
        RebuiltFromFields, DecodedLineUnreadable, RawDataLengthMismatch, PartialSratFromLog, RepeatedRowOffset,
    ];
}
