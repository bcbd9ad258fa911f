#!/usr/bin/env python3
"""Writes README.md of a capture folder from the files split-serial.py made and the notes
capture.sh stored in capture-meta.json. Every statement is read from the capture itself."""
import json
import os
import re
import sys

FILES = [
    ("README.md", "this file"),
    ("SRAT.bin", "ACPI SRAT exactly as /sys/firmware/acpi/tables/SRAT"),
    ("SRAT.dsl", "SRAT disassembled by ACPICA iasl (an independent decoder)"),
    ("SLIT.bin", "ACPI SLIT exactly as /sys/firmware/acpi/tables/SLIT"),
    ("SLIT.dsl", "SLIT disassembled by ACPICA iasl"),
    ("HMAT.bin", "ACPI HMAT exactly as /sys/firmware/acpi/tables/HMAT"),
    ("acpi", "every other ACPI table from /sys/firmware/acpi/tables (binary)"),
    ("capture-meta.json", "machine-readable notes from the capture script (sections found, exit code and wall time, versions)"),
    ("cmdline.txt", "/proc/cmdline"),
    ("dmesg.txt", "full kernel log as busybox `dmesg` printed it from the 16 MiB log buffer (memblock=debug lines included)"),
    ("e820-firmware.txt", "BIOS-e820 table as handed over (built by the EFI stub from the EFI map)"),
    ("e820-kernel-edits.txt", "e820 edits the kernel logged (setup_data reservations, efi MMIO removal, updates)"),
    ("efi-memmap-runtime.txt", "the `efi: memNN:` lines of the runtime map printed after SetVirtualAddressMap (\"EFI runtime memory map:\")"),
    ("efi-memmap.txt", "the `efi: memNN:` lines of the boot-time EFI memory map as the kernel used it (efi=debug); attribute columns include MR for EFI_MEMORY_MORE_RELIABLE"),
    ("efi-misc.txt", "/sys/firmware/efi systab etc."),
    ("efi-runtime-map.txt", "/sys/firmware/efi/runtime-map/N/* one line per entry"),
    ("firmware-memmap.txt", "/sys/firmware/memmap/N/{start,end,type}, one line per entry"),
    ("iomem.txt", "/proc/iomem (as root, real addresses)"),
    ("kernel-conclusions.txt", "the kernel's own NUMA/zone/mirror conclusions, grepped from dmesg (SRAT parse, node merges, NODE_DATA, zone ranges, movable zone start, early node ranges, Initmem, fallback order, Memory: line, mirror warnings)"),
    ("kernel-summary.json", "machine-readable extract of the kernel output (mechanical parse, no judgement): SRAT memory entries, NUMA-time memblock regions with nid/flags, node spans, early node ranges, zone ranges, movable zone start, efi mirror line, parsed EFI map with attributes and the MR byte total, per-zone page counts, node states"),
    ("memblock-dumps-dmesg.txt", "every \"MEMBLOCK configuration:\" dump in dmesg (x86 prints one after e820->memblock and one after NUMA registration, the latter with node ids and flags; flag 0x1 = HOTPLUG, 0x2 = MIRROR, 0x4 = NOMAP)"),
    ("memblock-memory.txt", "memory[] lines of the LAST \"MEMBLOCK configuration:\" dump in dmesg (taken right after NUMA registration, during setup_arch), or /sys/kernel/debug/memblock/memory when the kernel keeps memblock (x86 does not select ARCH_KEEP_MEMBLOCK)"),
    ("memblock-reserved.txt", "reserved[] lines of that same source (early-boot reservations when taken from dmesg)"),
    ("meminfo.txt", "/proc/meminfo"),
    ("memory-blocks.txt", "/sys/devices/system/memory: block size, auto-online policy, each block with node, state and valid_zones"),
    ("mirrorshim.cfg", "config read by the mirror shim: kernel, command line, MORE_RELIABLE ranges (inclusive)"),
    ("node-state.txt", "/sys/devices/system/node/{possible,online,has_memory,has_normal_memory,has_cpu,...}"),
    ("numa-meminfo.txt", "/sys/devices/system/node/nodeN/meminfo (with cpulist and distance row per node)"),
    ("qemu-cmdline.txt", "the QEMU command line, local paths replaced by file names"),
    ("serial.log", "raw serial console (OVMF/shim text + kernel console at loglevel 8 + the initramfs dump between ===BEGIN/===END markers); CRLF line ends"),
    ("uname.txt", "uname -a in the guest"),
    ("warnings.txt", "dmesg lines matching warn/fail/invalid/ignore/firmware bug/could not/can't/unmirrored (broad grep; noise included)"),
    ("zoneinfo.txt", "/proc/zoneinfo"),
    ("zones-summary.tsv", "per node and zone: start_pfn, spanned, present, managed (parsed from zoneinfo.txt)"),
]

