#!/usr/bin/env bash
# Replays the whole saved fuzz corpus (tools/fuzz/corpus/, and fixtures/hostile/fuzz-*) in process through every
# harness, with no time box: the sweep behind CI's time-boxed run (FuzzCorpusReplayTests, 10 s per harness).
# Prints, per harness, how many inputs were replayed and how long it took.
#
#   tools/fuzz/replay.sh [HARNESS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
filter="FullyQualifiedName~FuzzCorpusReplayTests"
[ $# -gt 0 ] && filter="$filter&DisplayName~\"$1\""
FWPLAN_FUZZ_REPLAY_SECONDS=0 dotnet test "$root/tests/FirmwarePlanner.Tests" -c Release --filter "$filter" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "replayed [0-9]+ of|Passed!|Failed!|Failed "
