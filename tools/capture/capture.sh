#!/bin/bash
# Boots an unmodified Debian kernel under QEMU + OVMF with a chosen NUMA / hotplug / mirrored-memory
# topology and writes a capture folder like those in fixtures/qemu/. Run by hand (never in CI).
# See tools/capture/README.md. Needs: qemu-system-x86 ovmf busybox-static gnu-efi make gcc python3;
# for --arch arm64: qemu-system-arm qemu-efi-aarch64 gcc-aarch64-linux-gnu (the arm64 kernel, busybox-static
# and gnu-efi packages are downloaded with a private apt configuration, never installed).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
quote() { # shell-quote an argument only when it needs it, as the fixtures' qemu-cmdline.txt do
    if [[ "$1" =~ ^[A-Za-z0-9_./:=,@+-]+$ ]]; then printf '%s' "$1"; else printf "'%s'" "${1//\'/\'\\\'\'}"; fi
}
invocation=$(for arg in "$@"; do printf ' '; quote "$arg"; done)
kernel_version=6.12.117+deb12
debug_cmdline="efi=debug memblock=debug loglevel=8 log_buf_len=16M nokaslr panic=1"

usage() {
    cat <<'USAGE'
usage: capture.sh --name NAME [options]
  --name NAME          capture folder name (required)
  --out DIR            parent folder of the capture (default: ./captures)
  --arch x86_64|arm64  guest architecture (default x86_64); arm64 boots QEMU virt (ACPI) with AAVMF
  --machine NAME       QEMU machine (default q35; arm64: virt, always with acpi=on)
  --cpu MODEL          arm64 CPU model (default cortex-a57)
  --mem SIZE           boot memory, e.g. 4G (default: sum of --nodes)
  --nodes LIST         memory per NUMA node, e.g. 3G,1G or 1G,1G,2G,0 (0 = memory-less node)
  --cpus LIST          CPUs of each node, comma separated per node, ranges with '-', '+' joins
                       several (e.g. 0,1,2+3 or 0-1,,2); default one CPU per node
  --dist LIST          SLIT distances, e.g. 0-1=20,0-2=30,1-2=20 (symmetric)
  --maxmem SIZE        hotplug: maximum memory (adds slots=4,maxmem=SIZE and an SRAT hotplug window)
  --dimm SIZE@NODE     hotplug: cold-plug a pc-dimm of SIZE on NODE (repeatable; needs --maxmem)
  --mirror FIRST-LAST  mark [FIRST-LAST] (hex, inclusive, page aligned) EFI_MEMORY_MORE_RELIABLE
                       through the mirrorshim UEFI app (repeatable)
  --mmio-no-wc         arm64: the mirrorshim also clears EFI_MEMORY_WC on every MemoryMappedIO descriptor, so
                       AAVMF's MMIO|RUN|WC flash is not memory to the kernel and an SRAT can cover all RAM
                       (a lab deviation from the firmware's map, recorded in the capture's README)
  --cmdline TEXT       extra kernel command line appended to the base one
  --boot shim|direct   shim: OVMF -> mirrorshim.efi on a vvfat ESP -> kernel EFI stub (default;
                       required with --mirror); direct: QEMU -kernel/-initrd (as captures a, b, c, e)
  --describe TEXT      one-line description for README.md
  --remarks TEXT       free text for the README's Remarks section (what is odd or notable)
  --vmlinuz FILE       kernel image to boot (default: $kernel_package from apt, unpacked)
  --kernel-deb FILE    boot the vmlinuz inside this Debian kernel .deb (boot/vmlinuz-* or, from 6.18 on,
                       usr/lib/modules/*/vmlinuz of linux-binary-*); the README names its package and version
  --accel tcg|kvm      QEMU accelerator (default tcg, as the fixtures were made)
  --timeout SECONDS    give up after this long (default 1200)
  --config FILE        read options from FILE: one 'option value' per line, '#' comments
  --keep-work          keep the work folder (ESP, initrd, full serial log)
USAGE
}

name= out=./captures arch=x86_64 machine= cpu_model= mem= nodes= cpus= dist= maxmem= extra_cmdline= boot=shim
describe= remarks= vmlinuz= kernel_deb= accel=tcg timeout=1200 keep_work=0 mmio_no_wc=0
mirrors=() dimms=()

parse_option() {
    case "$1" in
        --name) name=$2 ;;
        --out) out=$2 ;;
        --arch) arch=$2 ;;
        --machine) machine=$2 ;;
        --cpu) cpu_model=$2 ;;
        --mem) mem=$2 ;;
        --nodes) nodes=$2 ;;
        --cpus) cpus=$2 ;;
        --dist) dist=$2 ;;
        --maxmem) maxmem=$2 ;;
        --dimm) dimms+=("$2") ;;
        --mirror) mirrors+=("$2") ;;
        --mmio-no-wc) mmio_no_wc=1 ;;
        --cmdline) extra_cmdline=$2 ;;
        --boot) boot=$2 ;;
        --describe) describe=$2 ;;
        --remarks) remarks=$2 ;;
        --vmlinuz) vmlinuz=$2 ;;
        --kernel-deb) kernel_deb=$2 ;;
        --accel) accel=$2 ;;
        --timeout) timeout=$2 ;;
        *) echo "capture.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
}

while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --keep-work) keep_work=1; shift ;;
        --mmio-no-wc) mmio_no_wc=1; shift ;;
        --config)
            while IFS= read -r line || [ -n "$line" ]; do
                line=${line%%#*}
                line=$(echo "$line" | sed 's/^[[:space:]]*//;s/[[:space:]]*$//')
                [ -n "$line" ] || continue
                parse_option "--${line%% *}" "$(echo "${line#* }" | sed 's/^[[:space:]]*//')"
            done <"$2"
            shift 2 ;;
        *) [ $# -ge 2 ] || { echo "capture.sh: $1 needs a value" >&2; exit 2; }
           parse_option "$1" "$2"; shift 2 ;;
    esac
done

die() { echo "capture.sh: $*" >&2; exit 2; }
[ -n "$name" ] || { usage >&2; exit 2; }
[ -n "$nodes" ] || die "--nodes is required"
[ "$boot" = shim ] || [ ${#mirrors[@]} -eq 0 ] || die "--mirror needs --boot shim"
[ "$mmio_no_wc" = 0 ] || [ "$boot" = shim ] || die "--mmio-no-wc needs --boot shim"
[ "$mmio_no_wc" = 0 ] || [ "$arch" = arm64 ] || die "--mmio-no-wc is for --arch arm64"
[ ${#dimms[@]} -eq 0 ] || [ -n "$maxmem" ] || die "--dimm needs --maxmem"
[ -z "$vmlinuz" ] || [ -z "$kernel_deb" ] || die "--vmlinuz and --kernel-deb exclude each other"
[ -z "$kernel_deb" ] || [ -r "$kernel_deb" ] || die "cannot read --kernel-deb $kernel_deb"
case "$arch" in
    x86_64)
        machine=${machine:-q35}
        [ -z "$cpu_model" ] || die "--cpu is for --arch arm64"
        kernel_package=linux-image-$kernel_version-amd64
        qemu_bin=qemu-system-x86_64 qemu_package=qemu-system-x86 firmware_package=ovmf
        firmware_code=/usr/share/OVMF/OVMF_CODE_4M.fd firmware_vars=/usr/share/OVMF/OVMF_VARS_4M.fd
        console=ttyS0 boot_file=BOOTX64.EFI
        for tool in qemu-system-x86_64 busybox cpio gzip python3 make gcc objcopy; do
            command -v "$tool" >/dev/null || die "missing $tool (apt-get install qemu-system-x86 ovmf busybox-static gnu-efi)"
        done
        [ -r /usr/lib/crt0-efi-x86_64.o ] || [ "$boot" = direct ] || die "missing gnu-efi (apt-get install gnu-efi)" ;;
    arm64)
        machine=${machine:-virt}
        cpu_model=${cpu_model:-cortex-a57}
        [ "$machine" = virt ] || die "--arch arm64 boots the QEMU virt machine only"
        kernel_package=linux-image-$kernel_version-arm64
        qemu_bin=qemu-system-aarch64 qemu_package=qemu-system-arm firmware_package=qemu-efi-aarch64
        firmware_code=/usr/share/AAVMF/AAVMF_CODE.fd firmware_vars=/usr/share/AAVMF/AAVMF_VARS.fd
        console=ttyAMA0 boot_file=BOOTAA64.EFI
        for tool in qemu-system-aarch64 apt-get dpkg-deb cpio gzip python3 make aarch64-linux-gnu-gcc; do
            command -v "$tool" >/dev/null ||
                die "missing $tool (apt-get install qemu-system-arm qemu-efi-aarch64 gcc-aarch64-linux-gnu cpio)"
        done ;;
    *) die "--arch must be x86_64 or arm64" ;;
esac
[ -r "$firmware_code" ] && [ -r "$firmware_vars" ] || die "missing UEFI firmware (apt-get install $firmware_package)"
if [ "$arch" = arm64 ]; then
    # No memblock=debug on arm64: before setup_log_buf() applies log_buf_len the kernel logs into its static
    # 128 KiB buffer (Debian's CONFIG_LOG_BUF_SHIFT=17), and paging_init()'s one-page early_pgtable_alloc
    # calls (the linear map is page-mapped with rodata=full) print two lines each, which pushes the EFI
    # map, the mirror summary and everything before out of it. The final memblock tables come from debugfs.
    debug_cmdline=${debug_cmdline/ memblock=debug/}
fi
base_cmdline="console=$console,115200 $debug_cmdline"

to_mib() { # 3G -> 3072, 512M -> 512, 0 -> 0
    local v=${1^^}
    case "$v" in
        *G) echo $(( ${v%G} * 1024 )) ;;
        *M) echo "${v%M}" ;;
        0) echo 0 ;;
        *) die "size '$1' must end in G or M" ;;
    esac
}
for r in ${mirrors[@]+"${mirrors[@]}"}; do
    [[ "$r" =~ ^(0x)?[0-9a-fA-F]+-(0x)?[0-9a-fA-F]+$ ]] || die "--mirror '$r' is not FIRST-LAST in hex"
    first=$(( 16#$(echo "${r%-*}" | sed 's/^0x//') )); last=$(( 16#$(echo "${r#*-}" | sed 's/^0x//') ))
    (( first % 4096 == 0 && (last + 1) % 4096 == 0 && last > first )) || die "--mirror '$r' must be page aligned"
done

# ---- work folder: kernel, initramfs, ESP --------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/capture-$name.XXXXXX")
cleanup() { [ "$keep_work" = 1 ] && echo "work folder kept: $work" >&2 || rm -rf "$work"; }
trap cleanup EXIT
cache=${CAPTURE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fwplan-capture}
mkdir -p "$cache"

# arm64 packages come from a private apt configuration under $cache/apt-arm64 (its own sources, lists
# and cache, APT::Architecture=arm64): the system's apt sources and dpkg architectures are left alone.
arm64_apt() {
    local d="$cache/apt-arm64"
    mkdir -p "$d/sources.list.d" "$d/lists/partial" "$d/cache/archives/partial"
    printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian' 'Suites: bookworm' 'Components: main' \
        'Architectures: arm64' 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' '' \
        'Types: deb' 'URIs: http://deb.debian.org/debian-security' 'Suites: bookworm-security' 'Components: main' \
        'Architectures: arm64' 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' >"$d/sources.list.d/arm64.sources"
    apt-get -q -o APT::Architecture=arm64 -o APT::Architectures=arm64 \
        -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$d/sources.list.d" \
        -o Dir::State::Lists="$d/lists" -o Dir::Cache="$d/cache" -o Dir::State::status=/dev/null \
        -o APT::Sandbox::User=root -o Acquire::Languages=none \
        -o Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false \
        -o Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled=false \
        -o Acquire::IndexTargets::deb::DEP-11-icons-small::DefaultEnabled=false "$@"
}
# arm64_package NAME: downloads NAME (arm64) once into $cache/arm64-debs, unpacks it into $cache/arm64-NAME
# and prints that folder.
arm64_package() {
    local deb
    mkdir -p "$cache/arm64-debs"
    deb=$(ls "$cache/arm64-debs/${1}_"*_arm64.deb 2>/dev/null | head -n 1 || true)
    if [ -z "$deb" ]; then
        echo "downloading $1 (arm64) ..." >&2
        [ -n "$(ls "$cache/apt-arm64/lists/"*Packages* 2>/dev/null)" ] || arm64_apt update >&2
        (cd "$cache/arm64-debs" && arm64_apt download "$1" >&2)
        deb=$(ls "$cache/arm64-debs/${1}_"*_arm64.deb | head -n 1)
    fi
    if [ ! -e "$cache/arm64-$1/.unpacked" ]; then
        rm -rf "$cache/arm64-$1"
        dpkg-deb -x "$deb" "$cache/arm64-$1"
        touch "$cache/arm64-$1/.unpacked"
    fi
    echo "$cache/arm64-$1"
}
package_note() { # package_note DEB: "Package Version"
    echo "$(dpkg-deb -f "$1" Package) $(dpkg-deb -f "$1" Version)"
}

kernel_version_note=
if [ -n "$kernel_deb" ]; then
    # one unpack folder per package file, so captures of several kernels share the cache
    unpacked="$cache/unpacked-$(basename "$kernel_deb" .deb)"
    [ -d "$unpacked" ] || { dpkg-deb -x "$kernel_deb" "$unpacked.tmp" && mv "$unpacked.tmp" "$unpacked"; }
    vmlinuz=$(ls "$unpacked"/boot/vmlinuz-* "$unpacked"/usr/lib/modules/*/vmlinuz 2>/dev/null | head -n 1 || true)
    [ -n "$vmlinuz" ] || die "no boot/vmlinuz-* or usr/lib/modules/*/vmlinuz in $kernel_deb"
    kernel_version_note="Debian package $(dpkg-deb -f "$kernel_deb" Package) $(dpkg-deb -f "$kernel_deb" Version), unmodified vmlinuz"
elif [ -z "$vmlinuz" ] && [ "$arch" = arm64 ]; then
    # Debian's arm64 vmlinuz is the kernel's Image (an EFI PE with the stub, not compressed), so the
    # firmware's LoadImage starts it as it is.
    vmlinuz="$(arm64_package "$kernel_package")/boot/vmlinuz-${kernel_package#linux-image-}"
    deb=$(ls "$cache/arm64-debs/${kernel_package}_"*_arm64.deb | head -n 1)
    kernel_version_note="Debian package $(package_note "$deb") (arm64), unmodified vmlinuz (an Image with the EFI stub)"
elif [ -z "$vmlinuz" ]; then
    deb=$(ls "$cache"/${kernel_package}_*.deb 2>/dev/null | head -n 1 || true)
    if [ -z "$deb" ]; then
        echo "downloading $kernel_package (about 100 MB) ..." >&2
        (cd "$cache" && apt-get download "$kernel_package" >&2)
        deb=$(ls "$cache"/${kernel_package}_*.deb | head -n 1)
    fi
    if [ ! -r "$cache/unpacked/boot/vmlinuz-${kernel_package#linux-image-}" ]; then
        rm -rf "$cache/unpacked"
        dpkg-deb -x "$deb" "$cache/unpacked"
    fi
    vmlinuz="$cache/unpacked/boot/vmlinuz-${kernel_package#linux-image-}"
    kernel_version_note="Debian package $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version), unmodified vmlinuz"
else
    kernel_version_note="$(basename "$vmlinuz") (given with --vmlinuz)"
fi

mkdir -p "$work/initramfs/bin" "$work/initramfs/proc" "$work/initramfs/sys" "$work/initramfs/dev" "$work/esp/EFI/BOOT"
if [ "$arch" = arm64 ]; then
    # The arm64 busybox cannot run here to list its applets: /bin/sh is linked and init.sh installs the rest.
    busybox_dir=$(arm64_package busybox-static)
    cp "$busybox_dir/bin/busybox" "$work/initramfs/bin/busybox"
    ln -sf busybox "$work/initramfs/bin/sh"
    busybox_note=$(package_note "$(ls "$cache/arm64-debs/busybox-static_"*_arm64.deb | head -n 1)")
else
    cp /bin/busybox "$work/initramfs/bin/busybox"
    for applet in $(/bin/busybox --list); do
        [ "$applet" = busybox ] || ln -sf busybox "$work/initramfs/bin/$applet"
    done
fi
cp "$here/init.sh" "$work/initramfs/init"
chmod +x "$work/initramfs/init"
(cd "$work/initramfs" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -9 -n) >"$work/initrd.gz"

cmdline="$base_cmdline${extra_cmdline:+ $extra_cmdline}"
if [ "$boot" = shim ]; then
    if [ "$arch" = arm64 ]; then
        gnuefi_dir=$(arm64_package gnu-efi)
        mkdir -p "$work/shim"
        cp "$here/mirrorshim/"*.c "$here/mirrorshim/"*.h "$here/mirrorshim/Makefile" "$work/shim/"
        make -s -C "$work/shim" ARCH=aarch64 GNUEFI="$gnuefi_dir" mirrorshim.efi >&2
        cp "$work/shim/mirrorshim.efi" "$work/esp/EFI/BOOT/$boot_file"
        gnuefi_note=$(package_note "$(ls "$cache/arm64-debs/gnu-efi_"*_arm64.deb | head -n 1)")
    else
        make -s -C "$here/mirrorshim" mirrorshim.efi >&2
        cp "$here/mirrorshim/mirrorshim.efi" "$work/esp/EFI/BOOT/$boot_file"
    fi
    cp "$vmlinuz" "$work/esp/vmlinuz"
    cp "$work/initrd.gz" "$work/esp/initrd.gz"
    cmdline="initrd=\\initrd.gz $cmdline"
    {
        echo 'kernel=\vmlinuz'
        echo "cmdline=$cmdline"
        for r in ${mirrors[@]+"${mirrors[@]}"}; do echo "mirror=$r"; done
        [ "$mmio_no_wc" = 0 ] || echo "mmio-no-wc"
    } >"$work/esp/mirrorshim.cfg"
fi
vars_copy=$(basename "$firmware_vars" .fd).copy.fd
cp "$firmware_vars" "$work/$vars_copy"

# ---- QEMU command line --------------------------------------------------------------------------
IFS=, read -r -a node_sizes <<<"$nodes"
node_count=${#node_sizes[@]}
if [ -n "$cpus" ]; then
    IFS=, read -r -a node_cpus <<<"$cpus,"
else
    node_cpus=(); for ((i = 0; i < node_count; i++)); do node_cpus+=("$i"); done
fi
cpu_count=0
for ((i = 0; i < node_count; i++)); do
    for part in $(echo "${node_cpus[$i]:-}" | tr '+' ' '); do
        hi=${part#*-}; [ "$hi" -ge "$cpu_count" ] && cpu_count=$((hi + 1))
    done
done
[ "$cpu_count" -gt 0 ] || cpu_count=1
total_mib=0
for s in "${node_sizes[@]}"; do total_mib=$((total_mib + $(to_mib "$s"))); done
[ -z "$mem" ] || [ "$(to_mib "$mem")" -eq "$total_mib" ] || die "--mem $mem is not the sum of --nodes $nodes"
mem_arg="${total_mib}M"
[ $((total_mib % 1024)) -ne 0 ] || mem_arg="$((total_mib / 1024))G"
[ -z "$maxmem" ] || mem_arg="$mem_arg,slots=4,maxmem=$maxmem"

if [ "$arch" = arm64 ]; then
    # virt with acpi=on: the firmware (AAVMF) installs QEMU's ACPI tables (SRAT/SLIT from -numa) and the
    # kernel boots from ACPI; no NIC, so AAVMF does not try a network boot first.
    qemu=("$qemu_bin" -machine "$machine,acpi=on" -cpu "$cpu_model" -accel "$accel")
else
    qemu=("$qemu_bin" -machine "$machine" -accel "$accel")
fi
qemu+=(-drive "if=pflash,format=raw,unit=0,readonly=on,file=$firmware_code"
       -drive "if=pflash,format=raw,unit=1,file=$vars_copy"
       -m "$mem_arg" -smp "$cpu_count,sockets=$cpu_count,cores=1,threads=1")
for ((i = 0; i < node_count; i++)); do
    mib=$(to_mib "${node_sizes[$i]}")
    node="node,nodeid=$i"
    if [ "$mib" -gt 0 ]; then
        qemu+=(-object "memory-backend-ram,id=m$i,size=${node_sizes[$i]}")
        node="$node,memdev=m$i"
    fi
    for part in $(echo "${node_cpus[$i]:-}" | tr '+' ' '); do node="$node,cpus=$part"; done
    numa_args+=(-numa "$node")
done
qemu+=("${numa_args[@]}")
if [ -n "$dist" ]; then
    IFS=, read -r -a pairs <<<"$dist"
    for p in "${pairs[@]}"; do
        src=${p%%-*}; rest=${p#*-}; dst=${rest%%=*}; val=${p#*=}
        qemu+=(-numa "dist,src=$src,dst=$dst,val=$val")
    done
fi
d=0
for dimm in ${dimms[@]+"${dimms[@]}"}; do
    d=$((d + 1))
    qemu+=(-object "memory-backend-ram,id=d$d,size=${dimm%@*}" -device "pc-dimm,id=dimm$d,memdev=d$d,node=${dimm#*@}")
done
if [ "$boot" = shim ]; then
    qemu+=(-drive "if=virtio,format=raw,readonly=on,file=fat:esp")
else
    cp "$vmlinuz" "$work/$(basename "$vmlinuz")"
    qemu+=(-kernel "$(basename "$vmlinuz")" -initrd initrd.gz -append "$cmdline")
fi
[ "$arch" = x86_64 ] || qemu+=(-nic none)
qemu+=(-display none -monitor none -serial file:serial.log -no-reboot)

# ---- boot ---------------------------------------------------------------------------------------
echo "booting $name ($accel; a TCG boot takes about 1-2 minutes) ..." >&2
started=$(date +%s.%N)
set +e
(cd "$work" && timeout "$timeout" "${qemu[@]}" </dev/null >"$work/qemu.out" 2>&1)
rc=$?
set -e
finished=$(date +%s.%N)
seconds=$(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.1f", b - a }')
[ "$rc" -eq 0 ] || { cat "$work/qemu.out" >&2; keep_work=1; die "QEMU exited with $rc (124 = timeout)"; }
grep -q CAPTURE-DUMP-END "$work/serial.log" || { keep_work=1; die "the guest did not finish its dump; see $work/serial.log"; }

# ---- capture folder -----------------------------------------------------------------------------
arch_notes=()
if [ "$arch" = arm64 ]; then
    arch_notes=(--note "arch=arm64" --note "cpu=$cpu_model" --note "initramfs=Debian $busybox_note (arm64)")
    [ -z "${gnuefi_note:-}" ] || arch_notes+=(--note "mirrorshim=built with Debian $gnuefi_note (arm64) and $(aarch64-linux-gnu-gcc --version | head -n 1)")
fi
dest="$out/$name"
mkdir -p "$dest"
for ((i = 0; i < ${#qemu[@]}; i++)); do
    [ "$i" -eq 0 ] || printf ' '
    quote "${qemu[$i]}"
done >"$dest/qemu-cmdline.txt"
echo >>"$dest/qemu-cmdline.txt"
[ "$boot" = shim ] && cp "$work/esp/mirrorshim.cfg" "$dest/mirrorshim.cfg"
python3 "$here/split-serial.py" "$work/serial.log" "$dest" \
    --run-result "rc=$rc seconds=$seconds" \
    --note "kernel=$kernel_version_note" \
    --note "firmware=Debian $(dpkg-query -W -f '${Package} ${Version}' "$firmware_package"), $firmware_code + a fresh copy of $firmware_vars" \
    --note "qemu=Debian $(dpkg-query -W -f '${Package} ${Version}' "$qemu_package"), $accel, host with $(nproc) cores" \
    ${arch_notes[@]+"${arch_notes[@]}"} \
    --note "accel=$accel" --note "boot=$boot" --note "mmio_no_wc=$mmio_no_wc" --note "describe=$describe" --note "remarks=$remarks" \
    --note "command=tools/capture/capture.sh$invocation"
cp "$work/serial.log" "$dest/serial.log"
python3 "$here/write-readme.py" "$dest"
echo "wrote $dest in ${seconds%.*} s" >&2
