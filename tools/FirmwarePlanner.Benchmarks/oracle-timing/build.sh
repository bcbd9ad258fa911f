#!/usr/bin/env bash
# Builds memblock-oracle-timed-KERNEL (default 7.2): the memblock oracle's driver with an in-process clock
# (timed-main.c). Uses the sources that ../shared/tools/memblock-oracle/build.sh extracted into its cache
# (runs it first when they are missing) and the same compiler flags. Prints the binary's path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
k=${1:-7.2}
oracle=${MEMBLOCK_ORACLE_DIR:-$here/../../../../shared/tools/memblock-oracle}
cache=${MEMBLOCK_ORACLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/memblock-oracle}
"$oracle/build.sh" "$k" >/dev/null 2>&1 || { echo "oracle-timing: $oracle/build.sh $k failed" >&2; exit 1; }
src=$(ls -d "$cache"/src/linux-source-"$k"-* | head -1)
mb="$src/tools/testing/memblock"
kver=$(awk -F' *= *' '$1=="VERSION"{v=$2} $1=="PATCHLEVEL"{p=$2} $1=="SUBLEVEL"{s=$2} END{printf "%s.%s.%s", v, p, s}' "$src/Makefile")
bench=${XDG_CACHE_HOME:-$HOME/.cache}/fwplan-bench
out="$bench/memblock-oracle-timed-$k"
cflags=(-O2 -g -Wall -I"$mb" -I"$src/tools/include" -DCONFIG_PHYS_ADDR_T_64BIT -DCONFIG_NUMA -DCONFIG_NODES_SHIFT=10
  -DORACLE_LINUX_VERSION="\"$kver\"" -DORACLE_KERNEL_MAJOR="${kver%%.*}")
if [ ! -x "$out" ] || [ "$oracle/driver.c" -nt "$out" ] || [ "$here/timed-main.c" -nt "$out" ]; then
  mkdir -p "$bench/obj-$k"
  gcc "${cflags[@]}" -Dmain=oracle_main -c "$oracle/driver.c" -o "$bench/obj-$k/driver.o"
  gcc "${cflags[@]}" "$here/timed-main.c" "$bench/obj-$k/driver.o" "$mb/mmzone.c" "$mb/lib/slab.c" "$src/tools/lib/slab.c" -o "$out"
fi
echo "$out"
