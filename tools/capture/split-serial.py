#!/usr/bin/env python3
"""Turns the serial log of a capture boot into a capture folder (see README.md).

Input: serial.log written by QEMU (-serial file:), holding firmware/shim text, the kernel console and
the initramfs dump between ===BEGIN name=== / ===END name=== markers. Output: the files that
fixtures/qemu/* hold, plus kernel-summary.json (a mechanical parse of the kernel's own output).
"""
import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys

TIMESTAMP = re.compile(r"^\[\s*\d+\.\d+\] ?")
HEX = r"0x[0-9a-fA-F]+"


def read_sections(path):
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8", errors="replace")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    sections, order, current, body = {}, [], None, []
    started = complete = False
    for line in lines:
        if line in ("CAPTURE-DUMP-START", "ORACLE-DUMP-START"):
            started = True
            continue
        if line in ("CAPTURE-DUMP-END", "ORACLE-DUMP-END"):
            complete = True
            continue
        if not started:
            continue
        match = re.fullmatch(r"===(BEGIN|END) (.+)===", line)
        if match and match.group(1) == "BEGIN" and current is None:
            current, body = match.group(2), []
        elif match and match.group(1) == "END" and current == match.group(2):
            sections[current] = "\n".join(body) + ("\n" if body else "")
            order.append(current)
            current = None
        elif current is not None:
            body.append(line)
    return sections, order, complete


def console_kernel_lines(path):
    """The kernel's console output before the initramfs dump (timestamped lines only), as text."""
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8", errors="replace")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for line in lines:
        if line in ("CAPTURE-DUMP-START", "ORACLE-DUMP-START"):
            break
        if TIMESTAMP.match(line):
            out.append(line)
    return out


def complete_dmesg(dmesg, console):
    """The ring buffer's dmesg when it still holds the boot's first lines; else, when the console printed them
    (earlycon), the console's lines up to where the ring's oldest record starts, then the ring. The ring is 128 KiB
    until setup_log_buf() applies log_buf_len, so memblock=debug on arm64 overflows it. Returns (text, source)."""
    ring = dmesg.split("\n")
    if any(" Linux version " in line for line in ring[:5]) or not ring or not ring[0]:
        return dmesg, "ring"
    window = [line for line in ring[:50] if line]
    for i in range(len(console) - len(window) + 1):
        if console[i:i + len(window)] == window:
            if not any(" Linux version " in line for line in console[:i][:5]):
                break
            return "".join(line + "\n" for line in console[:i]) + dmesg, "console+ring"
    return dmesg, "ring (its start overflowed; the console does not have it)"


def messages(dmesg):
    """Kernel log lines without the [ seconds] prefix."""
    return [TIMESTAMP.sub("", line) for line in dmesg.splitlines()]


def write(folder, name, text):
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def lines_text(lines):
    return "".join(line + "\n" for line in lines)


MEMBLOCK_DEBUG = re.compile(r"^(memblock_\w+: |MEMBLOCK configuration:$| (memory|reserved)(\[| size|\.cnt))")
ARM64_EFI_LINE = re.compile(r"efi:   (" + HEX + r")-(" + HEX + r") \[([^|]*)\|(.*)\]$")


def efi_map_blocks(msgs):
    """The boot-time map (efi=debug prints it once per efi_print_memmap call) and the runtime map.
    arm64 (reserve_regions() in drivers/firmware/efi/efi-init.c) prints it once, after
    'efi: Processing EFI memory map:', as '  0x%012llx-0x%012llx %s' lines without an index; the header
    is kept so the file reads as the kernel printed it."""
    boot, runtime, prints, current = [], [], [], None
    for line in msgs:
        if line == "efi: Processing EFI memory map:":
            current = "arm64"
            prints.append("boot")
            boot = [line]
            continue
        if current == "arm64":
            if ARM64_EFI_LINE.match(line):
                boot.append(line)
                continue
            if MEMBLOCK_DEBUG.match(line):  # memblock=debug: reserve_regions()' own dump and memblock_add lines
                continue
            current = None
        if line.startswith("efi: EFI runtime memory map:"):
            current = "runtime"
            prints.append("runtime")
            runtime = []
            continue
        if re.match(r"efi: mem\d+: \[", line):
            if current is None:
                current = "boot"
                prints.append("boot")
                boot = []
            (runtime if current == "runtime" else boot).append(line)
        elif current is not None:
            current = None
    return boot, runtime, prints


