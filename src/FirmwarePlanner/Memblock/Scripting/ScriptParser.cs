using System.Collections.Immutable;
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
    private static readonly char[] Blanks = [' ', '\t', '\r', '\v', '\f'];

    /// <summary>Parses <paramref name="text"/>; 7.x-only words and flags are errors for 6.12.</summary>
    public static (MemblockScript Script, ImmutableArray<Diagnostic> Diagnostics) Parse(string text, string sourceName, KernelVersion kernel = KernelVersions.Default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ops = ImmutableArray.CreateBuilder<ScriptOperation>();
        var bag = new DiagnosticBag();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            var tokens = line.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0)
            {
                continue;
            }

            var parser = new LineParser(tokens, i + 1, sourceName, kernel, bag);
            if (parser.TryParse(out var op))
            {
                ops.Add(op);
            }
        }

        return (new MemblockScript(ops.ToImmutable()), [.. bag.Items]);
    }

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
    private static bool TryParsePlainNumber(string token, out ulong value)
    {
        value = 0;
        var s = token.AsSpan();
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
        flags = MemblockFlags.None;
        v7Only = null;
        foreach (var name in token.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
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
                v7Only ??= name;
            }

            flags |= bit.Value;
        }

        return true;
    }

    /// <summary>Parses the tokens of one line against its <see cref="ScriptSyntax"/>.</summary>
    private sealed class LineParser(string[] tokens, int line, string source, KernelVersion kernel, DiagnosticBag bag)
    {
        public bool TryParse(out ScriptOperation op)
        {
            op = null!;
            var word = tokens[0];
            if (!ScriptSyntax.ByWord.TryGetValue(word, out var syntax))
            {
                return Fail(MemblockDiagnostics.UnknownOperation, $"unknown operation '{word}'");
            }

            if (syntax.V7Only && !kernel.IsV7())
            {
                return Fail(MemblockDiagnostics.NotInKernel, $"'{word}' exists only in Linux 7.x memblock");
            }

            var (min, max) = TailCounts(syntax.Tail);
            var extra = tokens.Length - 1 - syntax.Numbers;
            if (extra < min || extra > max)
            {
                var expected = min == max ? $"{syntax.Numbers + min}" : $"{syntax.Numbers + min} to {syntax.Numbers + max}";
                return Fail(MemblockDiagnostics.WrongArgumentCount, $"'{word}' takes {expected} arguments, got {tokens.Length - 1}");
            }

            var args = ImmutableArray.CreateBuilder<ulong>(syntax.Numbers);
            for (var i = 1; i <= syntax.Numbers; i++)
            {
                if (!TryParseNumber(tokens[i], out var value))
                {
                    return Fail(MemblockDiagnostics.BadNumber, $"'{tokens[i]}' is not a number");
                }

                args.Add(value);
            }

            var rest = tokens.AsSpan(1 + syntax.Numbers);
            var opKind = syntax.Op == ScriptOp.Add && rest.Length > 0 ? ScriptOp.AddNode : syntax.Op;
            op = new ScriptOperation(opKind, line, string.Join(' ', tokens), args.MoveToImmutable());
            return ParseTail(syntax.Tail, rest, ref op);
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

        private bool ParseTail(ScriptTail tail, ReadOnlySpan<string> rest, ref ScriptOperation op)
        {
            if (rest.Length == 0)
            {
                return true;
            }

            if (!TryParseNid(rest[0], out var nid))
            {
                return Fail(MemblockDiagnostics.BadNid, $"'{rest[0]}' is not a node id");
            }

            op = op with { Nid = nid, HasNid = true };
            if (rest.Length == 1)
            {
                return true;
            }

            var last = rest[1];
            switch (tail)
            {
                case ScriptTail.NidOptionalExact:
                    return last == "exact" ? Set(ref op, op with { Exact = true })
                        : Fail(MemblockDiagnostics.BadKeyword, $"expected 'exact', got '{last}'");
                case ScriptTail.NidOptionalReserved:
                    return last == "reserved" ? Set(ref op, op with { OnReserved = true })
                        : Fail(MemblockDiagnostics.BadKeyword, $"expected 'reserved', got '{last}'");
                default:
                    if (!TryParseFlags(last, out var flags, out var v7Only))
                    {
                        return Fail(MemblockDiagnostics.BadFlags, $"'{last}' is not a flag set");
                    }

                    if (v7Only is not null && !kernel.IsV7())
                    {
                        return Fail(MemblockDiagnostics.NotInKernel, $"flag {v7Only} exists only in Linux 7.x memblock");
                    }

                    op = op with { Flags = flags };
                    return true;
            }
        }

        private static bool Set(ref ScriptOperation op, ScriptOperation value)
        {
            op = value;
            return true;
        }

        private bool Fail(DiagnosticDescriptor descriptor, string message)
        {
            bag.Report(descriptor, SourceLocation.AtLine(source, line), message);
            return false;
        }
    }
}
