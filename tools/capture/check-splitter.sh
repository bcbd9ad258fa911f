#!/bin/bash
# Re-splits the serial.log of every capture in fixtures/qemu/ and fixtures/qemu-arm64/ and reports each file that differs
# from the committed one (capture-meta.json and README.md are left out: they carry run notes).
# Run by hand after changing split-serial.py; exits 1 when something differs.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
for capture in "$root"/fixtures/qemu/*/ "$root"/fixtures/qemu-arm64/*/; do
    [ -f "$capture/serial.log" ] || continue
    name=$(basename "$capture")
    python3 "$root/tools/capture/split-serial.py" "$capture/serial.log" "$scratch/$name" >/dev/null
    while IFS= read -r file; do
        case "$file" in ./capture-meta.json|./README.md|./serial.log) continue ;; esac
        if ! cmp -s "$scratch/$name/$file" "$capture/$file"; then
            echo "differs: $name/${file#./}"
            status=1
        fi
    done < <(cd "$scratch/$name" && find . -type f | LC_ALL=C sort)
    echo "checked $name"
done
exit $status