def memblock_dumps(msgs):
    dumps, current = [], None
    for line in msgs:
        if line == "MEMBLOCK configuration:":
            current = [line]
            dumps.append(current)
        elif current is not None and re.match(r" (memory|reserved)(\[| size|\.cnt)", line):
            current.append(line)
        else:
            current = None
    return dumps


MEMBLOCK_REGION = re.compile(
    r"\s*(memory|reserved)\[0x[0-9a-f]+\]\t\[(" + HEX + r")-(" + HEX + r")\], (" + HEX
    + r") bytes(?: on node (\d+))? flags: (" + HEX + r")")


def memblock_regions(dump, kind):
    regions = []
    for line in dump:
        match = MEMBLOCK_REGION.match(line)
        if match and match.group(1) == kind:
            regions.append({"base": match.group(2), "end": match.group(3), "size": match.group(4),
                            "nid": int(match.group(5)) if match.group(5) is not None else None,
                            "flags": match.group(6)})
    return regions


EFI_LINE = re.compile(r"efi: mem(\d+): \[([^|]*)\|(.*)\] range=\[(" + HEX + r")-(" + HEX + r")\]")


def parse_efi_map(lines):
    entries = []
    for line in lines:
        match = EFI_LINE.match(line)
        arm64 = ARM64_EFI_LINE.match(line)
        if arm64:  # no printed index: number the descriptors in print order
            attrs = [a.strip() for a in arm64.group(4).split("|") if a.strip()]
            entries.append({"idx": len(entries), "type": arm64.group(3).strip(), "attrs": attrs,
                            "start": arm64.group(1), "end": arm64.group(2)})
            continue
        if not match:
            continue
        attrs = [a.strip() for a in match.group(3).split("|") if a.strip()]
        entries.append({"idx": int(match.group(1)), "type": match.group(2).strip(), "attrs": attrs,
                        "start": match.group(4), "end": match.group(5)})
    return entries


def parse_zoneinfo(text):
    zones, current = [], None
    for line in text.splitlines():
        match = re.match(r"Node (\d+), zone\s+(\S+)", line)
        if match:
            current = {"node": int(match.group(1)), "zone": match.group(2)}
            zones.append(current)
            continue
        match = re.match(r"\s+(spanned|present|managed)\s+(\d+)$", line)
        if current is not None and match:
            current[match.group(1)] = int(match.group(2))
        match = re.match(r"\s+start_pfn:\s+(\d+)$", line)
        if current is not None and match:
            current["start_pfn"] = int(match.group(1))
    return zones


def block_after(msgs, header, pattern):
    """Lines matching pattern right after the first line equal to header."""
    out = []
    for i, line in enumerate(msgs):
        if line == header:
            for follow in msgs[i + 1:]:
                match = re.match(pattern, follow)
                if not match:
                    break
                out.append(match)
            break
    return out


def debugfs_regions(text):
    """/sys/kernel/debug/memblock/{memory,reserved}: '   N: 0xbase..0xend' plus, since 6.5, node and flags."""
    regions = []
    for line in text.splitlines():
        match = re.match(r"\s*\d+: (" + HEX + r")\.\.(" + HEX + r")(?:\s+(\S+)\s+(\S+))?", line)
        if match:
            nid = match.group(3)
            regions.append({"base": match.group(1), "end": match.group(2),
                            "nid": int(nid) if nid is not None and nid.isdigit() else None,
                            "flags": match.group(4)})
    return regions


