using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Globalization;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Memblock.Scripting;

/// <summary>
/// Parses the memblock script language (<c>fixtures/memblock/FORMAT.txt</c>). Total: every bad line becomes
/// an FP4xxx diagnostic with its line number and is left out; nothing throws on input.
/// </summary>
public static class ScriptParser
{
    /// <summary>Parses <paramref name="text"/>; 7.x-only words and flags are errors for 6.12.</summary>
    /// <remarks>Lines end at '\n' only and tokens are split at blanks, tabs, CR, VT and FF, like the driver's
    /// <c>getline()</c> and <c>strtok()</c>; a line is cut at its first '#'.</remarks>
    public static (MemblockScript Script, ImmutableArray<Diagnostic> Diagnostics) Parse(string text, string sourceName, MemblockRevision kernel = MemblockRevisions.Default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ops = ImmutableArray.CreateBuilder<ScriptOperation>();
        var bag = new DiagnosticBag();
        Span<Range> tokens = stackalloc Range[MaxTokens];
        var rest = text.AsSpan();
        for (var number = 1; ; number++)
        {
            var newline = rest.IndexOf('\n');
            if (ParseLine(newline >= 0 ? rest[..newline] : rest, number, tokens, sourceName, kernel, bag) is { } op)
            {
                ops.Add(op);
            }

            if (newline < 0)
            {
                break;
            }

            rest = rest[(newline + 1)..];
        }

        return (new MemblockScript(ops.ToImmutable()), [.. bag.Items]);
    }

    /// <summary>
    /// The same parse over the script's UTF-8 bytes, a line at a time: each operation goes to
    /// <paramref name="each"/> as it is read and is not kept, so a script of millions of lines is run in memory
    /// proportional to its longest line; parsing stops when <paramref name="each"/> returns false. Each line is decoded
    /// on its own, which gives the characters decoding the whole text would (a line ends at a '\n' byte, which no
    /// UTF-8 sequence contains).
    /// </summary>
    public static void ParseEach(ReadOnlySpan<byte> utf8, string sourceName, MemblockRevision kernel, DiagnosticBag bag, Func<ScriptOperation, bool> each)
    {
        ArgumentNullException.ThrowIfNull(bag);
        ArgumentNullException.ThrowIfNull(each);
        Span<Range> tokens = stackalloc Range[MaxTokens];
        var buffer = new char[256];
        for (var number = 1; ; number++)
        {
            var newline = utf8.IndexOf((byte)'\n');
            var bytes = newline >= 0 ? utf8[..newline] : utf8;
            var need = System.Text.Encoding.UTF8.GetMaxCharCount(bytes.Length);
            if (need > buffer.Length)
            {
                buffer = new char[need];
            }

            var n = System.Text.Encoding.UTF8.GetChars(bytes, buffer);
            if (ParseLine(buffer.AsSpan(0, n), number, tokens, sourceName, kernel, bag) is { } op && !each(op))
            {
                return;
            }

            if (newline < 0)
            {
                return;
            }

            utf8 = utf8[(newline + 1)..];
        }
    }

    /// <summary>One line without its '\n': cut at its first '#', tokenized, parsed; null for a blank or bad line.</summary>
    private static ScriptOperation? ParseLine(ReadOnlySpan<char> line, int number, Span<Range> tokens, string sourceName, MemblockRevision kernel, DiagnosticBag bag)
    {
        var hash = line.IndexOf('#');
        if (hash >= 0)
        {
            line = line[..hash];
        }

        var count = Tokenize(line, tokens);
        if (count > MaxTokens)
        {
            bag.Report(MemblockDiagnostics.WrongArgumentCount, SourceLocation.AtLine(sourceName, number), $"more than {MaxTokens} tokens");
        }
        else if (count > 0 && new LineParser(line, tokens[..count], number, sourceName, kernel, bag).TryParse(out var op))
        {
            return op;
        }

        return null;
    }

