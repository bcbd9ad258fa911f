using FirmwarePlanner.Linux;
using FirmwarePlanner.Kernel;
using FirmwarePlanner.E820;
using FirmwarePlanner.Memblock;
using FirmwarePlanner.Numa;
using System.Text;
using System.Text.Json;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Reports.Predict;

/// <summary>The prediction as JSON (hand-written Utf8JsonWriter, AOT-safe, fixed key order). Addresses are hex strings.</summary>
public static class PredictionJson
{
    public const int SchemaVersion = 1;

    public static string Render(BootPrediction p)
    {
        ArgumentNullException.ThrowIfNull(p);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteString("kernel", p.Inputs.Kernel.Release.ToString());
            w.WriteString("arch", p.Inputs.Arch == BootArch.Arm64 ? "arm64" : "x86_64");
            WriteCmdline(w, p.Inputs.CommandLine);
            w.WriteStartArray("lines");
            foreach (var l in p.Log.Lines)
            {
                w.WriteStartObject();
                w.WriteString("group", l.Group.ToString());
                w.WriteString("text", l.Text);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteE820(w, "firmwareE820", p.FirmwareE820);
            WriteE820(w, "kernelE820", p.KernelE820);
            w.WriteString("maxPfn", KernelFormat.HashX(p.MaxPfn));
            WriteRegions(w, "memblockAfterE820", p.MemblockAfterE820);
            w.WriteStartObject("mirror");
            w.WriteString("mirroredBytes", KernelFormat.HashX(p.MirrorBytes));
            w.WriteString("efiTotalBytes", KernelFormat.HashX(p.EfiTotalBytes));
            w.WriteBoolean("memblockHasMirror", p.HasMirror);
            w.WriteEndObject();
            WriteRegions(w, "memblockAfterNuma", p.MemblockAfterNuma);
            w.WriteBoolean("numaFaked", p.NumaFaked);
            WriteNodes(w, p);
            WriteZones(w, p.Zones);
            w.WriteStartArray("notes");
            foreach (var n in p.Notes)
            {
                w.WriteStartObject();
                w.WriteString("topic", n.Topic);
                w.WriteString("message", n.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }


    private static void WriteCmdline(Utf8JsonWriter w, BootCommandLine c)
    {
        w.WriteStartObject("commandLine");
        w.WriteString("text", c.Text);
        w.WriteStartArray("parameters");
        foreach (var p in c.Parameters)
        {
            w.WriteStartObject();
            w.WriteString("text", p.Text);
            w.WriteString("role", p.Role.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteE820(Utf8JsonWriter w, string name, IReadOnlyList<E820Entry> entries)
    {
        w.WriteStartArray(name);
        foreach (var e in entries)
        {
            w.WriteStartObject();
            w.WriteString("start", KernelFormat.HashX(e.Start));
            w.WriteString("size", KernelFormat.HashX(e.Size));
            w.WriteString("type", e.Type.LogName);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteRegions(Utf8JsonWriter w, string name, IReadOnlyList<MemblockRegion> regions)
    {
        w.WriteStartArray(name);
        foreach (var r in regions)
        {
            w.WriteStartObject();
            w.WriteString("base", KernelFormat.HashX(r.Base));
            w.WriteString("size", KernelFormat.HashX(r.Size));
            w.WriteNumber("nid", r.Nid);
            w.WriteNumber("flags", (int)r.Flags);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteNodes(Utf8JsonWriter w, BootPrediction p)
    {
        w.WriteStartArray("nodes");
        foreach (var n in p.Nodes)
        {
            w.WriteStartObject();
            w.WriteNumber("nid", n.Nid);
            w.WriteString("startPfn", KernelFormat.HashX(n.Span.StartPfn));
            w.WriteString("endPfn", KernelFormat.HashX(n.Span.EndPfn));
            w.WriteStartArray("blocks");
            foreach (var b in n.Blocks)
            {
                w.WriteStartObject();
                w.WriteString("start", KernelFormat.HashX(b.Start));
                w.WriteString("end", KernelFormat.HashX(b.End));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("cpus");
            foreach (var c in n.Cpus)
            {
                w.WriteStartObject();
                w.WriteString("kind", c.Kind.Name());
                w.WriteNumber("id", c.ProcessorId);
                w.WriteNumber("pxm", c.Pxm);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteZones(Utf8JsonWriter w, ZoneLayout? z)
    {
        w.WriteStartObject("zones");
        if (z is not null)
        {
            w.WriteStartArray("ranges");
            foreach (var r in z.Zones)
            {
                w.WriteStartObject();
                w.WriteString("zone", r.Name);
                w.WriteString("startPfn", KernelFormat.HashX(r.StartPfn));
                w.WriteString("endPfn", KernelFormat.HashX(r.EndPfn));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("movableStart");
            foreach (var (nid, pfn) in z.MovableStart)
            {
                w.WriteStartObject();
                w.WriteNumber("nid", nid);
                w.WriteString("startPfn", KernelFormat.HashX(pfn));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
