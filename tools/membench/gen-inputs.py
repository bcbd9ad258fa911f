#!/usr/bin/env python3
"""Writes one large input per reader format into DIR (default /tmp/fwplan-membench), each about SIZE_MB (default 100).

Formats: kernel log (efi: mem lines), EFI binary map (+ its metadata JSON), UEFI Shell memmap, sysfs firmware
memmap records, /proc/iomem, acpidump text, iasl text, binary SRAT, memblock script. Deterministic.
"""
import os
import struct
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/fwplan-membench"
target = int(float(sys.argv[2]) * 1_000_000) if len(sys.argv) > 2 else 100_000_000
os.makedirs(out, exist_ok=True)


def lines_until(path, make):
    with open(path, "w") as f:
        n = 0
        size = 0
        while size < target:
            line = make(n)
            f.write(line)
            size += len(line)
            n += 1
    return n


PAGE = 4096
# A descriptor i covers [i * 16 pages, i * 16 pages + 16 pages): contiguous, alternating types.
TYPES = ["Conventional Memory", "Boot Data", "Loader Data", "Reserved"]
lines_until(os.path.join(out, "kernel-log.txt"), lambda i: "[    0.000000] efi: mem%02d: [%-19s|  |  |  |  |  |   |WB|WT|WC|UC] range=[0x%016x-0x%016x] (0MB)\n"
            % (i, TYPES[i % 4], i * 16 * PAGE, (i + 1) * 16 * PAGE - 1))

count = target // 48
with open(os.path.join(out, "efi-memmap.bin"), "wb") as f:
    for i in range(count):
        f.write(struct.pack("<IIQQQQQ", 7 if i % 4 == 0 else 4, 0, i * 16 * PAGE, 0, 16, 0xF, 0))  # 40 bytes + 8 of padding
with open(os.path.join(out, "efi-memmap-bin.json"), "w") as f:
    f.write('{ "descriptorSize": 48, "descriptorVersion": 1 }\n')

with open(os.path.join(out, "uefi-shell.txt"), "w") as f:
    f.write("Shell> memmap\n")
    f.write("Type       Start            End              # Pages          Attributes\n")
    size = 0
    i = 0
    while size < target:
        line = "%-10s %016X-%016X %016X %016X\n" % ("Available" if i % 2 == 0 else "BS_Data", i * 16 * PAGE, (i + 1) * 16 * PAGE - 1, 16, 0xF)
        f.write(line)
        size += len(line)
        i += 1

lines_until(os.path.join(out, "sysfs-firmware-memmap.txt"), lambda i: "%d start=0x%x end=0x%x type=System RAM\n" % (i, i * 16 * PAGE, (i + 1) * 16 * PAGE - 1))
lines_until(os.path.join(out, "proc-iomem.txt"), lambda i: "%08x-%08x : System RAM\n" % (i * 16 * PAGE, (i + 1) * 16 * PAGE - 1))


def acpi_table(sig, body):
    hdr = sig + struct.pack("<IBB", 36 + len(body), 3, 0) + b"OEMID " + b"OEMTABLE" + struct.pack("<I", 1) + b"CRTR" + struct.pack("<I", 1)
    t = bytearray(hdr + body)
    t[9] = (-sum(t)) & 0xFF
    return bytes(t)


# Binary SRAT: memory affinity entries (40 bytes each) up to the size.
n = (target - 48) // 40
body = struct.pack("<IQ", 1, 0) + b"".join(struct.pack("<BBIHIIIIIIQ", 1, 40, i % 4, 0, (i * 16 * PAGE) & 0xFFFFFFFF, (i * 16 * PAGE) >> 32,
                                                     16 * PAGE, 0, 0, 1, 0) for i in range(n))
srat = acpi_table(b"SRAT", body)
with open(os.path.join(out, "srat.bin"), "wb") as f:
    f.write(srat)

# acpidump text of the same SRAT, cut to about the size (hex rows are ~4x the bytes).
with open(os.path.join(out, "acpidump.txt"), "w") as f:
    f.write("SRAT @ 0x0000000000000000\n")
    size = 0
    for off in range(0, len(srat), 16):
        row = srat[off:off + 16]
        line = "    %04X: %s  %s\n" % (off, " ".join("%02X" % b for b in row).ljust(47), "".join(chr(b) if 32 <= b < 127 else "." for b in row))
        f.write(line)
        size += len(line)
        if size >= target:
            break

with open(os.path.join(out, "memblock.ops"), "w") as f:
    size = 0
    i = 0
    while size < target:
        line = "add 0x%x 0x%x\n" % (i * 2 * 16 * PAGE, 16 * PAGE)
        f.write(line)
        size += len(line)
        i += 1
