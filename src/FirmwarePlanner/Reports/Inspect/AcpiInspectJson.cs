using FirmwarePlanner.Acpi;
using System.Globalization;
using System.Text.Json;
using FirmwarePlanner.Acpi.Input;
using FirmwarePlanner.Acpi.Slit;
using FirmwarePlanner.Acpi.Srat;
using FirmwarePlanner.Numa;
using FirmwarePlanner.Text;

namespace FirmwarePlanner.Reports.Inspect;

/// <summary>
/// The <c>"acpi"</c> object of <c>fwplan inspect --format json</c>, written with <see cref="Utf8JsonWriter"/> in a
/// fixed property order. Addresses and 64-bit values are <c>0x</c> hex strings; offsets are numbers.
/// </summary>
public static class AcpiInspectJson
{
    public static void Write(Utf8JsonWriter w, AcpiInputs? acpi)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (acpi is null)
        {
            return; // no ACPI input: the property is absent
        }

        w.WriteStartObject("acpi");
        w.WriteStartArray("tables");
        foreach (var set in acpi.TableSets)
        {
            foreach (var t in set.Tables)
            {
                WriteTable(w, set, t);
            }
        }

        w.WriteEndArray();
        WriteSrat(w, "srat", acpi.Srat?.Table);
        w.WriteStartArray("otherSrats");
        foreach (var o in acpi.OtherSrats)
        {
            WriteSratBody(w, o.Table);
        }

