#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Opening a large register (run by hand, never a timed test).
#
#   sh tests/bench/bench-open.sh [RUNS]        default: 5
#
# The peer bench's register of N items (gen_register.py, seed 42; N = 100000
# gives 150 655 dependencies) is imported once into a register, then:
# 1. `gapwise-cli list --format csv` (open + list every item with its
#    dependencies), paired A B A B with the peer: sqlite3 exporting the same
#    items as CSV from the bench's register.sql loaded into items.db
#    (bench/RESULTS.md section 3). Targets: under 0.5 s.
# 2. The Register page: bench-window opens the register in the real window
#    under Xvfb and reports the time to the first frame painted with rows,
#    and the resident memory then, against the same window on the sample
#    register. Targets: under 1 s, under 150 MB.
#
# Environment: BUILD (default _build), BENCH (default /work/shared/bench),
# OUT (default tests/bench/out), N (default 100000).
set -eu
RUNS=${1:-5}
top=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-_build}
BENCH=${BENCH:-/work/shared/bench}
OUT=${OUT:-$top/tests/bench/out}
N=${N:-100000}
PY=${PYTHON:-python3}

cd "$top"
BUILD=$(cd "$BUILD" && pwd)
CLI=$BUILD/src/cli/gapwise-cli
WINDOW=$BUILD/tests/bench/bench-window
BENCH=$(cd "$BENCH" && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
for f in "$CLI" "$WINDOW"; do
  [ -x "$f" ] || { echo "$f not found: build it first (BUILD=...)" >&2; exit 1; }
done

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"

d="$OUT/n$N"
[ -f "$d/register.csv" ] && [ -f "$d/register.sql" ] ||
  (cd "$BENCH" && $PY gen_register.py -n "$N" --formats csv,sql --out "$d" > /dev/null)
cd "$d"
if [ ! -f open.gapwise ]; then
  "$CLI" new open.gapwise > /dev/null
  "$CLI" import open.gapwise register.csv > /dev/null 2>&1
fi
[ -f items.db ] || sqlite3 items.db < register.sql
echo "# register: $("$CLI" list open.gapwise --format csv | tail -n +2 | wc -l) items, $(du -k open.gapwise | cut -f1) KiB"

# 1. gapwise-cli list --format csv vs sqlite3's CSV export
$PY "$BENCH/timeit.py" -r "$RUNS" --label "gapwise-cli list --format csv n=$N" \
  --vs "sh -c 'exec sqlite3 -csv -header items.db \"select id,title,category,priority,effort_hours,owner,milestone,depends_on from items\" > sqlite-export.csv'" -- \
  sh -c 'exec "$0" list open.gapwise --format csv > list.csv' "$CLI" > list.json
cat list.json

# 2. the Register page, for the 100 000-item register and for the 25-item
#    sample register (the baseline: what the window costs before the items),
#    under three renderer set-ups. Under Xvfb GTK's default GL renderer runs on
#    Mesa's software rasterizer (llvmpipe), whose buffers and compiled shaders
#    count in the process's memory; "cairo" draws without GL but GDK still
#    loads it; "nogl" keeps GL out of the process.
if [ ! -f sample.gapwise ]; then
  "$CLI" new sample.gapwise > /dev/null
  "$CLI" import sample.gapwise "$top/data/sample-register.md" > /dev/null
fi
: > window.jsonl
for setup in gl cairo nogl; do
  case $setup in
    gl) renderer=; debug= ;;
    cairo) renderer=cairo; debug= ;;
    nogl) renderer=cairo; debug=gl-disable ;;
  esac
  for register in open sample; do
    for i in $(seq 1 "$RUNS"); do
      env XDG_DATA_HOME="$d/xdg" GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$BUILD/data" \
          GTK_A11Y=none NO_AT_BRIDGE=1 GDK_BACKEND=x11 \
          ${renderer:+GSK_RENDERER=$renderer} ${debug:+GDK_DEBUG=$debug} \
        xvfb-run -a -s '-screen 0 1440x900x24' "$WINDOW" $register.gapwise |
        $PY -c 'import json, sys; d = json.loads(sys.stdin.readline()); d["setup"], d["register"] = sys.argv[1:]; print(json.dumps(d))' \
          "$setup" "$register" >> window.jsonl
    done
  done
done
cat window.jsonl

# 3. every other page of the 100 000-item register, in turn, in one window
#    (default renderer): how long the window stops answering on the switch,
#    and the memory each page adds.
XDG_DATA_HOME="$d/xdg" GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$BUILD/data" \
GTK_A11Y=none NO_AT_BRIDGE=1 GDK_BACKEND=x11 \
  xvfb-run -a -s '-screen 0 1440x900x24' "$WINDOW" open.gapwise \
    quadrant dependencies gantt resources gates register > pages.jsonl
echo "# pages, one window in turn (first frame after the switch, longest gap between frames, RSS after $N items' page):"
cat pages.jsonl

$PY - "$N" list.json window.jsonl <<'PYEOF'
import json, statistics, sys
n = int(sys.argv[1])
cli = json.load(open(sys.argv[2]))
runs = [json.loads(l) for l in open(sys.argv[3]) if l.strip()]

def med(setup, register, key):
    return round(statistics.median(r[key] for r in runs if r["setup"] == setup and r["register"] == register), 1)

big = [r for r in runs if r["setup"] == "gl" and r["register"] == "open"]
print(json.dumps({
    "items": n,
    "cli_list_csv_wall_s": round(cli["wall"]["median"], 3),
    "cli_list_csv_wall_range_s": [round(cli["wall"]["min"], 3), round(cli["wall"]["max"], 3)],
    "cli_peak_mib": round(cli["peak_mib"]["median"], 1),
    "sqlite_export_wall_s": round(cli["b"]["wall"]["median"], 3),
    "cli_over_sqlite_wall": cli["a_over_b_wall"],
    "window_open_ms": med("gl", "open", "open_ms"),
    "window_ready_ms": med("gl", "open", "ready_ms"),
    "window_ready_ms_range": [min(r["ready_ms"] for r in big), max(r["ready_ms"] for r in big)],
}))
print()
print("| renderer | RSS, %d items MiB | RSS, sample (25 items) MiB | difference MiB | heap, %d items MiB | heap, sample MiB |" % (n, n))
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for setup, label in (("gl", "default (GL; llvmpipe under Xvfb)"), ("cairo", "GSK_RENDERER=cairo"),
                     ("nogl", "GSK_RENDERER=cairo GDK_DEBUG=gl-disable")):
    big_rss, small_rss = med(setup, "open", "rss_mib"), med(setup, "sample", "rss_mib")
    print(f"| {label} | {big_rss} | {small_rss} | {big_rss - small_rss:.1f} "
          f"| {med(setup, 'open', 'heap_mib')} | {med(setup, 'sample', 'heap_mib')} |")
PYEOF
