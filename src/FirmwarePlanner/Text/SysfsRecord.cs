using System.Runtime.CompilerServices;

namespace FirmwarePlanner.Text;

/// <summary>The files of a numbered sysfs directory that the readers use (<c>/sys/firmware/memmap/N</c>, <c>/sys/firmware/efi/runtime-map/N</c>).</summary>
public enum SysfsKey
{
    Start,
    End,
    PhysAddr,
    VirtAddr,
    NumPages,
    Attribute,
    Type,
}

/// <summary>
/// One numbered sysfs directory as it was captured: which of its known files were there, their values (the hex files
/// parsed as they were read, <c>type</c> kept as its trimmed text), and the first line that mentioned it. A fixed-size
/// value rather than a dictionary, so that a capture of millions of directories costs tens of bytes per directory.
/// Other files (<c>virt_addr</c>'s neighbours a future kernel adds) are not kept: no reader uses them.
/// </summary>
public record struct SysfsRecord
{
    private const int HexKeys = (int)SysfsKey.Type;

    private HexValues _values;
    private ushort _present;
    private ushort _readable;

    public SysfsRecord(int number, int firstLine)
    {
        Number = number;
        FirstLine = firstLine;
    }

    public int Number { get; }

    /// <summary>The 1-based line that first mentioned this directory.</summary>
    public int FirstLine { get; }

    /// <summary>The text of the <c>type</c> file (an e820 resource name in memmap, hex in runtime-map), or null.</summary>
    public string? Type { get; private set; }

    public readonly bool Has(SysfsKey key) => (_present & Bit(key)) != 0;

    /// <summary>The file's value read as hex (<c>0x…</c> or bare); false when it is missing or not hex.</summary>
    public readonly bool TryGetHex(SysfsKey key, out ulong value)
    {
        if (key == SysfsKey.Type)
        {
            value = 0;
            return Type is not null && Hex.TryParsePrefixed(Type, out value);
        }

        value = _values[(int)key];
        return (_readable & Bit(key)) != 0;
    }

    /// <summary>This record with its <c>type</c> file (trimmed text); a file seen twice keeps its last value.</summary>
    internal readonly SysfsRecord WithType(string text)
    {
        var next = this;
        next._present |= Bit(SysfsKey.Type);
        next.Type = text;
        return next;
    }

    /// <summary>This record with one more hex file; a file seen twice keeps its last value.</summary>
    internal readonly SysfsRecord WithHex(SysfsKey key, ReadOnlySpan<char> text)
    {
        var next = this;
        var readable = Hex.TryParsePrefixed(text, out var value);
        next._present |= Bit(key);
        next._values[(int)key] = readable ? value : 0;
        next._readable = readable ? (ushort)(next._readable | Bit(key)) : (ushort)(next._readable & ~Bit(key));
        return next;
    }

    /// <summary>This record with the files of a later record of the same directory laid over it.</summary>
    internal readonly SysfsRecord Merge(SysfsRecord later)
    {
        var next = this;
        for (var k = 0; k < HexKeys; k++)
        {
            var bit = (ushort)(1 << k);
            if ((later._present & bit) != 0)
            {
                next._values[k] = later._values[k];
                next._readable = (ushort)((next._readable & ~bit) | (later._readable & bit));
            }
        }

        if (later.Type is not null)
        {
            next.Type = later.Type;
        }

        next._present |= later._present;
        return next;
    }

    private static ushort Bit(SysfsKey key) => (ushort)(1 << (int)key);

    [InlineArray(HexKeys)]
    private struct HexValues
    {
        private ulong _element;
    }
}