        w.WriteEndArray();
        WriteSlit(w, acpi.Slit?.Table);
        WriteLinux(w, acpi.Linux);
        w.WriteEndObject();
    }

    private static void WriteTable(Utf8JsonWriter w, AcpiTableSet set, AcpiTable t)
    {
        w.WriteStartObject();
        w.WriteString("source", t.Source);
        w.WriteString("document", set.Source);
        w.WriteString("format", t.Format.ToString());
        w.WriteString("signature", t.Signature);
        w.WriteNumber("suppliedBytes", t.Bytes.Length);
        if (t.Header is { } h)
        {
            w.WriteNumber("length", h.Length);
            w.WriteNumber("revision", h.Revision);
            w.WriteString("checksum", KernelFormat.HashX(h.Checksum));
            w.WriteBoolean("checksumValid", t.ChecksumValid);
            w.WriteString("oemId", h.OemId);
            w.WriteString("oemTableId", h.OemTableId);
            w.WriteString("oemRevision", KernelFormat.HashX(h.OemRevision));
            w.WriteString("aslCompilerId", h.AslCompilerId);
            w.WriteString("aslCompilerRevision", KernelFormat.HashX(h.AslCompilerRevision));
        }

        if (t.Line is { } line)
        {
            w.WriteNumber("line", line);
        }

        w.WriteEndObject();
    }

    private static void WriteSrat(Utf8JsonWriter w, string name, SratTable? srat)
    {
        w.WritePropertyName(name);
        WriteSratBody(w, srat);
    }

    private static void WriteSratBody(Utf8JsonWriter w, SratTable? srat)
    {
        if (srat is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("source", srat.Table.Source);
        w.WriteNumber("revision", srat.Revision);
        w.WriteNumber("length", srat.Header.Length);
        w.WriteNumber("tableRevision", srat.TableRevision);
        w.WriteNumber("walkEnd", srat.WalkEnd);
        w.WriteBoolean("walkStoppedOnZeroLength", srat.WalkStoppedOnZeroLength);
        w.WriteStartArray("subtables");
        foreach (var s in srat.Subtables)
        {
            WriteSubtable(w, s, srat.Revision);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSubtable(Utf8JsonWriter w, SratSubtable s, byte revision)
    {
        w.WriteStartObject();
        w.WriteNumber("index", s.Index);
        w.WriteNumber("offset", s.Offset);
        w.WriteNumber("type", s.Type);
        w.WriteString("typeName", s.TypeName);
        w.WriteNumber("length", s.Length);
        switch (s)
        {
            case SratCpuAffinity c:
                w.WriteNumber("proximityDomain", c.ProximityDomain(revision));
                w.WriteNumber("apicId", c.ApicId);
                w.WriteNumber("localSapicEid", c.LocalSapicEid);
                w.WriteNumber("clockDomain", c.ClockDomain);
                w.WriteString("flags", KernelFormat.HashX((uint)c.Flags));
                w.WriteBoolean("enabled", c.Enabled);
                break;
            case SratMemoryAffinity m:
                w.WriteNumber("proximityDomain", m.ProximityDomain);
                w.WriteString("baseAddress", KernelFormat.HashX(m.BaseAddress));
                w.WriteString("addressLength", KernelFormat.HashX(m.AddressLength));
                w.WriteString("flags", KernelFormat.HashX((uint)m.Flags));
                w.WriteBoolean("enabled", m.Enabled);
                w.WriteBoolean("hotPluggable", m.HotPluggable);
                w.WriteBoolean("nonVolatile", m.NonVolatile);
                break;
            case SratX2ApicAffinity x:
                w.WriteNumber("proximityDomain", x.ProximityDomain);
                w.WriteNumber("x2ApicId", x.X2ApicId);
                w.WriteNumber("clockDomain", x.ClockDomain);
                w.WriteString("flags", KernelFormat.HashX((uint)x.Flags));
                w.WriteBoolean("enabled", x.Enabled);
                break;
            case SratGiccAffinity g:
                w.WriteNumber("proximityDomain", g.ProximityDomain);
                w.WriteNumber("acpiProcessorUid", g.AcpiProcessorUid);
                w.WriteNumber("clockDomain", g.ClockDomain);
                w.WriteString("flags", KernelFormat.HashX((uint)g.Flags));
                w.WriteBoolean("enabled", g.Enabled);
                break;
            case SratGicItsAffinity i:
                w.WriteNumber("proximityDomain", i.ProximityDomain);
                w.WriteNumber("itsId", i.ItsId);
                break;
            case SratGenericAffinity gi:
                w.WriteNumber("proximityDomain", gi.ProximityDomain);
                w.WriteNumber("deviceHandleType", gi.DeviceHandleType);
                w.WriteString("deviceHandle", Convert.ToHexString(gi.DeviceHandle.AsSpan()));
                w.WriteString("flags", KernelFormat.HashX((uint)gi.Flags));
                w.WriteBoolean("enabled", gi.Enabled);
                break;
            case SratRintcAffinity r:
                w.WriteNumber("proximityDomain", r.ProximityDomain);
                w.WriteNumber("acpiProcessorUid", r.AcpiProcessorUid);
                w.WriteNumber("clockDomain", r.ClockDomain);
                w.WriteString("flags", KernelFormat.HashX((uint)r.Flags));
                w.WriteBoolean("enabled", r.Enabled);
                break;
            case SratRawSubtable raw:
                w.WriteBoolean("truncated", raw.Truncated);
                w.WriteString("bytes", Convert.ToHexString(raw.Bytes.AsSpan()));
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteSlit(Utf8JsonWriter w, SlitTable? slit)
    {
        if (slit is null)
        {
            w.WriteNull("slit");
            return;
        }

        w.WriteStartObject("slit");
        w.WriteString("source", slit.Table.Source);
        w.WriteString("localityCount", KernelFormat.HashX(slit.LocalityCount));
        w.WriteBoolean("linuxValid", slit.LinuxValid);
        w.WriteStartArray("distances");
        for (var i = 0; i < slit.Count; i++)
        {
            w.WriteStartArray();
            for (var j = 0; j < slit.Count; j++)
            {
                w.WriteNumberValue(slit.Distance(i, j));
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLinux(Utf8JsonWriter w, LinuxSratReading? linux)
    {
        if (linux is null)
        {
            w.WriteNull("linux");
            return;
        }

        var info = linux.Info;
        w.WriteStartObject("linux");
        w.WriteString("architecture", linux.Architecture.ToString());
        w.WriteBoolean("sratUsed", info.Usable);
        w.WriteBoolean("partial", info.Partial);
        if (linux.FailureReason is { } why)
        {
            w.WriteString("failureReason", why);
        }

        w.WriteStartArray("nodes");
        foreach (var (pxm, node) in info.PxmToNode.OrderBy(p => p.Value).ThenBy(p => p.Key))
        {
            w.WriteStartObject();
            w.WriteNumber("node", node);
            w.WriteNumber("pxm", pxm);
            w.WriteStartArray("memory");
            foreach (var b in info.MemoryBlocks.Where(b => b.Node == node))
            {
                w.WriteStartObject();
                w.WriteString("start", KernelFormat.HashX(b.Range.Start));
                w.WriteString("end", KernelFormat.HashX(b.Range.End));
                w.WriteBoolean("hotplug", b.Hotpluggable);
                w.WriteBoolean("nonVolatile", b.NonVolatile);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("cpus", info.Cpus.Count(c => c.Node == node));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("kernelLines");
        foreach (var l in linux.Lines.Where(l => l.Level != KernelMessageLevel.Debug))
        {
            w.WriteStringValue(l.Text);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

}