    // The driver's MAX_TOKENS.
    private const int MaxTokens = 64;

    // Splits at the blanks; returns the token count (more than tokens.Length when the line has too many).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Tokenize(ReadOnlySpan<char> line, Span<Range> tokens)
    {
        var count = 0;
        var i = 0;
        while (true)
        {
            while (i < line.Length && IsBlank(line[i]))
            {
                i++;
            }

            if (i == line.Length)
            {
                return count;
            }

            var start = i;
            while (i < line.Length && !IsBlank(line[i]))
            {
                i++;
            }

            if (count == tokens.Length)
            {
                return count + 1;
            }

            tokens[count++] = new Range(start, i);
        }
    }

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\r' or '\v' or '\f';

    /// <summary>
    /// A number as the oracle driver reads it (<c>FORMAT-additions.md</c>, like the kernel's <c>memparse()</c>):
    /// an optional leading '-' (negation modulo 2^64), then 0x-hex or decimal digits (a leading 0 is not octal;
    /// digits that do not fit wrap modulo 2^64), then at most one binary K/M/G/T/P/E suffix (any case; bits
    /// shifted out are lost). The digits are read first, so the 'e' of <c>0x1e</c> is a hex digit, not a suffix.
    /// Also ANYWHERE, ACCESSIBLE, NOLEAKTRACE, LOW_LIMIT.
    /// </summary>
    public static bool TryParseNumber(string token, out ulong value)
    {
        ArgumentNullException.ThrowIfNull(token);
        return TryParseNumber(token.AsSpan(), out value);
    }

    private static bool TryParseNumber(ReadOnlySpan<char> token, out ulong value)
    {
        switch (token)
        {
            case "ANYWHERE":
                value = MemblockConstants.AllocAnywhere;
                return true;
            case "ACCESSIBLE":
                value = MemblockConstants.AllocAccessible;
                return true;
            case "NOLEAKTRACE":
                value = MemblockConstants.AllocNoLeakTrace;
                return true;
            case "LOW_LIMIT":
                value = MemblockConstants.ArchLowAddressLimit;
                return true;
        }

        return TryParsePlainNumber(token, out value);
    }

    // Sign, digits, suffix; unchecked arithmetic on purpose: the driver's digits and shifts wrap modulo 2^64.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParsePlainNumber(ReadOnlySpan<char> token, out ulong value)
    {
        value = 0;
        var s = token;
        var negative = s.StartsWith("-");
        if (negative)
        {
            s = s[1..];
        }

        var hex = s.Length >= 2 && s[0] == '0' && s[1] is 'x' or 'X';
        if (hex)
        {
            s = s[2..];
        }

        var digits = 0;
        for (; digits < s.Length; digits++)
        {
            var d = s[digits] switch
            {
                >= '0' and <= '9' => s[digits] - '0',
                >= 'a' and <= 'f' when hex => s[digits] - 'a' + 10,
                >= 'A' and <= 'F' when hex => s[digits] - 'A' + 10,
                _ => -1,
            };
            if (d < 0)
            {
                break;
            }

            value = unchecked((value * (hex ? 16UL : 10UL)) + (ulong)d);
        }

        if (digits == 0)
        {
            return false;
        }

        s = s[digits..];
        if (s.Length > 0)
        {
            var suffix = "KMGTPE".IndexOf(char.ToUpperInvariant(s[0]));
            if (suffix < 0 || s.Length > 1)
            {
                return false;
            }

            value <<= 10 * (suffix + 1);
        }

        value = negative ? unchecked(0 - value) : value;
        return true;
    }

    /// <summary>
    /// A node id: any / none / NUMA_NO_NODE (-1), MAX_NUMNODES (1024), or a plain number (decimal or hex, '-'
    /// allowed) truncated to int like the driver's <c>(int)(long long)v</c>. The named numbers (ANYWHERE ...)
    /// are no node ids.
    /// </summary>
    public static bool TryParseNid(string token, out int nid)
    {
        ArgumentNullException.ThrowIfNull(token);
        return TryParseNid(token.AsSpan(), out nid);
    }

