#!/bin/sh
# /init of the capture initramfs (busybox-static). Prints every artefact between
# ===BEGIN name=== / ===END name=== markers on the console (ttyS0), then powers off.
# split-serial.py turns the serial log back into files.
export PATH=/bin
# The arm64 initramfs carries only /bin/busybox and /bin/sh (capture.sh cannot run an arm64 busybox to list
# its applets): link the rest here.
[ -e /bin/mount ] || /bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
exec >/dev/console 2>&1 </dev/null
# Keep the kernel quiet on the console while dumping, so nothing interleaves with the sections.
echo 1 >/proc/sys/kernel/printk

begin() { echo "===BEGIN $1==="; }
end() { echo "===END $1==="; }
file_or_absent() { if [ -e "$1" ]; then cat "$1"; else echo "(absent: $1)"; fi; }
section_file() { begin "$1"; file_or_absent "$2"; end "$1"; }
numbered() { ls "$1" 2>/dev/null | sort -n; }

echo CAPTURE-DUMP-START
section_file cmdline /proc/cmdline
begin uname; uname -a; end uname
begin dmesg; dmesg; end dmesg

for table in /sys/firmware/acpi/tables/*; do
    [ -f "$table" ] || continue
    name=${table##*/}
    begin "acpi-base64 $name"; base64 "$table"; end "acpi-base64 $name"
done

section_file memblock-memory /sys/kernel/debug/memblock/memory
section_file memblock-reserved /sys/kernel/debug/memblock/reserved
section_file iomem /proc/iomem

begin firmware-memmap
for n in $(numbered /sys/firmware/memmap); do
    d=/sys/firmware/memmap/$n
    echo "$n start=$(cat $d/start) end=$(cat $d/end) type=$(cat $d/type)"
done
end firmware-memmap

begin efi-runtime-map
for n in $(numbered /sys/firmware/efi/runtime-map); do
    d=/sys/firmware/efi/runtime-map/$n
    echo "$n type=$(cat $d/type) phys_addr=$(cat $d/phys_addr) virt_addr=$(cat $d/virt_addr) num_pages=$(cat $d/num_pages) attribute=$(cat $d/attribute)"
done
end efi-runtime-map

begin efi-misc
for f in fw_platform_size systab fw_vendor runtime config_table; do
    [ -e /sys/firmware/efi/$f ] || continue
    echo "## $f"; cat /sys/firmware/efi/$f
done
end efi-misc

begin node-state
for f in possible online has_memory has_normal_memory has_high_memory has_cpu has_generic_initiator; do
    [ -e /sys/devices/system/node/$f ] && echo "$f: $(cat /sys/devices/system/node/$f)"
done
end node-state

begin node-meminfo
for d in /sys/devices/system/node/node*; do
    [ -d "$d" ] || continue
    echo "## ${d##*/} cpulist=$(cat $d/cpulist) distance=$(cat $d/distance)"
    cat "$d/meminfo"
done
end node-meminfo

section_file zoneinfo /proc/zoneinfo
section_file meminfo /proc/meminfo
section_file buddyinfo /proc/buddyinfo

begin memory-blocks
echo "block_size_bytes=$(cat /sys/devices/system/memory/block_size_bytes)"
echo "auto_online_blocks=$(cat /sys/devices/system/memory/auto_online_blocks)"
for n in $(ls /sys/devices/system/memory | sed -n 's/^memory\([0-9][0-9]*\)$/\1/p' | sort -n); do
    d=/sys/devices/system/memory/memory$n
    node=$(ls -d $d/node* 2>/dev/null | sed -n 's/.*node\([0-9][0-9]*\)$/\1/p' | head -n 1)
    echo "memory$n phys_index=$(cat $d/phys_index) state=$(cat $d/state) node=$node removable=$(cat $d/removable 2>/dev/null) valid_zones=$(cat $d/valid_zones 2>/dev/null)"
done
end memory-blocks
echo CAPTURE-DUMP-END
sync
poweroff -f
