using FirmwarePlanner.Planning;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FirmwarePlanner.Diagnostics;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Reports.Plan;

/// <summary>Writes a <see cref="PlacementPlan"/> as JSON (schemaVersion 1): sizes in bytes, addresses as 0x hex strings.</summary>
public static class PlanJsonWriter
{
    public const int SchemaVersion = 1;

    public static string Write(PlacementPlan plan, PlanningMachine machine)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(machine);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteString("machine", plan.Machine);
            w.WriteString("kernel", plan.Profile.Kernel.ToString());
            w.WriteString("profile", plan.Profile.Name);
            w.WriteString("arch", plan.Profile.Arch);
            w.WriteString("commandLine", plan.CommandLine);
            w.WriteStartArray("nodes");
            foreach (var n in machine.Nodes.OrderBy(n => n.Id))
            {
                w.WriteStartObject();
                w.WriteNumber("node", n.Id);
                w.WriteNumber("ram", n.RamBytes);
                w.WriteNumber("mirrored", n.MirroredBytes);
                w.WriteNumber("cpus", n.Cpus);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("items");
            foreach (var i in EarlyAllocationCatalog.ItemsFor(plan.Profile.Kernel, plan.Profile.Arch))
            {
                var r = plan.Profile.Resolve(i);
                w.WriteStartObject();
                w.WriteString("id", i.Id);
                w.WriteBoolean("enabled", r is not null);
                w.WriteString("function", i.Function);
                w.WriteString("api", i.ApiName);
                w.WriteNumber("align", (r ?? i).Align);
                w.WriteString("minAddr", KernelFormat.HashX((r ?? i).MinAddr));
                w.WriteString("maxAddr", KernelFormat.HashX((r ?? i).MaxAddr));
                w.WriteString("nodePolicy", i.NodePolicy.ToString());
                w.WriteString("size", i.Size.ToString());
                w.WriteString("tier", i.Tier.ToString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("critical");
            foreach (var c in plan.Critical)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteNumber("size", c.Size);
                w.WriteNumber("node", c.Node);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("policies");
            foreach (var p in plan.Policies)
            {
                WritePolicy(w, p);
            }

            w.WriteEndArray();
            DiagnosticJson.WriteArray(w, "diagnostics", plan.Diagnostics);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WritePolicy(Utf8JsonWriter w, PolicyPlan p)
    {
        w.WriteStartObject();
        w.WriteString("policy", p.Policy.Name());
        w.WriteString("semantics", p.Semantics);
        w.WriteBoolean("mirrorFirst", p.Run.MirrorFirst);
        w.WriteStartArray("nodes");
        foreach (var n in p.Nodes)
        {
            w.WriteStartObject();
            w.WriteNumber("node", n.Node);
            w.WriteNumber("ram", n.Ram);
            w.WriteNumber("mirrored", n.Mirrored);
            w.WriteNumber("earlyNeed", n.EarlyNeed);
            w.WriteNumber("placedInMirror", n.PlacedInMirror);
            w.WriteNumber("spilled", n.Spilled);
            w.WriteNumber("unplaced", n.Unplaced);
            w.WriteNumber("mirrorLeft", n.MirrorLeft);
            w.WriteNumber("zoneMovable", n.ZoneMovable);
            w.WriteNumber("criticalDeclared", n.CriticalDeclared);
            w.WriteNumber("criticalInMirror", n.CriticalInMirror);
            w.WriteNumber("criticalSpilled", n.CriticalSpilled);
            w.WriteNumber("headroom", n.Headroom);
            w.WriteNumber("minMirror", n.MinMirror);
            w.WriteNumber("recommendedMirror", n.RecommendedMirror);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("findings");
        foreach (var f in p.Findings)
        {
            w.WriteStringValue(f);
        }

        w.WriteEndArray();
        w.WriteStartArray("kernelLines");
        foreach (var l in p.Run.KernelLines)
        {
            w.WriteStringValue(l);
        }

        w.WriteEndArray();
        w.WriteStartArray("allocations");
        foreach (var a in p.Run.Allocations)
        {
            w.WriteStartObject();
            w.WriteString("item", a.ItemId);
            w.WriteString("call", a.Call);
            if (a.RequestedNode is { } rn)
            {
                w.WriteNumber("requestedNode", rn);
            }
            else
            {
                w.WriteNull("requestedNode");
            }

            w.WriteNumber("size", a.Size);
            w.WriteNumber("align", a.Align);
            if (a.Address is { } addr)
            {
                w.WriteString("address", KernelFormat.HashX(addr));
            }
            else
            {
                w.WriteNull("address");
            }

            if (a.Node is { } node)
            {
                w.WriteNumber("node", node);
            }
            else
            {
                w.WriteNull("node");
            }

            w.WriteNumber("netSize", a.NetSize);
            w.WriteNumber("mirrored", a.MirroredBytes);
            w.WriteString("note", a.Note);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

}
