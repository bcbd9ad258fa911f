using FirmwarePlanner.Kernel;
using FirmwarePlanner.Text;
using System.Globalization;
using System.Text.Json;
using FirmwarePlanner.Common;
using FirmwarePlanner.Diagnostics;

namespace FirmwarePlanner.Planning;

/// <summary>The result of reading a profile: the profile (built-in values where the file is silent) and diagnostics.</summary>
public sealed record ProfileReadResult(PlanningProfile Profile, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>
/// Reads a planning profile (JSON, <c>docs/profile.md</c>). Total: every problem is a located FP6xxx diagnostic
/// (line and byte offset of the offending token); unknown keys and impossible sizes are errors.
/// </summary>
public static class ProfileReader
{
    public const int SchemaVersion = 1;
    private const ulong MaxSize = 1UL << 52;

    public static ProfileReadResult Read(ReadOnlySpan<byte> json, string source, PlanningProfile? baseProfile = null)
    {
        var ctx = new Ctx(json.ToArray(), source);
        var profile = baseProfile ?? PlanningProfile.BuiltIn;
        JNode root;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
            if (!reader.Read())
            {
                ctx.Add(PlanningDiagnostics.ProfileNotJson, 0, "empty profile");
                return new(profile, ctx.Diags);
            }

            root = JNode.Parse(ref reader);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            ctx.Diags.Add(PlanningDiagnostics.ProfileNotJson.At(SourceLocation.AtLine(source, line), ex.Message));
            return new(profile, ctx.Diags);
        }
        catch (InvalidOperationException ex)
        {
            // The reader checks structure, not the UTF-8 inside strings: a key or value that does not transcode
            // (a bad byte, or an escaped lone surrogate) fails only when it is read.
            var at = Utf8Text.InvalidAt(json);
            ctx.Add(PlanningDiagnostics.ProfileNotJson, Math.Max(0, at), at >= 0 ? "the profile is not valid UTF-8 here" : $"a string does not decode: {ex.Message}");
            return new(profile, ctx.Diags);
        }

        if (root.Kind != JsonTokenType.StartObject)
        {
            ctx.Add(PlanningDiagnostics.ProfileBadValue, root.Offset, "a profile is a JSON object");
            return new(profile, ctx.Diags);
        }

        profile = ReadRoot(ctx, root, profile);
        return new(profile, ctx.Diags);
    }

    private static PlanningProfile ReadRoot(Ctx ctx, JNode root, PlanningProfile p)
    {
        foreach (var (key, keyOffset, v) in root.Members!)
        {
            switch (key)
            {
                case "schemaVersion":
                    if (ctx.Int(v, key) is { } sv && sv != SchemaVersion)
                    {
                        ctx.Add(PlanningDiagnostics.ProfileBadSchema, v.Offset, $"schemaVersion {sv}; this fwplan reads {SchemaVersion}");
                    }

                    break;
                case "kernel":
                    if (ctx.Str(v, key) is { } ks)
                    {
                        if (KernelRelease.TryParse(ks, out var release, out var why))
                        {
                            p = p with { Kernel = p.Kernel with { Release = release, Origin = KernelTarget.ProfileOrigin } };
                        }
                        else
                        {
                            ctx.Add(PlanningDiagnostics.ProfileBadValue, v.Offset, $"kernel: {why}");
                        }
                    }

                    break;
                case "zoneDevice":
                    if (ctx.Bool(v, key) is { } zd)
                    {
                        p = p with { Kernel = p.Kernel with { Build = p.Kernel.Build with { ZoneDevice = zd, ZoneDeviceOrigin = KernelFactOrigin.Given } } };
                    }

                    break;
                case "efiMmioRemoval":
                    if (ctx.Bool(v, key) is { } mmio)
                    {
                        p = p with { Kernel = p.Kernel with { Build = p.Kernel.Build with { EfiMmioRemoval = mmio } } };
                    }

                    break;
                case "arch":
                    if (ctx.Str(v, key) is { } a)
                    {
                        if (a is "x86_64" or "arm64")
                        {
                            p = p with { Arch = a };
                        }
                        else
                        {
                            ctx.Add(PlanningDiagnostics.ProfileBadValue, v.Offset, $"arch \"{a}\": x86_64 or arm64");
                        }
                    }

                    break;
                case "nodeDataSize": p = p with { NodeDataSize = ctx.Size(v, key, p.NodeDataSize) }; break;
                case "structPageSize": p = p with { StructPageSize = ctx.Size(v, key, p.StructPageSize) }; break;
                case "realModeSize": p = p with { RealModeSize = ctx.Size(v, key, p.RealModeSize) }; break;
                case "brkPageTablePages": p = p with { BrkPageTablePages = (int)(ctx.Count(v, key, 4096) ?? (ulong)p.BrkPageTablePages) }; break;
                case "gbPages": p = p with { GbPages = ctx.Bool(v, key) ?? p.GbPages }; break;
                case "randomizeMemory": p = p with { RandomizeMemory = ctx.Bool(v, key) ?? p.RandomizeMemory }; break;
                case "kernelImage": p = p with { KernelImage = ReadPlacement(ctx, v, key, p.KernelImage) }; break;
                case "initrd": p = p with { Initrd = ReadPlacement(ctx, v, key, p.Initrd, allowZero: true) }; break;
                case "logBufDescSize": p = p with { LogBufDescSize = ctx.Size(v, key, p.LogBufDescSize) }; break;
                case "logBufInfoSize": p = p with { LogBufInfoSize = ctx.Size(v, key, p.LogBufInfoSize) }; break;
                case "logBufShift": p = p with { LogBufShift = (int)(ctx.Count(v, key, 25, min: 12) ?? (ulong)p.LogBufShift) }; break;
                case "logCpuMaxBufShift": p = p with { LogCpuMaxBufShift = (int)(ctx.Count(v, key, 21, min: 12) ?? (ulong)p.LogCpuMaxBufShift) }; break;
                case "memSectionRootsSize": p = p with { MemSectionRootsSize = ctx.Size(v, key, p.MemSectionRootsSize) }; break;
                case "usemapSectionSize": p = p with { UsemapSectionSize = ctx.Size(v, key, p.UsemapSectionSize) }; break;
                case "percpuStaticSize": p = p with { PercpuStaticSize = ctx.Size(v, key, p.PercpuStaticSize) }; break;
                case "percpuReservedSize": p = p with { PercpuReservedSize = ctx.Size(v, key, p.PercpuReservedSize, allowZero: true) }; break;
                case "percpuDynamicSize": p = p with { PercpuDynamicSize = ctx.Size(v, key, p.PercpuDynamicSize) }; break;
                case "swiotlbSize": p = p with { SwiotlbSize = ctx.Size(v, key, p.SwiotlbSize) }; break;
                case "mirrorGranularity": p = p with { MirrorGranularity = ctx.Align(v, key) ?? p.MirrorGranularity }; break;
                case "warningBurst": p = p with { WarningBurst = (int)(ctx.Count(v, key, 1000) ?? (ulong)p.WarningBurst) }; break;
                case "headroom": p = p with { Headroom = ReadHeadroom(ctx, v, p.Headroom) }; break;
                case "items": p = p with { Items = ReadItems(ctx, v, p.Items) }; break;
                default:
                    ctx.Add(PlanningDiagnostics.ProfileUnknownKey, keyOffset, $"unknown key \"{key}\"");
                    break;
            }
        }

        return p;
    }

    private static LoaderPlacement ReadPlacement(Ctx ctx, JNode v, string name, LoaderPlacement current, bool allowZero = false)
    {
        if (!ctx.Object(v, name))
        {
            return current;
        }

        var size = current.Size;
        var address = current.Address;
        foreach (var (key, keyOffset, m) in v.Members!)
        {
            switch (key)
            {
                case "size": size = ctx.Size(m, $"{name}.size", size, allowZero); break;
                case "address": address = m.Kind == JsonTokenType.Null ? null : ctx.Size(m, $"{name}.address", address ?? 0, allowZero: true); break;
                default: ctx.Add(PlanningDiagnostics.ProfileUnknownKey, keyOffset, $"unknown key \"{name}.{key}\""); break;
            }
        }

        return new LoaderPlacement(size, address);
    }

    private static Headroom ReadHeadroom(Ctx ctx, JNode v, Headroom current)
    {
        if (!ctx.Object(v, "headroom"))
        {
            return current;
        }

        var result = current;
        foreach (var (key, keyOffset, m) in v.Members!)
        {
            switch (key)
            {
                case "percentOfRam":
                    if (m.Kind == JsonTokenType.Number && double.TryParse(m.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var pct)
                        && pct is >= 0 and <= 100)
                    {
                        result = result with { PercentOfRam = pct };
                    }
                    else
                    {
                        ctx.Add(PlanningDiagnostics.ProfileImpossibleSize, m.Offset, "headroom.percentOfRam must be a number from 0 to 100");
                    }

                    break;
                case "minimum": result = result with { Minimum = ctx.Size(m, "headroom.minimum", result.Minimum, allowZero: true) }; break;
                default: ctx.Add(PlanningDiagnostics.ProfileUnknownKey, keyOffset, $"unknown key \"headroom.{key}\""); break;
            }
        }

        return result;
    }

    private static Dictionary<string, ItemOverride> ReadItems(Ctx ctx, JNode v, IReadOnlyDictionary<string, ItemOverride> current)
    {
        var result = new Dictionary<string, ItemOverride>(current, StringComparer.Ordinal);
        if (!ctx.Object(v, "items"))
        {
            return result;
        }

        foreach (var (id, idOffset, m) in v.Members!)
        {
            if (EarlyAllocationCatalog.Find(id) is null)
            {
                ctx.Add(PlanningDiagnostics.ProfileUnknownItem, idOffset,
                    $"no early-allocation item \"{id}\" (known: {string.Join(", ", EarlyAllocationCatalog.Items.Select(i => i.Id))})");
                continue;
            }

            if (!ctx.Object(m, $"items.{id}"))
            {
                continue;
            }

            var o = result.TryGetValue(id, out var existing) ? existing : new ItemOverride(null, null, null, null, null);
            foreach (var (key, keyOffset, f) in m.Members!)
            {
                var path = $"items.{id}.{key}";
                o = key switch
                {
                    "enabled" => o with { Enabled = ctx.Bool(f, path) ?? o.Enabled },
                    "size" => o with { Size = ctx.Size(f, path, o.Size ?? 0, allowZero: true) },
                    "align" => o with { Align = ctx.Align(f, path) ?? o.Align },
                    "minAddr" => o with { MinAddr = ctx.Size(f, path, o.MinAddr ?? 0, allowZero: true) },
                    "maxAddr" => o with { MaxAddr = ctx.Size(f, path, o.MaxAddr ?? 0, allowZero: true) },
                    _ => Unknown(ctx, keyOffset, path, o),
                };
            }

            result[id] = o;
        }

        return result;
    }

    private static ItemOverride Unknown(Ctx ctx, long offset, string path, ItemOverride o)
    {
        ctx.Add(PlanningDiagnostics.ProfileUnknownKey, offset, $"unknown key \"{path}\"");
        return o;
    }

    /// <summary>Shared state of one read: the bytes (for line numbers), the source name and the diagnostics.</summary>
    private sealed class Ctx(byte[] bytes, string source)
    {
        public List<Diagnostic> Diags { get; } = [];

        public void Add(DiagnosticDescriptor d, long offset, string message)
        {
            var line = 1;
            for (var i = 0; i < offset && i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    line++;
                }
            }

            Diags.Add(d.At(SourceLocation.AtLine(source, line), string.Create(CultureInfo.InvariantCulture, $"{message} (byte offset {offset})")));
        }

        public bool Object(JNode v, string name)
        {
            if (v.Kind == JsonTokenType.StartObject)
            {
                return true;
            }

            Add(PlanningDiagnostics.ProfileBadValue, v.Offset, $"{name} must be an object");
            return false;
        }

        public string? Str(JNode v, string name)
        {
            if (v.Kind == JsonTokenType.String)
            {
                return v.Text;
            }

            Add(PlanningDiagnostics.ProfileBadValue, v.Offset, $"{name} must be a string");
            return null;
        }

        public bool? Bool(JNode v, string name)
        {
            if (v.Kind is JsonTokenType.True or JsonTokenType.False)
            {
                return v.Kind == JsonTokenType.True;
            }

            Add(PlanningDiagnostics.ProfileBadValue, v.Offset, $"{name} must be true or false");
            return null;
        }

        public long? Int(JNode v, string name)
        {
            if (v.Kind == JsonTokenType.Number && long.TryParse(v.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }

            Add(PlanningDiagnostics.ProfileBadValue, v.Offset, $"{name} must be an integer");
            return null;
        }

        public ulong? Count(JNode v, string name, ulong max, ulong min = 0)
        {
            if (Int(v, name) is not { } n)
            {
                return null;
            }

            if (n < (long)min || n > (long)max)
            {
                Add(PlanningDiagnostics.ProfileImpossibleSize, v.Offset, string.Create(CultureInfo.InvariantCulture, $"{name} = {n} is outside {min}..{max}"));
                return null;
            }

            return (ulong)n;
        }

        /// <summary>A size: a JSON integer or a string in kernel memparse form (<c>"64M"</c>, <c>"0x2a980"</c>).</summary>
        public ulong Size(JNode v, string name, ulong fallback, bool allowZero = false)
        {
            ulong value;
            if (v.Kind == JsonTokenType.Number && ulong.TryParse(v.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                value = n;
            }
            else if (v.Kind == JsonTokenType.String && KernelParse.TryMemparseWhole(v.Text, out var m))
            {
                value = m;
            }
            else
            {
                Add(PlanningDiagnostics.ProfileBadValue, v.Offset, $"{name} must be a size: a non-negative integer or a string such as \"64M\" or \"0x2a980\"");
                return fallback;
            }

            if ((value == 0 && !allowZero) || value > MaxSize)
            {
                Add(PlanningDiagnostics.ProfileImpossibleSize, v.Offset,
                    string.Create(CultureInfo.InvariantCulture, $"{name} = {value:#,0} bytes is impossible ({(value == 0 ? "zero" : "more than 2^52")})"));
                return fallback;
            }

            return value;
        }

        public ulong? Align(JNode v, string name)
        {
            var before = Diags.Count;
            var a = Size(v, name, 0);
            if (Diags.Count != before)
            {
                return null;
            }

            if ((a & (a - 1)) != 0)
            {
                Add(PlanningDiagnostics.ProfileImpossibleSize, v.Offset, string.Create(CultureInfo.InvariantCulture, $"{name} = {a:#,0} is not a power of two"));
                return null;
            }

            return a;
        }
    }

    /// <summary>A JSON value with the byte offset of its first token; objects keep members in file order.</summary>
    private sealed record JNode(JsonTokenType Kind, long Offset, string Text, List<(string Key, long KeyOffset, JNode Value)>? Members)
    {
        public static JNode Parse(ref Utf8JsonReader reader)
        {
            var offset = reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var members = new List<(string, long, JNode)>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var key = reader.GetString() ?? string.Empty;
                        var keyOffset = reader.TokenStartIndex;
                        reader.Read();
                        members.Add((key, keyOffset, Parse(ref reader)));
                    }

                    return new JNode(JsonTokenType.StartObject, offset, string.Empty, members);
                case JsonTokenType.StartArray:
                    reader.Skip();
                    return new JNode(JsonTokenType.StartArray, offset, string.Empty, null);
                case JsonTokenType.String:
                    return new JNode(JsonTokenType.String, offset, reader.GetString() ?? string.Empty, null);
                case JsonTokenType.Number:
                    return new JNode(JsonTokenType.Number, offset, System.Text.Encoding.UTF8.GetString(reader.ValueSpan), null);
                default:
                    return new JNode(reader.TokenType, offset, string.Empty, null);
            }
        }
    }
}
