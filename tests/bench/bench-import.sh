#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Import benchmark (run by hand, never a timed test).
#
#   sh tests/bench/bench-import.sh [RUNS]          default: 5
#
# 1. CSV: the peer bench's register of N items (gen_register.py, seed 42;
#    N = 100000 gives 150 655 dependencies) imported into a new register by
#    `gapwise-cli import`, paired A B A B (timeit.py --vs) with the peer
#    baseline: sqlite3 loading the same register's register.sql into a new
#    database. rows/s = N / median wall; the ratio is taken pair by pair.
#    The import is checked: N items, and every dependency stored.
# 2. Markdown: a register of M items in seed 001's form
#    (gen-markdown-register.py, seed 42) imported the same way, alone.
# 3. Undo recording: bench-import-session replays the writes of an import of
#    N items with and without SQLite's session extension recording them.
#
# Environment:
#   BUILD  build directory with src/cli/gapwise-cli and tests/bench/bench-import-session
#          (default _build)
#   BENCH  the peer bench: gen_register.py, timeit.py (default /work/shared/bench)
#   OUT    generated files (default tests/bench/out, ignored by git)
#   N, M   items of the CSV and Markdown registers (default 100000, 10000)
# Needs python3, sqlite3 and GNU time (Debian package time) for small peaks.
set -eu
RUNS=${1:-5}
top=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-_build}
BENCH=${BENCH:-/work/shared/bench}
OUT=${OUT:-$top/tests/bench/out}
N=${N:-100000}
M=${M:-10000}
PY=${PYTHON:-python3}

cd "$top"
CLI=$(cd "$BUILD" && pwd)/src/cli/gapwise-cli
SESSION=$(cd "$BUILD" && pwd)/tests/bench/bench-import-session
BENCH=$(cd "$BENCH" && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
[ -x "$CLI" ] || { echo "$CLI not found: build it first (BUILD=...)" >&2; exit 1; }

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(sqlite3 --version | cut -d' ' -f1-2), gapwise-cli $("$CLI" --version | cut -d' ' -f2)"

# 1. CSV
d="$OUT/n$N"
[ -f "$d/register.csv" ] && [ -f "$d/register.sql" ] ||
  (cd "$BENCH" && $PY gen_register.py -n "$N" --formats csv,sql --out "$d" > /dev/null)
cd "$d"
rm -f check.gapwise check.gapwise-wal check.gapwise-shm
"$CLI" import check.gapwise register.csv > import.txt 2> import-warnings.txt
items=$(sed -n 's/^items: //p' import.txt)
deps=$(sed -n 's/^dependencies: //p' import.txt)
[ "$items" = "$N" ] || { echo "import read $items items, not $N" >&2; exit 1; }
[ "$deps" = "$(sqlite3 check.gapwise 'SELECT count(*) FROM dependencies')" ] ||
  { echo "the register does not hold the $deps dependencies imported" >&2; exit 1; }
echo "# csv: $N items, $deps dependencies imported, $(wc -l < import-warnings.txt) warnings"

$PY "$BENCH/timeit.py" -r "$RUNS" --label "gapwise-cli import n=$N" \
  --vs "sh -c 'rm -f items.db && exec sqlite3 items.db < register.sql > /dev/null'" -- \
  sh -c 'rm -f bench.gapwise bench.gapwise-wal bench.gapwise-shm && exec "$0" import bench.gapwise register.csv > /dev/null 2>&1' "$CLI" \
  > import.json
cat import.json
env time -f '%M' -o sqlite-peak.txt sh -c 'rm -f items.db && exec sqlite3 items.db < register.sql > /dev/null'
$PY - "$N" import.json sqlite-peak.txt <<'EOF'
import json, sys
n = int(sys.argv[1]); r = json.load(open(sys.argv[2]))
wa = r["wall"]["median"]
print(json.dumps({
    "csv_items": n,
    "gapwise_rows_per_s": round(n / wa),
    "gapwise_rows_per_s_range": [round(n / r["wall"]["max"]), round(n / r["wall"]["min"])],
    "gapwise_wall_s": round(wa, 3),
    "gapwise_peak_mib": round(r["peak_mib"]["median"], 1),
    "sqlite_load_wall_s": round(r["b"]["wall"]["median"], 3),
    "sqlite_load_rows_per_s": round(n / r["b"]["wall"]["median"]),
    "sqlite_peak_mib": round(int(open(sys.argv[3]).read().split()[-1]) / 1024, 1),
    "gapwise_over_sqlite_wall": r["a_over_b_wall"],
}))
EOF

# 2. Markdown
d="$OUT/md$M"
mkdir -p "$d"
[ -f "$d/register.md" ] || $PY "$top/tests/bench/gen-markdown-register.py" -n "$M" > "$d/register.md"
cd "$d"
rm -f check.gapwise check.gapwise-wal check.gapwise-shm
"$CLI" import check.gapwise register.md > import.txt 2> import-warnings.txt
items=$(sed -n 's/^items: //p' import.txt)
[ "$items" = "$M" ] || { echo "Markdown import read $items items, not $M" >&2; exit 1; }
echo "# markdown: $M items, $(sed -n 's/^dependencies: //p' import.txt) dependencies, $(wc -l < import-warnings.txt) warnings"
$PY "$BENCH/timeit.py" -r "$RUNS" --label "gapwise-cli import markdown n=$M" -- \
  sh -c 'rm -f bench.gapwise bench.gapwise-wal bench.gapwise-shm && exec "$0" import bench.gapwise register.md > /dev/null 2>&1' "$CLI" \
  > import.json
cat import.json
$PY - "$M" import.json <<'EOF'
import json, sys
n = int(sys.argv[1]); r = json.load(open(sys.argv[2]))
print(json.dumps({"markdown_items": n, "rows_per_s": round(n / r["wall"]["median"]),
                  "wall_s": round(r["wall"]["median"], 3), "peak_mib": round(r["peak_mib"]["median"], 1)}))
EOF

# 3. What the session extension's recording costs
if [ -x "$SESSION" ]; then
  mkdir -p "$OUT/session"
  "$SESSION" "$OUT/session" "$N" "$RUNS"
else
  echo "# $SESSION not built: skipping the undo-recording measurement" >&2
fi
