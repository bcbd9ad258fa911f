#!/usr/bin/env bash
# Memory benchmark (not a test): peak RSS of `fwplan inspect` on one ~100 MB input per reader format, against
# 4x the input size above the process floor (peak RSS of the same command on a tiny input).
#
#   tools/membench/membench.sh [SIZE_MB] [DIR]      (default 100 MB, /tmp/fwplan-membench)
#
# Needs /usr/bin/time (Debian `time`) and the published AOT binary (or FWPLAN, below). Prints one TSV row per input; exit 1 when any
# input is over its bound.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
size="${1:-100}"
dir="${2:-/tmp/fwplan-membench}"
# The shipped build (Native AOT, out/linux-x64/fwplan from `dotnet publish src/FirmwarePlanner.Cli -p:PublishProfile=linux-x64`)
# unless FWPLAN names another command (FWPLAN="dotnet src/FirmwarePlanner.Cli/bin/Release/net10.0/fwplan.dll" for the JIT
# build, whose GC sizes its young generation from the L3 cache instead of the setting built into the native binary).
fw="${FWPLAN:-$root/out/linux-x64/fwplan}"
[ -n "${FWPLAN:-}" ] || [ -x "$fw" ] || { echo "membench: publish the AOT binary first (dotnet publish src/FirmwarePlanner.Cli -p:PublishProfile=linux-x64)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "membench: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }
[ -f "$dir/.size-$size" ] || { python3 "$root/tools/membench/gen-inputs.py" "$dir" "$size" && touch "$dir/.size-$size"; }

rss() { /usr/bin/time -f '%M %e' $fw "$@" 2>&1 >/dev/null | tail -1; }
read -r floor _ < <(rss inspect "$root/fixtures/uefi-shell-memmap--ovmf-qemu-x86-128M.txt")
printf 'input\tbytes\tpeak_rss_kib\tabove_floor_kib\tratio\tseconds\tbound_ok\n'
status=0
for f in kernel-log.txt efi-memmap.bin uefi-shell.txt sysfs-firmware-memmap.txt proc-iomem.txt srat.bin acpidump.txt; do
  args=(inspect "$dir/$f")
  [ "$f" = efi-memmap.bin ] && args=(inspect "$dir/$f" "$dir/efi-memmap-bin.json")
  bytes=$(stat -c %s "$dir/$f")
  read -r peak secs < <(rss "${args[@]}")
  above=$((peak - floor))
  ratio=$(awk -v a="$above" -v b="$bytes" 'BEGIN { printf "%.2f", a * 1024 / b }')
  ok=$(awk -v r="$ratio" 'BEGIN { print (r <= 4.0) ? "yes" : "no" }')
  [ "$ok" = yes ] || status=1
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$f" "$bytes" "$peak" "$above" "$ratio" "$secs" "$ok"
done
read -r peak secs < <(/usr/bin/time -f '%M %e' $fw simulate "$dir/memblock.ops" 2>&1 >/dev/null | tail -1)
bytes=$(stat -c %s "$dir/memblock.ops")
# The script reader is measured through `simulate` (no other verb reads a script); the generated script panics once
# the 128 initial regions are full (no allow_resize), so the figure is the reader's and the transcript's, not the engine's.
ratio=$(awk -v a="$((peak - floor))" -v b="$bytes" 'BEGIN { printf "%.2f", a * 1024 / b }')
ok=$(awk -v r="$ratio" 'BEGIN { print (r <= 4.0) ? "yes" : "no" }')
[ "$ok" = yes ] || status=1
printf 'memblock.ops (simulate)\t%s\t%s\t%s\t%s\t%s\t%s\n' "$bytes" "$peak" "$((peak - floor))" "$ratio" "$secs" "$ok"
echo "floor_kib=$floor"
exit $status
