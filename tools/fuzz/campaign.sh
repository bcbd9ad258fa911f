#!/usr/bin/env bash
# Coverage-guided fuzz campaign: SharpFuzz + AFL++ on one core, unattended.
#
#   tools/fuzz/campaign.sh [-t SECONDS] [HARNESS...]     (default: every harness, 60 s each)
#   tools/fuzz/campaign.sh --build                       (publish and instrument only)
#
# For each harness (tools/fuzz/FirmwarePlanner.Fuzz/Harnesses.cs; `--list` to see them):
#   1. its saved corpus is tools/fuzz/corpus/HARNESS/ (seeded from fixtures/ the first time; later campaigns resume
#      from it, and from tools/fuzz/out/HARNESS/ when that is still there);
#   2. afl-fuzz runs the SharpFuzz out-of-process target for SECONDS (-V), with a 10 s exec timeout, so hangs are hangs;
#   3. the queue entries with new coverage (+cov, <= 16 KiB) are merged back into the saved corpus;
#   4. each unique crash and hang is minimized with afl-tmin into fixtures/hostile/fuzz-HARNESS-SHA8 (crafted
#      reproducers, to be fixed and given a test);
#   5. AFL's own numbers (execs_done, saved_crashes, saved_hangs, corpus_count) are appended to tools/fuzz/stats.tsv,
#      with this campaign's own executions in the last column (tools/fuzz/totals.sh sums them against the targets).
# Needs: afl++ (Debian), the .NET SDK, and the sharpfuzz tool from tools/fuzz/dotnet-tools.json (restored here).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds=60
build_only=0
# `campaign.sh --build`: only publish and instrument (what budget.sh and totals.sh need first).
[ "${1:-}" = "--build" ] && { build_only=1; shift; }
while getopts "t:" opt; do
  case "$opt" in
    t) seconds="$OPTARG" ;;
    *) echo "usage: $0 [-t SECONDS] [HARNESS...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

command -v afl-fuzz >/dev/null || { echo "campaign: afl-fuzz not found (apt-get install afl++)" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export AFL_AUTORESUME=1
# The verb harnesses write their input to a temporary file each run: keep that in memory where there is a tmpfs.
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm

bin="$here/out/bin"          # instrumented: only afl-fuzz and afl-tmin run it (it writes AFL's shared map)
plain="$here/out/plain"      # the same build uninstrumented: --list and --replay
target="$bin/fwplan-fuzz.dll"
if [ ! -f "$bin/.instrumented" ] || [ -n "$(find "$root/src" "$here/FirmwarePlanner.Fuzz" -name '*.cs' -newer "$bin/.instrumented" -print -quit)" ]; then
  echo "campaign: publishing and instrumenting the target"
  (cd "$here" && dotnet tool restore >/dev/null) || exit 2
  rm -rf "$bin" "$plain"
  dotnet publish "$here/FirmwarePlanner.Fuzz/FirmwarePlanner.Fuzz.csproj" -c Release -o "$plain" >"$here/out-publish.log" 2>&1 \
    || { tail -20 "$here/out-publish.log"; exit 2; }
  cp -r "$plain" "$bin"
  for dll in FirmwarePlanner.dll fwplan.dll; do
    (cd "$here" && dotnet sharpfuzz "$bin/$dll") || { echo "campaign: instrumenting $dll failed" >&2; exit 2; }
  done
  touch "$bin/.instrumented"
fi

[ "$build_only" = 1 ] && exit 0

harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  mapfile -t harnesses < <(dotnet "$plain/fwplan-fuzz.dll" --list | cut -f1)
fi

stats="$here/stats.tsv"
[ -f "$stats" ] || printf 'date\tharness\tseconds\texecs_done\texecs_per_sec\tsaved_crashes\tsaved_hangs\tcorpus_count\texecs_campaign\n' >"$stats"
status=0
for h in "${harnesses[@]}"; do
  seeds=$(dotnet "$plain/fwplan-fuzz.dll" --list | awk -F'\t' -v h="$h" '$1 == h { print $3 }')
  [ -n "$seeds" ] || { echo "campaign: no harness '$h'" >&2; status=2; continue; }
  corpus="$here/corpus/$h"
  out="$here/out/$h"
  mkdir -p "$corpus" "$out"
  if [ -z "$(ls -A "$corpus")" ]; then
    (cd "$root/fixtures" && for g in $seeds; do for f in $g; do
      [ -f "$f" ] && [ "$(stat -c %s "$f")" -le 65536 ] && cp "$f" "$corpus/seed-$(sha1sum "$f" | cut -c1-12)"
    done; done)
    if [ -z "$(ls -A "$corpus")" ]; then
      # Every seed is large: start from the head of the first one.
      (cd "$root/fixtures" && for g in $seeds; do for f in $g; do [ -f "$f" ] && head -c 65536 "$f" >"$corpus/seed-head" && break 2; done; done)
    fi
  fi

  fs="$out/default/fuzzer_stats"
  before=0
  [ -f "$fs" ] && before=$(awk -F' *: *' '$1 == "execs_done" { print $2 }' "$fs")
  echo "campaign: $h for $seconds s ($(ls "$corpus" | wc -l) corpus files)"
  afl-fuzz -i "$corpus" -o "$out" -t 10000 -m none -V "$seconds" -- dotnet "$target" "$h" >"$out/afl.log" 2>&1
  rc=$?
  if [ ! -f "$fs" ]; then
    echo "campaign: $h: afl-fuzz did not start (rc $rc); see $out/afl.log" >&2
    tail -5 "$out/afl.log" >&2
    status=1
    continue
  fi
  val() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$fs"; }
  # execs_done is AFL's count since the out folder was made (a resumed campaign reloads it); this campaign's own
  # executions are the difference, so the last column sums over campaigns (tools/fuzz/totals.sh).
  done_now=$(val execs_done)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$h" "$seconds" "$done_now" "$(val execs_per_sec)" \
    "$(val saved_crashes)" "$(val saved_hangs)" "$(val corpus_count)" "$((done_now - before))" >>"$stats"

  # Merge the queue back into the saved corpus (content-named, so reruns do not duplicate): the entries AFL kept for
  # new edges ("+cov"), up to 16 KiB, so the saved corpus stays small enough to commit and to replay in CI.
  for f in "$out"/default/queue/id:*+cov*; do
    [ -f "$f" ] || continue
    [ "$(stat -c %s "$f")" -le 16384 ] || continue
    n="q-$(sha1sum "$f" | cut -c1-12)"
    [ -f "$corpus/$n" ] || cp "$f" "$corpus/$n"
  done

  # Each crash and hang becomes a minimized reproducer.
  for kind in crashes hangs; do
    for f in "$out/default/$kind"/id:*; do
      [ -f "$f" ] || continue
      sha=$(sha1sum "$f" | cut -c1-8)
      dest="$root/fixtures/hostile/fuzz-$h-$sha"
      [ -f "$dest" ] && continue
      hang=()
      [ "$kind" = hangs ] && hang=(-H)
      if ! timeout 600 afl-tmin "${hang[@]}" -i "$f" -o "$dest" -t 10000 -m none -- dotnet "$target" "$h" >/dev/null 2>&1; then
        cp "$f" "$dest"
      fi
      echo "campaign: $h: $kind reproducer fixtures/hostile/$(basename "$dest")"
      status=1
    done
  done
done
exit $status
