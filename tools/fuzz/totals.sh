#!/usr/bin/env bash
# Executions per harness summed over every campaign in tools/fuzz/stats.tsv (its last column), against the targets:
# 10 M for a reader harness, 100 k for an end-to-end verb harness. Also the crashes and hangs AFL saved, summed.
#
#   tools/fuzz/totals.sh            a table, every harness `fwplan-fuzz --list` names
#   tools/fuzz/totals.sh --short    "HARNESS FRACTION SECONDS" lines, least-fuzzed first (what budget.sh schedules by):
#                                   SECONDS is what the rest of the target takes at the last campaign's rate (-1: no rate yet)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
plain="$here/out/plain/fwplan-fuzz.dll"
[ -f "$plain" ] || { echo "totals: build the harnesses first (tools/fuzz/campaign.sh does)" >&2; exit 2; }
dotnet "$plain" --list | cut -f1,2 | awk -F'\t' -v short="${1:-}" '
  FILENAME != "-" && FNR > 1 { execs[$2] += $9; secs[$2] += $3; runs[$2]++; crashes[$2] += $6; hangs[$2] += $7; rate[$2] = $5; next }
  FILENAME == "-" { kind[$1] = $2; order[++n] = $1 }
  END {
    for (i = 1; i <= n; i++) {
      h = order[i]; target = kind[h] == "verb" ? 100000 : 10000000
      frac = execs[h] / target
      need = rate[h] > 0 ? (execs[h] >= target ? 0 : (target - execs[h]) / rate[h]) : -1
      if (short == "--short") { printf "%s %.4f %d\n", h, frac, need; continue }
      if (i == 1) printf "%-16s %-6s %9s %8s %14s %11s %7s %7s %s\n", "harness", "kind", "campaigns", "seconds", "executions", "target", "crashes", "hangs", "met"
      printf "%-16s %-6s %9d %8d %14d %11d %7d %7d %s\n", h, kind[h], runs[h], secs[h], execs[h], target, crashes[h], hangs[h], (frac >= 1 ? "yes" : "no")
    }
  }' "$here/stats.tsv" - | { if [ "${1:-}" = "--short" ]; then sort -k2,2g; else cat; fi; }
