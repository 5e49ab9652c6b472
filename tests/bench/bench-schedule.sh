#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Scheduling benchmark: gapwise-cli against TaskJuggler 3 on the peer bench's
# generated registers (run by hand, never a timed test).
#
#   sh tests/bench/bench-schedule.sh [RUNS] [N ...]        default: 3 1000 5000
#
# For each N: generate register.csv and register.tjp with the peer bench's
# gen_register.py (seed 42), load register.csv into a register with the same
# team (2 backend-devs, 2 operations-engineers, 1 person for each other role,
# 40 h a week, start Monday 2027-01-04, Mon-Fri 09:00-17:00, no holidays),
# then
#   - makespan: `gapwise-cli schedule` and `tj3` each write a schedule.csv
#     (id,start,end) that the peer bench's makespan.py measures;
#   - time: the whole `gapwise-cli schedule --format csv` run paired with
#     `tj3 --no-reports` (A B A B, timeit.py --vs), `tj3 --check-syntax`
#     alone (TaskJuggler's scheduling = sched - parse), and the scheduling
#     inside the process (bench-schedule-helper time: snapshot of the
#     register, then gw_schedule_compute).
# Then the speed run of BIG items without TaskJuggler (it would take hours).
#
# Environment:
#   BUILD  build directory with src/cli/gapwise-cli and tests/bench/bench-schedule-helper
#          (default _build-sched)
#   BENCH  the peer bench: gen_register.py, timeit.py, makespan.py (default /work/shared/bench)
#   OUT    where generated files go (default ${TMPDIR:-/tmp}/gapwise-bench-schedule)
#   BIG    items of the speed run (default 100000; 0 to skip)
# Needs tj3 (Debian package tj3; a benchmark tool, not a build dependency) and python3.
set -eu
RUNS=${1:-3}; [ $# -gt 0 ] && shift
NS=${*:-1000 5000}
BUILD=${BUILD:-_build-sched}
BENCH=${BENCH:-/work/shared/bench}
OUT=${OUT:-${TMPDIR:-/tmp}/gapwise-bench-schedule}
BIG=${BIG:-100000}
PY=${PYTHON:-python3}

abs() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
CLI=$(abs "$BUILD/src/cli/gapwise-cli")
HELPER=$(abs "$BUILD/tests/bench/bench-schedule-helper")
BENCH=$(cd "$BENCH" && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"
command -v tj3 > /dev/null || { echo "tj3 not found: apt-get install tj3" >&2; exit 1; }

TEAM="security-engineer:1 backend-dev:2 performance-engineer:1 operations-engineer:2 compliance-auditor:1 testing-specialist:1 documentation-specialist:1"

# register.csv -> register.gapwise. `gapwise-cli import` when the CLI has it;
# otherwise the helper's own loader (one item at a time: slow past ~10 000).
load() {
  rm -f "$2" "$2-wal" "$2-shm"
  if "$CLI" import --help > /dev/null 2>&1; then
    "$CLI" new "$2" --start 2027-01-04
    "$CLI" import "$2" "$1" > /dev/null
    for r in $TEAM; do
      "$CLI" role "$2" "${r%%:*}" --headcount "${r##*:}" --hours-per-week 40
    done
  else
    "$HELPER" load "$1" "$2"
  fi
}

# gapwise-cli's schedule as the id,start,end CSV that makespan.py reads.
gapwise_schedule() {  # register.gapwise dir
  mkdir -p "$2"
  "$CLI" schedule "$1" --format csv > "$2/gapwise-schedule.csv"
  $PY - "$2/gapwise-schedule.csv" "$2/schedule.csv" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f, open(sys.argv[2], "w", newline="") as g:
    w = csv.writer(g)
    w.writerow(["id", "start", "end"])
    for r in csv.DictReader(f):
        if r["start"]:
            w.writerow([r["key"], r["start"], r["finish"]])
EOF
}

record() {  # name json...
  name=$1; shift
  printf '{"what": "%s", "data": %s}\n' "$name" "$*" >> "$RESULTS"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tj3: $(tj3 --version 2>/dev/null | head -n 1)"

for n in $NS; do
  d="$OUT/n$n"
  [ -f "$d/register.tjp" ] || $PY "$BENCH/gen_register.py" -n "$n" --out "$d" --formats csv,tjp > /dev/null
  [ -f "$d/register.gapwise" ] || load "$d/register.csv" "$d/register.gapwise"
  for tool in gapwise tj3; do
    mkdir -p "$d/$tool"
    ln -sf ../register.csv ../stats.json ../register.tjp "$d/$tool/"
  done

  # Makespans
  gapwise_schedule "$d/register.gapwise" "$d/gapwise"
  (cd "$d/tj3" && tj3 --silent register.tjp > tj3.log 2>&1) || echo "tj3 exit $? (see $d/tj3/tj3.log)"
  record "makespan gapwise n=$n" "$($PY "$BENCH/makespan.py" "$d/gapwise")"
  record "makespan tj3 n=$n" "$($PY "$BENCH/makespan.py" "$d/tj3")"

  # Times
  (cd "$d/tj3" &&
   record "cli vs tj3 n=$n" "$($PY "$BENCH/timeit.py" -r "$RUNS" --label "gapwise-cli schedule n=$n" \
            --vs 'tj3 --silent --no-reports register.tjp' -- \
            sh -c "'$CLI' schedule '$d/register.gapwise' --format csv > /dev/null")" &&
   record "tj3 parse n=$n" "$($PY "$BENCH/timeit.py" -r "$RUNS" --label "tj3 parse n=$n" -- \
            tj3 --silent --check-syntax register.tjp)")
  record "in-process n=$n" "$("$HELPER" time "$d/register.gapwise" $((RUNS * 3)))"
done

if [ "$BIG" -gt 0 ]; then
  d="$OUT/n$BIG"
  [ -f "$d/register.csv" ] || $PY "$BENCH/gen_register.py" -n "$BIG" --out "$d" --formats csv > /dev/null
  [ -f "$d/register.gapwise" ] || load "$d/register.csv" "$d/register.gapwise"
  mkdir -p "$d/gapwise"
  ln -sf ../register.csv ../stats.json "$d/gapwise/"
  gapwise_schedule "$d/register.gapwise" "$d/gapwise"
  record "makespan gapwise n=$BIG" "$($PY "$BENCH/makespan.py" "$d/gapwise")"
  record "cli n=$BIG" "$($PY "$BENCH/timeit.py" -r "$RUNS" --label "gapwise-cli schedule n=$BIG" -- \
          sh -c "'$CLI' schedule '$d/register.gapwise' --format csv > /dev/null")"
  record "in-process n=$BIG" "$("$HELPER" time "$d/register.gapwise" $((RUNS * 3)))"
fi

# Summary
$PY - "$RESULTS" <<'EOF'
import json, sys
res = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    res[r["what"]] = r["data"]
ns = sorted({int(k.split("n=")[1]) for k in res})
print()
print("| N | gapwise makespan h | tj3 makespan h | lower bound h | gapwise / tj3 | "
      "gapwise-cli schedule wall s | tj3 sched wall s | tj3 parse wall s | tj3 scheduling s (sched - parse) | "
      "gapwise in-process scheduling s | tj3 scheduling / gapwise-cli | tj3 scheduling / gapwise scheduling | tj3 sched / gapwise-cli, pairwise |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for n in ns:
    mg = res.get("makespan gapwise n=%d" % n)
    mt = res.get("makespan tj3 n=%d" % n)
    vs = res.get("cli vs tj3 n=%d" % n) or res.get("cli n=%d" % n)
    tp = res.get("tj3 parse n=%d" % n)
    ip = res.get("in-process n=%d" % n)
    cells = [str(n)]
    cells.append("%.0f (%d dep. violations)" % (mg["makespan_work_hours"], mg["dependency_violations"]) if mg else "")
    cells.append("%.0f (%d)" % (mt["makespan_work_hours"], mt["dependency_violations"]) if mt else "")
    cells.append("%.0f" % mg["lower_bound_work_hours"] if mg else "")
    cells.append("%.3f" % (mg["makespan_work_hours"] / mt["makespan_work_hours"]) if mg and mt else "")
    cli = vs["wall"]["median"] if vs else None
    cells.append("%.3f [%.3f-%.3f]" % (cli, vs["wall"]["min"], vs["wall"]["max"]) if vs else "")
    sched = vs["b"]["wall"]["median"] if vs and "b" in vs else None
    cells.append("%.3f" % sched if sched else "")
    parse = tp["wall"]["median"] if tp else None
    cells.append("%.3f" % parse if parse else "")
    tjs = sched - parse if sched and parse else None
    cells.append("%.3f" % tjs if tjs else "")
    inproc = ip["schedule_s"]["median"] if ip else None
    cells.append("%.4f (snapshot %.3f)" % (inproc, ip["snapshot_s"]["median"]) if ip else "")
    cells.append("%.0f x" % (tjs / cli) if tjs and cli else "")
    cells.append("%.0f x" % (tjs / inproc) if tjs and inproc else "")
    cells.append("%.1f x" % (1 / vs["a_over_b_wall"]["median"]) if vs and "a_over_b_wall" in vs else "")
    print("| " + " | ".join(cells) + " |")
print()
print("results: " + sys.argv[1])
EOF