    private static bool TryParseNid(ReadOnlySpan<char> token, out int nid)
    {
        nid = token switch
        {
            "any" or "none" or "NUMA_NO_NODE" => MemblockConstants.NumaNoNode,
            "MAX_NUMNODES" => MemblockConstants.MaxNumNodes,
            _ => int.MinValue,
        };
        if (nid != int.MinValue)
        {
            return true;
        }

        var ok = TryParsePlainNumber(token, out var raw);
        nid = unchecked((int)raw);
        return ok;
    }

    /// <summary>
    /// Flags: parts joined by '|' (empty parts skipped), each a name or a plain number truncated to 32 bits, OR-ed
    /// together. <paramref name="v7Only"/> names a 7.x-only flag used.
    /// </summary>
    public static bool TryParseFlags(string token, out MemblockFlags flags, out string? v7Only)
    {
        ArgumentNullException.ThrowIfNull(token);
        return TryParseFlags(token.AsSpan(), out flags, out v7Only);
    }

    private static bool TryParseFlags(ReadOnlySpan<char> token, out MemblockFlags flags, out string? v7Only)
    {
        flags = MemblockFlags.None;
        v7Only = null;
        foreach (var part in token.Split('|'))
        {
            var name = token[part];
            if (name.IsEmpty)
            {
                continue;
            }

            MemblockFlags? bit = name switch
            {
                "NONE" => MemblockFlags.None,
                "HOTPLUG" => MemblockFlags.Hotplug,
                "MIRROR" => MemblockFlags.Mirror,
                "NOMAP" => MemblockFlags.NoMap,
                "DRIVER_MANAGED" => MemblockFlags.DriverManaged,
                "RSRV_NOINIT" => MemblockFlags.RsrvNoInit,
                "RSRV_KERN" => MemblockFlags.RsrvKern,
                "KHO_SCRATCH" => MemblockFlags.KhoScratch,
                _ => TryParsePlainNumber(name, out var raw) ? (MemblockFlags)unchecked((uint)raw) : null,
            };
            if (bit is null)
            {
                return false;
            }

            if (name is "RSRV_KERN" or "KHO_SCRATCH")
            {
                v7Only ??= name.ToString();
            }

            flags |= bit.Value;
        }

        return true;
    }

    /// <summary>Parses the tokens of one line against its <see cref="ScriptSyntax"/>.</summary>
    private readonly ref struct LineParser(ReadOnlySpan<char> text, ReadOnlySpan<Range> tokens, int line, string source, MemblockRevision kernel, DiagnosticBag bag)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private readonly ReadOnlySpan<Range> _tokens = tokens;

        private ReadOnlySpan<char> Token(int i) => _text[_tokens[i]];

        public bool TryParse(out ScriptOperation op)
        {
            op = null!;
            var word = Token(0);
            if (!ScriptSyntax.ByWordSpan.TryGetValue(word, out var syntax))
            {
                return Fail(MemblockDiagnostics.UnknownOperation, $"unknown operation '{word}'");
            }

            if (syntax.V7Only && !kernel.IsV7())
            {
                return Fail(MemblockDiagnostics.NotInKernel, $"'{word}' exists only in Linux 7.x memblock");
            }

            var (min, max) = TailCounts(syntax.Tail);
            var extra = _tokens.Length - 1 - syntax.Numbers;
            if (extra < min || extra > max)
            {
                var expected = min == max ? $"{syntax.Numbers + min}" : $"{syntax.Numbers + min} to {syntax.Numbers + max}";
                return Fail(MemblockDiagnostics.WrongArgumentCount, $"'{word}' takes {expected} arguments, got {_tokens.Length - 1}");
            }

            var args = new ulong[syntax.Numbers];
            for (var i = 1; i <= syntax.Numbers; i++)
            {
                if (!TryParseNumber(Token(i), out args[i - 1]))
                {
                    return Fail(MemblockDiagnostics.BadNumber, $"'{Token(i)}' is not a number");
                }
            }

            var tail = new TailValues(MemblockConstants.NumaNoNode, MemblockFlags.None, false, false, false);
            if (!ParseTail(syntax.Tail, 1 + syntax.Numbers, ref tail))
            {
                return false;
            }

            var opKind = syntax.Op == ScriptOp.Add && tail.HasNid ? ScriptOp.AddNode : syntax.Op;
            op = new ScriptOperation(opKind, line, EchoText(), ImmutableCollectionsMarshal.AsImmutableArray(args),
                tail.Nid, tail.Flags, tail.Exact, tail.OnReserved, tail.HasNid);
            return true;
        }

