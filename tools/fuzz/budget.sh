#!/usr/bin/env bash
# Runs fuzz campaigns for a time budget, unattended: each round takes the harness furthest below its execution target
# (tools/fuzz/totals.sh) and gives it one campaign (tools/fuzz/campaign.sh, which resumes from the saved corpus) of
# SLICE seconds, or less when its last measured rate says less reaches the target (with a tenth to spare, 120 s at
# least), until the budget is spent or every harness has met its target.
#
#   tools/fuzz/budget.sh -b SECONDS [-s SLICE] [HARNESS...]      (default slice 600 s; default: every harness)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
budget=3600 slice=600
while getopts "b:s:" opt; do
  case "$opt" in
    b) budget="$OPTARG" ;;
    s) slice="$OPTARG" ;;
    *) echo "usage: $0 -b SECONDS [-s SLICE] [HARNESS...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
only=" $* "
end=$(( $(date +%s) + budget ))
"$here/campaign.sh" --build || exit 2

status=0
while [ "$(date +%s)" -lt "$end" ]; do
  left=$(( end - $(date +%s) ))
  [ "$left" -ge 60 ] || break
  read -r next need < <("$here/totals.sh" --short | awk -v only="$only" 'only == "  " || index(only, " " $1 " ") { if ($2 < 1) { print $1, $3; exit } }')
  [ -n "${next:-}" ] || { echo "budget: every harness has met its target"; break; }
  t=$(( left < slice ? left - 30 : slice ))
  if [ "${need:--1}" -ge 0 ]; then
    fit=$(( need + need / 10 ))
    [ "$fit" -ge 120 ] || fit=120
    [ "$fit" -ge "$t" ] || t=$fit
  fi
  echo "budget: $next for $t s ($(( left / 60 )) min left)"
  "$here/campaign.sh" -t "$t" "$next" || status=1
done
"$here/totals.sh"
exit $status
