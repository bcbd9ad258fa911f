using System.Buffers;
using System.Text;

namespace FirmwarePlanner.Text;

/// <summary>
/// The lines of UTF-8 text as character spans, decoded a block at a time into one pooled buffer: the same lines, in
/// the same order, as decoding all of it and calling <see cref="MemoryExtensions.EnumerateLines(ReadOnlySpan{char})"/>
/// (every newline form it knows ends a line; a text that ends with a newline has an empty last line), without ever
/// holding the decoded text. Blocks are cut just after a <c>\n</c>, so neither a <c>\r\n</c> pair nor a UTF-8
/// sequence is ever split (a line longer than a block is decoded whole). A leading BOM is dropped. Dispose returns the
/// buffer (foreach does).
/// </summary>
public ref struct Utf8TextLines
{
    private const int Block = 16 * 1024; // decoded into 32 KiB of characters: a pooled buffer below the large-object heap

    private ReadOnlySpan<byte> _rest;
    private char[]? _buffer;
    private SpanLineEnumerator _lines;
    private bool _blockEndsWithNewline;
    private bool _pendingLast;
    private bool _done;

    public Utf8TextLines(ReadOnlySpan<byte> content)
    {
        _rest = content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? content[3..] : content;
        _lines = default;
        Current = default;
    }

    public ReadOnlySpan<char> Current { get; private set; }

    public readonly Utf8TextLines GetEnumerator() => this;

    public bool MoveNext()
    {
        while (true)
        {
            if (_buffer is not null && _lines.MoveNext())
            {
                var line = _lines.Current;

                // The empty line after a block's final newline is the next block's first line, or the text's last.
                if (line.IsEmpty && _blockEndsWithNewline && IsAtBlockEnd(line))
                {
                    _pendingLast = _rest.IsEmpty;
                    continue;
                }

                Current = line;
                return true;
            }

            if (_pendingLast)
            {
                _pendingLast = false;
                _done = true;
                Current = default;
                return true;
            }

            if (_done || (_rest.IsEmpty && _buffer is not null))
            {
                return false;
            }

            NextBlock();
        }
    }

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    private readonly bool IsAtBlockEnd(ReadOnlySpan<char> line) =>
        _buffer is not null && System.Runtime.CompilerServices.Unsafe.AreSame(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(line), ref _buffer[_decoded]);

    private int _decoded;

    private void NextBlock()
    {
        // About a block, cut just after a newline; a line longer than a block is taken whole.
        var take = _rest.Length;
        if (take > Block)
        {
            var newline = _rest[..Block].LastIndexOf((byte)'\n');
            if (newline < 0)
            {
                newline = _rest.IndexOf((byte)'\n');
            }

            take = newline >= 0 ? newline + 1 : _rest.Length;
        }

        var block = _rest[..take];
        _rest = _rest[take..];
        var need = Encoding.UTF8.GetMaxCharCount(block.Length) + 1;
        if (_buffer is null || _buffer.Length < need)
        {
            if (_buffer is not null)
            {
                ArrayPool<char>.Shared.Return(_buffer);
            }

            _buffer = ArrayPool<char>.Shared.Rent(need);
        }

        _decoded = Encoding.UTF8.GetChars(block, _buffer);
        _blockEndsWithNewline = _decoded > 0 && _buffer[_decoded - 1] == '\n';
        _lines = _buffer.AsSpan(0, _decoded).EnumerateLines();
    }
}
