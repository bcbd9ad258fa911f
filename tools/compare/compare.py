#!/usr/bin/env python3
"""Measures fwplan (Native AOT) side by side with its peers, in one run, and prints ratios.

  tools/compare/compare.py [--runs N] [--fleet 1000,5000,20000] [--fwplan PATH] [--work DIR] [--skip-fleet]

What it runs (whole processes; wall time and peak RSS from wait4(); paired: each round runs every command of a
comparison once, alternating, and the medians are compared):
  * every real acpidump in fixtures/ that has a SRAT: `fwplan check DUMP` and `fwplan inspect srat.dat` against
    `iasl -d srat.dat` (Debian's acpica-tools; the SRAT taken out by `acpixtract -s SRAT`) and, where fwts is on PATH,
    `fwts -q --dumpfile=DUMP srat`;
  * a generated SRAT of about 1.1 MB (the generator is below: CPU and memory affinity entries, valid checksum):
    `fwplan inspect` against `iasl -d`, plus the RSS above the process floor (`fwplan --version`) per input byte;
  * fleets of generated firmware-only bundles (binary EFI map + its JSON + binary SRAT + command line, hard-linked
    copies of two real QEMU captures): machines per second and peak RSS at each size;
  * `fwplan --version` start-up.
The AOT binary is built with the linux-x64 publish profile when --fwplan is not given and out/linux-x64/fwplan is
missing. Nothing here is a pass/fail test: the acceptance targets are printed beside the measured figures.
"""

import argparse
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "fixtures")


