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
    /// A number as the oracle driver reads it (<c>memparse</c>): decimal, 0x-hex or 0-octal, then an optional
    /// binary K/M/G/T/P/E suffix; or ANYWHERE, ACCESSIBLE, NOLEAKTRACE, LOW_LIMIT. False on overflow.
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

        value = 0;
        if (token.Length == 0)
        {
            return false;
        }

        var body = token;
        var shift = 0;
        var suffix = "KMGTPE".IndexOf(char.ToUpperInvariant(body[^1]));
        if (suffix >= 0)
        {
            shift = 10 * (suffix + 1);
            body = body[..^1];
        }

        var ok = body.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? body.Length > 2 && ulong.TryParse(body.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : body.Length > 1 && body[0] == '0'
                ? TryParseOctal(body, out value)
                : body.Length > 0 && body.All(char.IsAsciiDigit) && ulong.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok || (shift > 0 && value > (ulong.MaxValue >> shift)))
        {
            return false;
        }

        value <<= shift;
        return true;
    }

    private static bool TryParseOctal(string body, out ulong value)
    {
        value = 0;
        foreach (var c in body)
        {
            if (c is < '0' or > '7' || value > (ulong.MaxValue >> 3))
            {
                return false;
            }

            value = (value << 3) + (uint)(c - '0');
        }

        return true;
    }

    /// <summary>A node id: integer, any / none / NUMA_NO_NODE (-1), or MAX_NUMNODES (1024).</summary>
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

        var negative = token.StartsWith('-');
        if (!TryParseNumber(negative ? token[1..] : token, out var magnitude) || magnitude > int.MaxValue)
        {
            return false;
        }

        nid = negative ? -(int)magnitude : (int)magnitude;
        return true;
    }

    /// <summary>Flags: a number, or names joined by '|'. <paramref name="v7Only"/> names a 7.x-only flag used.</summary>
    public static bool TryParseFlags(string token, out MemblockFlags flags, out string? v7Only)
    {
        ArgumentNullException.ThrowIfNull(token);
        flags = MemblockFlags.None;
        v7Only = null;
        if (token.Length > 0 && char.IsAsciiDigit(token[0]))
        {
            var ok = TryParseNumber(token, out var raw) && raw <= uint.MaxValue;
            flags = (MemblockFlags)(uint)raw;
            return ok;
        }

        foreach (var name in token.Split('|'))
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
                _ => null,
            };
            if (bit is null)
            {
                return false;
            }

            if (bit is MemblockFlags.RsrvKern or MemblockFlags.KhoScratch)
            {
                v7Only = name;
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
                    return last is "reserved" or "memory" ? Set(ref op, op with { OnReserved = last == "reserved" })
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
