#!/usr/bin/env python3
"""Checks that a capture folder is self-consistent (run by hand after capture.sh):
1. the boot-time EFI map has MORE_RELIABLE (MR) exactly inside the mirror= ranges of mirrorshim.cfg:
   no descriptor straddles a range edge, every descriptor inside a range has MR, none outside has it;
2. the kernel's `efi: Memory: xM/yM mirrored memory` line agrees with the MR bytes of that map
   (the kernel sums MR descriptor sizes and shifts right by 20), and is absent when nothing is MR;
3. the SRAT memory affinity entries add up, per node, to the memory QEMU gave that node
   (node 0 loses the 384 KiB legacy hole 0xa0000-0xfffff), memory-less nodes have none;
4. the dump is complete and /proc/cmdline is the command line that was asked for;
5. with mmio-no-wc (arm64), no MMIO descriptor of the boot map has WC and NUMA was not faked.
Prints one line per check and exits 1 if any fails."""
import json
import os
import re
import sys


def read(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


def size_bytes(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
    match = re.fullmatch(r"(\d+)([KMGT]?)", text.upper())
    return int(match.group(1)) * units.get(match.group(2), 1)


def main():
    folder = sys.argv[1]
    summary = json.loads(read(folder, "kernel-summary.json"))
    meta = json.loads(read(folder, "capture-meta.json"))
    results = []

    def check(ok, what):
        results.append(ok)
        print(("ok    " if ok else "FAIL  ") + what)

    cfg = read(folder, "mirrorshim.cfg") or ""
    ranges = []
    for first, last in re.findall(r"^mirror=(?:0x)?([0-9a-fA-F]+)-(?:0x)?([0-9a-fA-F]+)\s*$", cfg, re.M):
        ranges.append((int(first, 16), int(last, 16)))

    def inside(addr):
        return any(f <= addr <= l for f, l in ranges)

    entries = summary["efi_memmap"]
    straddle = [e for e in entries if inside(int(e["start"], 16)) != inside(int(e["end"], 16))
                or any(int(e["start"], 16) < f <= int(e["end"], 16) and not inside(f - 1) for f, _ in ranges)
                or any(int(e["start"], 16) <= l < int(e["end"], 16) and not inside(l + 1) for _, l in ranges)]
    check(not straddle, "no EFI descriptor crosses a mirror range edge (%d descriptors)" % len(entries))
    wrong = [e for e in entries if ("MR" in e["attrs"]) != inside(int(e["start"], 16))]
    check(not wrong, "MR set on exactly the descriptors inside %s" % (
        ", ".join("[%#x-%#x]" % r for r in ranges) or "no range") + "".join(
        "\n      %s %s-%s %s" % (e["idx"], e["start"], e["end"], e["attrs"]) for e in wrong[:5]))
    mr_bytes = int(summary["efi_memmap_MR_bytes"], 16)
    covered = 0
    for f, l in ranges:
        for e in entries:
            s, t = max(f, int(e["start"], 16)), min(l, int(e["end"], 16))
            if s <= t:
                covered += t - s + 1
    check(mr_bytes == covered, "MR bytes %#x = bytes of the map inside the ranges %#x" % (mr_bytes, covered))
    mirror = summary["efi_mirror"]
    if mr_bytes:
        check(mirror is not None and mirror["mirrored_MiB"] == mr_bytes >> 20,
              "kernel printed efi: Memory: %sM/...M mirrored memory for %d MiB of MR" % (
                  mirror and mirror["mirrored_MiB"], mr_bytes >> 20))
    else:
        check(mirror is None, "no mirrored-memory line when nothing is MR")

    if re.search(r"^mmio-no-wc\s*$", cfg, re.M):
        mmio = [e for e in entries if e["type"] == "MMIO"]
        check(mmio and not any("WC" in e["attrs"] for e in mmio),
              "mmio-no-wc: no MMIO descriptor of the boot map has WC (%d MMIO descriptors)" % len(mmio))
        dmesg = read(folder, "dmesg.txt") or ""
        check("no nodes coverage" not in dmesg and "Faking a node" not in dmesg,
              "mmio-no-wc: the SRAT covers memory (no `no nodes coverage`, no fake node)")
    qemu = read(folder, "qemu-cmdline.txt") or ""
    backends = dict(re.findall(r"memory-backend-ram,id=(m\d+),size=(\w+)", qemu))
    srat = summary["srat_memory"]
    for node, memdev in re.findall(r"-numa node,nodeid=(\d+)(?:,memdev=(m\d+))?", qemu):
        want = size_bytes(backends[memdev]) if memdev else 0
        got = sum(int(e["end"], 16) + 1 - int(e["start"], 16) for e in srat
                  if e["node"] == int(node) and not e["hotplug"])
        check(want - got in (0, 0x60000) and (want > 0) == (got > 0),
              "SRAT node %s: %#x bytes of boot memory for a %#x-byte QEMU node" % (node, got, want))

    check(meta.get("dump_complete") is True, "initramfs dump complete")
    wanted = re.search(r"^cmdline=(.*)$", cfg, re.M)
    if wanted:
        check(summary["cmdline"] == wanted.group(1).strip(), "/proc/cmdline is the command line in mirrorshim.cfg")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
