#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Gantt benchmark (run by hand, never a timed test): frames of the Gantt
# chart and the schedule's recompute on the peer bench's generated register.
#
#   sh tests/bench/bench-gantt.sh [RUNS [N [FRAMES]]]      default: 3 100000 200
#
# Generates register.csv of N items with the peer bench's gen_register.py
# (seed 42: 100 000 items have 150 655 dependencies), imports it with
# `gapwise-cli import` into a register with the bench's team (2 backend-devs,
# 2 operations-engineers, 1 person for each other role, 40 h a week, start
# Monday 2027-01-04), then runs bench-gantt RUNS times: each run times the
# recompute (read, snapshot, schedule, chart, rows) and FRAMES frames of
# 1920 x 1080 per zoom and kind (jump, scroll, still), one JSON line each,
# in $OUT/results.jsonl; the medians over the runs are printed at the end.
# With CALLGRIND=1, one run under callgrind counts the instructions of the
# frames alone (FRAMES frames of each kind and zoom) instead.
#
# Environment:
#   BUILD  build directory with src/cli/gapwise-cli and tests/bench/bench-gantt
#          (default _build-gantt)
#   BENCH  the peer bench with gen_register.py (default /work/shared/bench)
#   OUT    where generated files go (default ${TMPDIR:-/tmp}/bench-gantt.out)
set -eu
RUNS=${1:-3}
N=${2:-100000}
FRAMES=${3:-200}
BUILD=${BUILD:-_build-gantt}
BENCH=${BENCH:-/work/shared/bench}
OUT=${OUT:-${TMPDIR:-/tmp}/bench-gantt.out}
PY=${PYTHON:-python3}

abs() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
CLI=$(abs "$BUILD/src/cli/gapwise-cli")
HELPER=$(abs "$BUILD/tests/bench/bench-gantt")
BENCH=$(cd "$BENCH" && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
REG="$OUT/n$N.gapwise"

if [ ! -f "$REG" ]; then
  (cd "$OUT" && "$PY" "$BENCH/gen_register.py" -n "$N" --formats csv --out "$OUT/n$N" > /dev/null)
  "$CLI" new "$REG" --name "Bench $N" --start 2027-01-04 > /dev/null
  for r in security-engineer:1 backend-dev:2 performance-engineer:1 operations-engineer:2 \
           compliance-auditor:1 testing-specialist:1 documentation-specialist:1; do
    "$CLI" role "$REG" "${r%%:*}" --headcount "${r##*:}" --hours-per-week 40 > /dev/null
  done
  "$CLI" import "$REG" "$OUT/n$N/register.csv" > /dev/null
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${CALLGRIND:-0}" = 1 ]; then
  CALLGRIND=1 valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" \
    --toggle-collect=gw_gantt_chart_draw "$HELPER" "$REG" "$FRAMES" 1 > "$OUT/callgrind.json" 2> "$OUT/callgrind.err"
  total=$(grep -m1 'summary:\|totals:' "$OUT/callgrind.out" | awk '{print $2}')
  frames=$((4 * (3 * FRAMES + 1)))
  echo "callgrind: $total instructions in $frames frames of 1920x1080: $((total / frames)) a frame"
  exit 0
fi

RESULTS="$OUT/results.jsonl"
: > "$RESULTS"
i=0
while [ "$i" -lt "$RUNS" ]; do
  "$HELPER" "$REG" "$FRAMES" 3 >> "$RESULTS"
  i=$((i + 1))
done

"$PY" - "$RESULTS" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
med = lambda xs: statistics.median(xs)
r0 = runs[0]
print(f"register: {r0['items']} items, {r0['dependencies']} dependencies, {r0['rows']} rows; "
      f"{len(runs)} runs, medians of the runs' medians (p90 in brackets)")
parts = ["read", "snapshot", "schedule", "chart", "rows"]
print("recompute (ms): " + ", ".join(f"{p} {med([r['recompute'][p]['median_ms'] for r in runs]):.1f}" for p in parts)
      + f"; total {sum(med([r['recompute'][p]['median_ms'] for r in runs]) for p in parts):.1f}")
for zoom in r0["frames"]:
    f = [r["frames"][zoom] for r in runs]
    kinds = ", ".join(f"{k} {med([x[k]['median_ms'] for x in f]):.2f} [{med([x[k]['p90_ms'] for x in f]):.2f}]"
                      for k in ("jump", "scroll", "still"))
    print(f"frame {r0['frame']} at {zoom} zoom (ms): {kinds}; "
          f"{f[0]['bars_per_frame']:.0f} bars, {f[0]['arrows_per_frame']:.0f} arrows, {f[0]['rows_laid_out']:.0f} rows laid out")
PY
