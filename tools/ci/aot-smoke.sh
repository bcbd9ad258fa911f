#!/usr/bin/env bash
# The shipped build in CI: packs the Native AOT dotnet tool once (tools/release/pack.sh), installs it from that local
# folder into a fresh tool path with an empty NuGet cache (as a clean machine would), then runs the installed fwplan and
# the JIT build (bin/Release fwplan.dll, built by .ci/run) on the sample captures and compares stdout and exit codes
# byte for byte. Prints "aot-smoke: N passed, N failed" as its last line; .ci/run adds these to its totals.
set -uo pipefail
cd "$(dirname "$0")/../.."
WORK=${AOT_SMOKE_DIR:-$(pwd)/TestResults/aot-smoke}
JIT_DLL=src/FirmwarePlanner.Cli/bin/Release/net10.0/fwplan.dll
rm -rf "$WORK"
mkdir -p "$WORK"
passed=0 failed=0
fail() { echo "aot-smoke: FAIL $*"; failed=$((failed + 1)); }

start=$(date +%s)
if ! tools/release/pack.sh "$WORK/packages" > "$WORK/pack.log" 2>&1; then
  tail -30 "$WORK/pack.log"
  fail "pack"
  echo "aot-smoke: $passed passed, $failed failed"
  exit 1
fi
echo "aot-smoke: packed in $(( $(date +%s) - start )) s"

if NUGET_PACKAGES="$WORK/nuget" DOTNET_CLI_HOME="$WORK/home" dotnet tool install --tool-path "$WORK/tool" \
     --add-source "$WORK/packages" fwplan > "$WORK/install.log" 2>&1 && [ -x "$WORK/tool/fwplan" ]; then
  passed=$((passed + 1))
else
  cat "$WORK/install.log"
  fail "dotnet tool install from the local package"
  echo "aot-smoke: $passed passed, $failed failed"
  exit 1
fi
AOT="$WORK/tool/fwplan"
if [ "$(head -c 4 "$(readlink -f "$AOT")" | od -An -c | tr -d ' ')" = '177ELF' ]; then passed=$((passed + 1)); else fail "installed fwplan is not a native executable"; fi

# One comparison: the same arguments to both builds, same stdout, same exit code.
same() {
  local name=$1; shift
  "$AOT" "$@" > "$WORK/aot.out" 2> "$WORK/aot.err"; local a=$?
  dotnet "$JIT_DLL" "$@" > "$WORK/jit.out" 2> "$WORK/jit.err"; local j=$?
  if [ "$a" -ne "$j" ]; then
    fail "$name: exit code AOT $a, JIT $j"; head -5 "$WORK/aot.err"
  elif ! cmp -s "$WORK/aot.out" "$WORK/jit.out"; then
    fail "$name: stdout differs"; diff "$WORK/jit.out" "$WORK/aot.out" | head -10
  else
    passed=$((passed + 1))
  fi
}

same "--version" --version
for d in fixtures/qemu/*/; do
  [ -d "$d" ] || continue
  same "check $d" check "$d"
  same "check --format json $d" check --format json "$d"
done
same "check --format html d2" check --format html fixtures/qemu/d2-q35-2node-mirror512M-kcmirror-612
same "check --format sarif d2" check --format sarif fixtures/qemu/d2-q35-2node-mirror512M-kcmirror-612
for f in fixtures/acpidump--*.txt fixtures/srat-bin--*.bin; do
  same "inspect $f" inspect "$f"
done
same "fleet fixtures/qemu" fleet --format json fixtures/qemu
same "fleet csv fixtures/qemu" fleet --format csv fixtures/qemu

echo "aot-smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