def summarize(sections, msgs, efi_boot):
    summary = {"kernel": sections.get("uname", "").strip(), "cmdline": sections.get("cmdline", "").strip()}
    srat = []
    for line in msgs:
        match = re.match(r"ACPI: SRAT: Node (\d+) PXM (\d+) \[mem (" + HEX + r")-(" + HEX + r")\]( hotplug)?( non-volatile)?",
                         line)
        if match:
            srat.append({"node": int(match.group(1)), "pxm": int(match.group(2)), "start": match.group(3),
                         "end": match.group(4), "hotplug": bool(match.group(5)),
                         "non_volatile": bool(match.group(6))})
    summary["srat_memory"] = srat
    dumps = memblock_dumps(msgs)
    last = dumps[-1] if dumps else []
    summary["memblock_memory_numa_dump"] = memblock_regions(last, "memory")
    summary["memblock_reserved_numa_dump"] = memblock_regions(last, "reserved")
    if not sections.get("memblock-memory", "(absent").startswith("(absent"):
        summary["memblock_memory_debugfs"] = debugfs_regions(sections["memblock-memory"])
        summary["memblock_reserved_debugfs"] = debugfs_regions(sections.get("memblock-reserved", ""))
    spans = {}
    for line in msgs:
        match = re.match(r"Initmem setup node (\d+) \[mem (" + HEX + r")-(" + HEX + r")\]", line)
        if match:
            spans[match.group(1)] = {"start": match.group(2), "end": match.group(3)}
        match = re.match(r"Initmem setup node (\d+) as memoryless", line)
        if match:
            spans[match.group(1)] = "memoryless"
    summary["node_spans"] = spans
    summary["early_node_ranges"] = [
        {"node": int(m.group(1)), "start": m.group(2), "end": m.group(3)}
        for m in block_after(msgs, "Early memory node ranges",
                             r"\s+node\s+(\d+): \[mem (" + HEX + r")-(" + HEX + r")\]")]
    zone_ranges = {}
    for m in block_after(msgs, "Zone ranges:", r"\s+(\w+)\s+(?:\[mem (" + HEX + r")-(" + HEX + r")\]|empty)"):
        zone_ranges[m.group(1)] = {"start": m.group(2), "end": m.group(3)} if m.group(2) else None
    summary["zone_ranges"] = zone_ranges
    summary["movable_zone_start"] = {
        m.group(1): m.group(2)
        for m in block_after(msgs, "Movable zone start for each node", r"\s+Node (\d+): (" + HEX + r")")}
    mirror = None
    for line in msgs:
        match = re.match(r"efi: Memory: (\d+)M/(\d+)M mirrored memory", line)
        if match:
            mirror = {"mirrored_MiB": int(match.group(1)), "total_MiB_all_descriptors": int(match.group(2))}
    summary["efi_mirror"] = mirror
    summary["mirror_messages"] = [line for line in msgs
                                  if "mirror" in line and "ommand line" not in line]
    entries = parse_efi_map(efi_boot)
    summary["efi_memmap"] = entries
    mr_bytes = sum(int(e["end"], 16) + 1 - int(e["start"], 16) for e in entries if "MR" in e["attrs"])
    summary["efi_memmap_MR_bytes"] = hex(mr_bytes)
    summary["zones"] = parse_zoneinfo(sections.get("zoneinfo", ""))
    summary["fallback_order"] = [line for line in msgs if line.startswith("Fallback order for Node")]
    summary["memory_line"] = next((line for line in msgs if re.match(r"Memory: \d+K/\d+K available", line)), None)
    state = {}
    for line in sections.get("node-state", "").splitlines():
        key, _, value = line.partition(": ")
        if key:
            state[key.rstrip(":")] = value
    summary["node_state"] = state
    return summary


CONCLUSION = re.compile(
    r"^(efi: Memory: |efi_fake_mem: |The system has no mirror memory|Could not allocate|This configuration results|ACPI: (SRAT|SLIT|HMAT)|NUMA|NODE_DATA"
    r"|Zone ranges:|Movable zone start|Early memory node ranges|Initmem setup|On node \d+, zone|Fallback order"
    r"|Built \d+ zonelists|Policy zone|mem auto-init|Freeing|Memory: \d+K|Faking a node|No NUMA configuration|SRAT:|"
    r"\s+(DMA|DMA32|Normal|Movable|Device)\s+(\[mem|empty)|\s+Node \d+: 0x|\s+node\s+\d+: \[mem)")
WARNING = re.compile(r"warn|fail|invalid|ignor|firmware bug|could not|can't|unmirrored", re.IGNORECASE)