# A tiny measuring parent in C: a process started from Python inherits Python's peak RSS across exec (Linux keeps
# the larger of the old and new address space's high-water mark in ru_maxrss), so the figures would never go below
# ~15 MiB. This helper is a few hundred KiB, forks, execs the command, and prints wall seconds and ru_maxrss.
RUNNER_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
int main(int argc, char **argv) {
  struct timespec a, b; struct rusage ru; int status;
  clock_gettime(CLOCK_MONOTONIC, &a);
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY); dup2(null, 1); dup2(null, 2);
    execv(argv[1], argv + 1); _exit(127);
  }
  wait4(pid, &status, 0, &ru);
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("%.6f %ld %d\n", (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9, ru.ru_maxrss,
         WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  return 0;
}
"""
RUNNER = None


def build_runner(work):
    global RUNNER
    src = os.path.join(work, "rss-run.c")
    exe = os.path.join(work, "rss-run")
    with open(src, "w") as f:
        f.write(RUNNER_C)
    subprocess.run(["gcc", "-O2", "-static", "-o", exe, src], check=True)
    RUNNER = exe


def run(cmd, cwd=None):
    """One whole-process run: (wall seconds, peak RSS in KiB, exit code). Output is discarded."""
    out = subprocess.run([RUNNER, shutil.which(cmd[0]) or cmd[0]] + cmd[1:], cwd=cwd, capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def paired(cmds, runs, cwd=None):
    """Runs every command once per round, alternating; returns per command (median wall s, median RSS KiB, codes)."""
    for c in cmds:  # warm-up: page cache, first-run effects
        run(c, cwd)
    walls = [[] for _ in cmds]
    rss = [[] for _ in cmds]
    codes = [set() for _ in cmds]
    for r in range(runs):
        order = range(len(cmds)) if r % 2 == 0 else reversed(range(len(cmds)))
        for i in order:
            w, m, code = run(cmds[i], cwd)
            walls[i].append(w)
            rss[i].append(m)
            codes[i].add(code)
    return [(statistics.median(walls[i]), statistics.median(rss[i]), sorted(codes[i])) for i in range(len(cmds))]


def ms(s):
    return f"{s * 1000:7.1f} ms"


def mib(kib):
    return f"{kib / 1024:6.1f} MiB"


# ---------------------------------------------------------------------------------------------------------- SRAT
def checksum_fix(table):
    table[9] = 0
    table[9] = (-sum(table)) & 0xFF
    return table


def generate_srat(target_bytes, nodes=64, memory_entries=2048):
    """A valid SRAT (revision 3) of about target_bytes, within Linux's limits: memory_entries memory affinity entries of
    1 GiB spread over the nodes (NR_NODE_MEMBLKS is 2048), the rest Processor Local x2APIC entries, round robin."""
    body = bytearray()
    base = 0
    for i in range(memory_entries):
        # Memory Affinity: type 1, length 40, PXM u32, reserved u16, base lo/hi, length lo/hi, reserved u32, flags u32, reserved u64
        size = 1 << 30
        node = i * nodes // memory_entries
        flags = 1 | (2 if node % 8 == 7 else 0)
        body += struct.pack("<BBIHIIIIIIQ", 1, 40, node, 0, base & 0xFFFFFFFF, base >> 32, size & 0xFFFFFFFF, size >> 32, 0, flags, 0)
        base += size
    apic = 0
    while 48 + len(body) + 24 <= target_bytes:
        # Processor Local x2APIC Affinity: type 2, length 24, reserved u16, PXM u32, x2APIC ID u32, flags u32, clock u32, reserved u32
        body += struct.pack("<BBHIIIII", 2, 24, 0, apic % nodes, apic, 1, 0, 0)
        apic += 1
    length = 48 + len(body)
    header = struct.pack("<4sIBB6s8sI4sI", b"SRAT", length, 3, 0, b"FWPLAN", b"BIGSRAT ", 1, b"FWPL", 1)
    header += struct.pack("<IQ", 1, 0)  # table revision (reserved, 1), reserved u64
    return bytes(checksum_fix(bytearray(header + body))), memory_entries, apic


def extract_srat(dump, into):
    """srat.dat from an acpidump text with acpixtract; None when the dump has no SRAT."""
    os.makedirs(into, exist_ok=True)
    subprocess.run(["acpixtract", "-s", "SRAT", dump], cwd=into, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    path = os.path.join(into, "srat.dat")
    return path if os.path.exists(path) else None


# ---------------------------------------------------------------------------------------------------------- fleet
FLEET_TEMPLATES = ["qemu/d1-q35-2node-mirror512M-612-bin", "qemu/e-pc-2node-612-bin"]
FLEET_FILES = ["SRAT.bin", "efi-memmap.bin", "efi-memmap-bin.json", "cmdline.txt"]


def make_fleet(root, count):
    """count machine folders m00000… of firmware-only files, hard links to two real captures (no dmesg)."""
    if os.path.isdir(root) and len(os.listdir(root)) == count:
        return root
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    for i in range(count):
        d = os.path.join(root, f"m{i:05d}")
        os.mkdir(d)
        src = os.path.join(FIXTURES, FLEET_TEMPLATES[i % len(FLEET_TEMPLATES)])
        for f in FLEET_FILES:
            os.link(os.path.join(src, f), os.path.join(d, f))
    return root


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--fleet", default="1000,5000,20000")
    ap.add_argument("--fleet-runs", type=int, default=3)
    ap.add_argument("--fwplan", default=os.path.join(ROOT, "out", "linux-x64", "fwplan"))
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "fwplan-compare"))
    ap.add_argument("--skip-fleet", action="store_true")
    a = ap.parse_args()

    fwplan = a.fwplan
    if not os.path.exists(fwplan):
        print("building the AOT binary: dotnet publish src/FirmwarePlanner.Cli -p:PublishProfile=linux-x64", flush=True)
        subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src", "FirmwarePlanner.Cli"), "-p:PublishProfile=linux-x64", "-v", "quiet"], check=True)
    iasl = shutil.which("iasl")
    fwts = shutil.which("fwts")
    os.makedirs(a.work, exist_ok=True)
    build_runner(a.work)
    print(f"fwplan {subprocess.run([fwplan, '--version'], capture_output=True, text=True).stdout.strip()} ({fwplan}, "
          f"{os.path.getsize(fwplan) / 1048576:.1f} MiB)")
    print(f"iasl: {subprocess.run(['iasl', '-v'], capture_output=True, text=True).stdout.strip().splitlines()[0] if iasl else 'not installed'}")
    print(f"fwts: {fwts or 'not installed (not in Debian bookworm): fwts ratios are not measured'}")
    print(f"cores: {os.cpu_count()}, runs per figure: {a.runs} (paired medians)\n")

    floor = paired([[fwplan, "--version"]], a.runs)[0]
    print(f"start-up  fwplan --version: {ms(floor[0])}, peak RSS {mib(floor[1])} (the process floor)\n")

    # ---- real acpidumps
    print("real acpidumps in fixtures/ (SRAT taken out with acpixtract):")
    print(f"  {'dump':58} {'SRAT':>7} {'check':>10} {'RSS':>10} {'inspect':>10} {'iasl -d':>10} {'ratio':>6}" + ("  fwts srat  ratio" if fwts else ""))
    worst_check = 0.0
    worst_rss = 0
    for name in sorted(os.listdir(FIXTURES)):
        if not name.startswith("acpidump--"):
            continue
        dump = os.path.join(FIXTURES, name)
        srat = extract_srat(dump, os.path.join(a.work, "dumps", name))
        if srat is None:
            continue
        cmds = [[fwplan, "check", dump], [fwplan, "inspect", srat]]
        if iasl:
            cmds.append([iasl, "-d", "-p", os.path.join(a.work, "out"), srat])
        if fwts:
            cmds.append([fwts, "-q", "-f", f"--dumpfile={dump}", "srat", "-r", os.path.join(a.work, "fwts.log")])
        res = paired(cmds, a.runs, cwd=a.work)
        check, insp = res[0], res[1]
        worst_check = max(worst_check, check[0])
        worst_rss = max(worst_rss, check[1])
        line = f"  {name[10:68]:58} {os.path.getsize(srat):7d} {ms(check[0])} {mib(check[1])} {ms(insp[0])}"
        if iasl:
            line += f" {ms(res[2][0])} {insp[0] / res[2][0]:6.2f}"
        if fwts:
            line += f" {ms(res[3][0])} {check[0] / res[3][0]:6.2f}"
        print(line)
    print(f"  slowest check {ms(worst_check).strip()} (target <= 20 ms), largest check RSS {mib(worst_rss).strip()} (target <= 16 MiB)\n")

    # ---- generated big SRAT
    big = os.path.join(a.work, "big-srat.dat")
    data, memory_entries, cpus = generate_srat(1_100_000)
    with open(big, "wb") as f:
        f.write(data)
    cmds = [[fwplan, "inspect", big], [fwplan, "--version"]]
    if iasl:
        cmds.append([iasl, "-d", "-p", os.path.join(a.work, "out"), big])
    res = paired(cmds, a.runs, cwd=a.work)
    above = max(0, res[0][1] - res[1][1]) * 1024
    print(f"generated SRAT, {len(data)} bytes ({memory_entries} memory + {cpus} x2APIC entries, 64 nodes):")
    print(f"  fwplan inspect {ms(res[0][0]).strip()}, peak RSS {mib(res[0][1]).strip()} = {above / len(data):.2f} x the input above the floor (target <= 3)")
    if iasl:
        print(f"  iasl -d        {ms(res[2][0]).strip()}, peak RSS {mib(res[2][1]).strip()};  fwplan/iasl time ratio {res[0][0] / res[2][0]:.3f} (target <= 0.1)")
    print()

    if a.skip_fleet:
        return
    # ---- fleets
    print("fleet of firmware-only bundles (fwplan fleet --format json -o FILE):")
    sizes = [int(x) for x in a.fleet.split(",") if x]
    base_rss = None
    for n in sizes:
        root = make_fleet(os.path.join(a.work, f"fleet-{n}"), n)
        res = paired([[fwplan, "fleet", root, "--format", "json", "-o", os.path.join(a.work, f"fleet-{n}.json")]], a.fleet_runs)[0]
        base_rss = base_rss or res[1]
        print(f"  {n:6d} machines: {ms(res[0])}, {n / res[0]:8.0f} machines/s, peak RSS {mib(res[1])} "
              f"({res[1] / base_rss:.3f} x the {sizes[0]}-machine fleet), exit {res[2]}")
    print("  targets: >= 5000 machines/s; RSS at the largest fleet within 1.10 x the smallest")


if __name__ == "__main__":
    sys.exit(main())