# What differs on arm64 (capture.sh --arch arm64).
ARM64_FILES = {
    "dmesg.txt": "full kernel log as busybox `dmesg` printed it (no memblock=debug on arm64: its one-page page-table "
                 "allocations overflow the 128 KiB early log buffer before log_buf_len applies)",
    "efi-memmap.txt": "`efi: Processing EFI memory map:` and the `efi:   0x...-0x... [...]` lines reserve_regions() "
                      "(drivers/firmware/efi/efi-init.c) prints with efi=debug: the boot-time map as the kernel used "
                      "it; attribute columns include MR for EFI_MEMORY_MORE_RELIABLE",
    "memblock-memory.txt": "/sys/kernel/debug/memblock/memory at the end of boot (arm64 keeps memblock: "
                           "ARCH_KEEP_MEMBLOCK), with node and flags",
    "memblock-reserved.txt": "/sys/kernel/debug/memblock/reserved at the end of boot",
    "serial.log": "raw serial console (AAVMF/shim text + kernel console at loglevel 8 + the initramfs dump between "
                  "===BEGIN/===END markers); CRLF line ends",
}


def read(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return ""
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


def fence(lines):
    return "```\n" + "".join(line + "\n" for line in lines) + "```\n"


def mr_ranges(summary):
    """Contiguous MORE_RELIABLE stretches of the EFI map, with the descriptor types inside."""
    stretches = []
    for entry in summary.get("efi_memmap", []):
        if "MR" not in entry["attrs"]:
            continue
        start, end = int(entry["start"], 16), int(entry["end"], 16)
        if stretches and stretches[-1][1] + 1 == start:
            stretches[-1][1] = end
            stretches[-1][2].append(entry["type"])
        else:
            stretches.append([start, end, [entry["type"]]])
    return stretches


def unique(lines):
    seen, out = set(), []
    for line in lines:
        if line not in seen:
            seen.add(line)
            out.append(line)
    return out


def main():
    folder = sys.argv[1]
    name = os.path.basename(os.path.normpath(folder))
    meta = json.loads(read(folder, "capture-meta.json") or "{}")
    summary = json.loads(read(folder, "kernel-summary.json") or "{}")
    notes = meta.get("notes", {})
    conclusions = read(folder, "kernel-conclusions.txt").splitlines()
    dmesg = read(folder, "dmesg.txt").splitlines()
    last_stamp = next((m.group(1) for m in (re.match(r"\[\s*(\d+\.\d+)\]", l) for l in reversed(dmesg)) if m), "?")
    seconds = re.search(r"seconds=([\d.]+)", meta.get("run_result", ""))
    mirrors = re.findall(r"^mirror=(.*)$", read(folder, "mirrorshim.cfg"), re.M)

    arm64 = notes.get("arch") == "arm64"
    firmware, boot_file, console = ("AAVMF", "BOOTAA64.EFI", "ttyAMA0") if arm64 else ("OVMF", "BOOTX64.EFI", "ttyS0")
    out = ["# QEMU/%s capture: %s\n" % (firmware, name)]
    if notes.get("describe"):
        out.append(notes["describe"] + "\n")
    out.append("## Setup\n")
    out.append("- Kernel: %s" % notes.get("kernel", "?"))
    out.append("- Guest `uname -a`: `%s`" % summary.get("kernel", ""))
    out.append("- Firmware: %s" % notes.get("firmware", "?"))
    out.append("- QEMU: %s" % notes.get("qemu", "?"))
    if arm64:
        out.append("- CPU: `-cpu %s`, machine `virt,acpi=on` (the kernel boots from ACPI: SRAT/SLIT from `-numa`)"
                   % notes.get("cpu", "?"))
        out.append("- initramfs busybox: %s" % notes.get("initramfs", "?"))
        if notes.get("mirrorshim"):
            out.append("- mirrorshim: %s" % notes["mirrorshim"])
    out.append("- initrd.gz: busybox-static initramfs whose /init (tools/capture/init.sh) mounts proc/sysfs/debugfs, "
               "prints every capture between `===BEGIN x===`/`===END x===` markers on %s, then `poweroff -f`" % console)
    no_wc = bool(re.search(r"^mmio-no-wc\s*$", read(folder, "mirrorshim.cfg") or "", re.M))
    if notes.get("boot") == "shim":
        out.append("- Boot path: " + firmware + " -> mirrorshim.efi (tools/capture/mirrorshim, built with Debian gnu-efi; "
                   "\\EFI\\BOOT\\" + boot_file + " on a read-only vvfat disk) -> kernel EFI stub. The shim hooks "
                   "gBS->GetMemoryMap and adds EFI_MEMORY_MORE_RELIABLE (0x10000) to every descriptor inside the "
                   "configured ranges, splitting descriptors at range edges; "
                   + ("with mmio-no-wc it also clears WC on MMIO descriptors (next line), nothing else is changed. "
                      if no_wc else "nothing else is changed. ") + "Ranges: "
                   + (", ".join(mirrors) if mirrors else "none" + ("" if no_wc else " (the hook is not installed)")))
        if no_wc:
            out.append("- **Deviation from the firmware's map** (`--mmio-no-wc`, `mmio-no-wc` in mirrorshim.cfg): the "
                       "shim also clears EFI_MEMORY_WC (0x2) on every EfiMemoryMappedIO descriptor, so AAVMF's "
                       "variable-store flash (`MMIO|RUN|WC`) reaches the kernel as `MMIO|RUN`: arm64's is_memory() "
                       "no longer adds it to memblock and the SRAT covers all memory (NUMA comes up). Every other "
                       "byte of the map is the firmware's")
    else:
        out.append("- Boot path: QEMU -kernel/-initrd (%s starts the kernel's EFI stub from fw_cfg); no mirror shim" % firmware)
    out.append("- Kernel command line: `%s`" % summary.get("cmdline", ""))
    out.append("- Boot wall time (QEMU start to power-off, %s): %s s; last dmesg timestamp inside the dump: %s s"
               % (notes.get("accel", "tcg").upper(), seconds.group(1) if seconds else "?", last_stamp))
    if notes.get("command"):
        out.append("- Made with: `%s`" % notes["command"])
    out.append("\nQEMU command line (also in qemu-cmdline.txt):\n")
    out.append(fence([read(folder, "qemu-cmdline.txt").strip()]))

    out.append("## What the kernel concluded\n")
    mirror = summary.get("efi_mirror")
    if mirror:
        out.append("The kernel reports `efi: Memory: %dM/%dM mirrored memory` (the denominator is the sum of ALL EFI "
                   "descriptors, MMIO and reserved included)." % (mirror["mirrored_MiB"], mirror["total_MiB_all_descriptors"]))
    else:
        out.append("No `efi: Memory: ...mirrored memory` line: the boot map has no MORE_RELIABLE descriptor.")
    stretches = mr_ranges(summary)
    if stretches:
        out.append("MORE_RELIABLE (MR) stretches of the boot-time EFI map (efi-memmap.txt), with the descriptor types "
                   "inside: " + "; ".join("[%#x-%#x] %s" % (s, e, "+".join(t)) for s, e, t in stretches)
                   + " (%s bytes in all)." % summary.get("efi_memmap_MR_bytes", "?"))
    flagged = [r for r in summary.get("memblock_memory_numa_dump", []) if r["flags"] != "0x0"]
    if flagged:
        out.append("memblock regions with flags in the NUMA-time dump: " + "; ".join(
            "[%s-%s] node %s flags %s" % (r["base"], r["end"], r["nid"], r["flags"]) for r in flagged) + ".")
    movable = summary.get("movable_zone_start", {})
    if movable:
        out.append("Movable zone start: " + ", ".join("node %s at %s" % (k, v) for k, v in movable.items()) + ".")
    out.append("")
    blocks = [("SRAT as parsed by the kernel", r"ACPI: SRAT: Node"),
              ("NUMA setup (merges, NODE_DATA placement)", r"NUMA|NODE_DATA|\s+NODE_DATA\(\d+\) on node"),
              ("Node ranges", r"Initmem setup")]
    numa_lines = [re.sub(r"^\[\s*\d+\.\d+\] ", "", l) for l in dmesg]
    for title, pattern in blocks:
        source = numa_lines if pattern.startswith("NUMA") else conclusions
        lines = [l for l in source if re.match(pattern, l)]
        if lines:
            out.append(title + ":\n")
            out.append(fence(lines))
    zone_block, inside = [], False
    for line in conclusions:
        if line == "Zone ranges:":
            inside = True
        if inside and (line.startswith("Initmem") or line.startswith("On node")):
            break
        if inside:
            zone_block.append(line)
    if zone_block:
        out.append("Zones:\n")
        out.append(fence(zone_block))
    out.append("Per-node zones at the end of boot (zones-summary.tsv, pages of 4 KiB):\n")
    out.append(fence(read(folder, "zones-summary.tsv").splitlines()))
    mirror_lines = unique(summary.get("mirror_messages", []))
    if mirror_lines:
        out.append("Mirror-related lines:\n")
        out.append(fence(mirror_lines))
    if summary.get("memory_line"):
        out.append(fence([summary["memory_line"]]))
    warnings = read(folder, "warnings.txt").splitlines()
    if warnings:
        out.append("Warnings (broad grep, see warnings.txt):\n")
        out.append(fence(unique(warnings)))
    if notes.get("remarks"):
        out.append("## Remarks\n")
        out.append(notes["remarks"] + "\n")
    out.append("## Files\n")
    for file_name, what in FILES:
        if os.path.exists(os.path.join(folder, file_name)):
            out.append("- `%s`: %s" % (file_name, ARM64_FILES.get(file_name, what) if arm64 else what))
    out.append("\nThe guest booted with `nokaslr`, so kernel-image addresses are stable; " + firmware + " allocations can move a "
               "little between QEMU runs and between boot paths (-kernel vs the shim).")
    with open(os.path.join(folder, "README.md"), "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