def zones_tsv(zones):
    rows = ["node\tzone\tstart_pfn\tspanned\tpresent\tmanaged"]
    for z in zones:
        rows.append("\t".join(str(v) for v in (z["node"], z["zone"], z.get("start_pfn", ""), z.get("spanned", ""),
                                                 z.get("present", ""), z.get("managed", ""))))
    return lines_text(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("serial_log")
    parser.add_argument("folder")
    parser.add_argument("--run-result", default="")
    parser.add_argument("--note", action="append", default=[], metavar="KEY=VALUE",
                        help="provenance note stored under 'notes' in capture-meta.json (repeatable)")
    args = parser.parse_args()

    sections, order, complete = read_sections(args.serial_log)
    if "dmesg" not in sections:
        print("split-serial: no dmesg section in " + args.serial_log, file=sys.stderr)
        return 2
    folder = args.folder
    os.makedirs(folder, exist_ok=True)
    dmesg, dmesg_source = complete_dmesg(sections["dmesg"], console_kernel_lines(args.serial_log))
    sections["dmesg"] = dmesg
    msgs = messages(dmesg)

    simple = {"cmdline": "cmdline.txt", "uname": "uname.txt", "dmesg": "dmesg.txt", "iomem": "iomem.txt",
              "firmware-memmap": "firmware-memmap.txt", "efi-runtime-map": "efi-runtime-map.txt",
              "efi-misc": "efi-misc.txt", "node-state": "node-state.txt", "node-meminfo": "numa-meminfo.txt",
              "zoneinfo": "zoneinfo.txt", "meminfo": "meminfo.txt", "memory-blocks": "memory-blocks.txt"}
    for section, name in simple.items():
        # sysfs files arm64 does not have (firmware-memmap and efi runtime-map are x86) print nothing
        if section in sections and (sections[section] or section not in ("firmware-memmap", "efi-runtime-map")):
            write(folder, name, sections[section])

    tables = []
    for section in order:
        if section.startswith("acpi-base64 "):
            table = section.split(" ", 1)[1]
            tables.append(table)
            data = base64.b64decode("".join(sections[section].split()))
            if table in ("SRAT", "SLIT", "HMAT"):
                target = os.path.join(folder, table + ".bin")
            else:
                os.makedirs(os.path.join(folder, "acpi"), exist_ok=True)
                target = os.path.join(folder, "acpi", table + ".bin")
            with open(target, "wb") as handle:
                handle.write(data)
            if table in ("SRAT", "SLIT", "HMAT") and shutil.which("iasl"):
                subprocess.run(["iasl", "-d", os.path.relpath(target, folder)], cwd=folder, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, check=False)
                dsl = os.path.join(folder, table + ".dsl")
                if os.path.exists(dsl):  # drop the disassembly date so reruns give identical files
                    with open(dsl, encoding="utf-8", errors="replace") as handle:
                        text = re.sub(r"(Disassembly of [^,\n]+), [^\n]*", r"\1", handle.read())
                    write(folder, table + ".dsl", text)

    efi_boot, efi_runtime, prints = efi_map_blocks(msgs)
    write(folder, "efi-memmap.txt", lines_text(efi_boot))
    if efi_runtime:
        write(folder, "efi-memmap-runtime.txt", lines_text(efi_runtime))
    # arm64 has no e820 and (without memblock=debug) no memblock dumps in dmesg: those files are left out there.
    arm64 = bool(efi_boot) and efi_boot[0] == "efi: Processing EFI memory map:"
    if not arm64:
        write(folder, "e820-firmware.txt", lines_text([l for l in msgs if l.startswith("BIOS-e820: ")]))
        write(folder, "e820-kernel-edits.txt", lines_text(
            [l for l in msgs if re.match(r"(e820: (update|remove|reserve)|reserve setup_data: |efi: (Remove|Not removing) mem)", l)]))

    dumps = memblock_dumps(msgs)
    if dumps or not arm64:
        write(folder, "memblock-dumps-dmesg.txt", "".join(
            "# dump %d of %d\n" % (i + 1, len(dumps)) + lines_text(d) for i, d in enumerate(dumps)))
    debugfs = "memblock-memory" in sections and not sections["memblock-memory"].startswith("(absent")
    if debugfs:
        write(folder, "memblock-memory.txt", sections["memblock-memory"])
        write(folder, "memblock-reserved.txt", sections.get("memblock-reserved", ""))
    elif dumps:
        last = dumps[-1]
        write(folder, "memblock-memory.txt", lines_text([l.lstrip(" ") for l in last if MEMBLOCK_REGION.match(l)
                                                         and l.lstrip().startswith("memory[")]))
        write(folder, "memblock-reserved.txt", lines_text([l.lstrip(" ") for l in last if MEMBLOCK_REGION.match(l)
                                                           and l.lstrip().startswith("reserved[")]))

    write(folder, "kernel-conclusions.txt", lines_text([l for l in msgs if CONCLUSION.match(l)]))
    write(folder, "warnings.txt", lines_text([l for l in msgs if WARNING.search(l)]))
    summary = summarize(sections, msgs, efi_boot)
    write(folder, "zones-summary.tsv", zones_tsv(summary["zones"]))
    write(folder, "kernel-summary.json", json.dumps(summary, indent=1))
    meta = {"memblock_source": "debugfs" if debugfs else "dmesg", "efi_memmap_prints": prints,
            "acpi_tables": sorted(tables), "dump_complete": complete, "sections": sorted(order),
            "run_result": args.run_result}
    if dmesg_source != "ring":
        meta["dmesg_source"] = dmesg_source
    if args.note:
        meta["notes"] = dict(note.split("=", 1) for note in args.note)
    write(folder, "capture-meta.json", json.dumps(meta, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