        // The tokens joined by one blank (the oracle's echo); the line itself when it already is that.
        private string EchoText()
        {
            var first = _tokens[0].Start.Value;
            var last = _tokens[^1].End.Value;
            var length = 0;
            foreach (var t in _tokens)
            {
                length += t.End.Value - t.Start.Value + 1;
            }

            length--;
            if (length == last - first)
            {
                return _text[first..last].ToString();
            }

            Span<char> buffer = length <= 1024 ? stackalloc char[length] : new char[length];
            var at = 0;
            foreach (var t in _tokens)
            {
                if (at > 0)
                {
                    buffer[at++] = ' ';
                }

                _text[t].CopyTo(buffer[at..]);
                at += t.End.Value - t.Start.Value;
            }

            return buffer.ToString();
        }

        private static (int Min, int Max) TailCounts(ScriptTail tail) => tail switch
        {
            ScriptTail.OptionalNidFlags => (0, 2),
            ScriptTail.NidOptionalFlags => (1, 2),
            ScriptTail.NidFlags => (2, 2),
            ScriptTail.Nid => (1, 1),
            ScriptTail.NidOptionalExact or ScriptTail.NidOptionalReserved => (1, 2),
            _ => (0, 0),
        };

        private bool ParseTail(ScriptTail tail, int first, ref TailValues values)
        {
            if (first >= _tokens.Length)
            {
                return true;
            }

            if (!TryParseNid(Token(first), out var nid))
            {
                return Fail(MemblockDiagnostics.BadNid, $"'{Token(first)}' is not a node id");
            }

            values = values with { Nid = nid, HasNid = true };
            if (first + 1 >= _tokens.Length)
            {
                return true;
            }

            var last = Token(first + 1);
            switch (tail)
            {
                case ScriptTail.NidOptionalExact:
                    values = values with { Exact = true };
                    return last is "exact" || Fail(MemblockDiagnostics.BadKeyword, $"expected 'exact', got '{last}'");
                case ScriptTail.NidOptionalReserved:
                    values = values with { OnReserved = true };
                    return last is "reserved" || Fail(MemblockDiagnostics.BadKeyword, $"expected 'reserved', got '{last}'");
                default:
                    if (!TryParseFlags(last, out var flags, out var v7Only))
                    {
                        return Fail(MemblockDiagnostics.BadFlags, $"'{last}' is not a flag set");
                    }

                    if (v7Only is not null && !kernel.IsV7())
                    {
                        return Fail(MemblockDiagnostics.NotInKernel, $"flag {v7Only} exists only in Linux 7.x memblock");
                    }

                    values = values with { Flags = flags };
                    return true;
            }
        }

        private bool Fail(DiagnosticDescriptor descriptor, string message)
        {
            bag.Report(descriptor, SourceLocation.AtLine(source, line), message);
            return false;
        }
    }

    /// <summary>What may follow an operation's numbers.</summary>
    private readonly record struct TailValues(int Nid, MemblockFlags Flags, bool Exact, bool OnReserved, bool HasNid);
}
