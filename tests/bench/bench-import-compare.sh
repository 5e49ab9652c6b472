#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that two builds of gapwise-cli import into the same registers
# (run by hand, next to bench-import.sh, when the import path changes).
#
#   sh tests/bench/bench-import-compare.sh BASE_CLI [NEW_CLI]
#
# NEW_CLI defaults to $BUILD/src/cli/gapwise-cli. Each case is run with
# both, and what each produced is dumped and compared byte for byte:
#   - what the import printed (counts) and its warnings;
#   - `list --format csv` and `export register`;
#   - every table of the register (ids and positions included; of the
#     history, the labels and what is undone), the full-text index's
#     integrity check and the items it finds for a few words;
#   - the register after `undo`, then after `redo` (the import's step in
#     the persisted history, replayed by a new process each time).
# Cases: the peer bench's CSV of N items into a new register; the seeds
# (Markdown) one by one and all together; each seed's register exported as
# CSV and imported again into a new register; the N-item register with a
# second CSV merged into it (changed, new and unchanged rows, changed
# dependencies, an unknown key and a cycle).
#
# Environment: BUILD (default _build), BENCH (default /work/shared/bench),
# SEEDS (default /work/shared/seeds), OUT (default tests/bench/out), N
# (default 100000). Exit status 1 when a case differs.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-_build}
BENCH=${BENCH:-/work/shared/bench}
SEEDS=${SEEDS:-/work/shared/seeds}
OUT=${OUT:-$top/tests/bench/out}
N=${N:-100000}
PY=${PYTHON:-python3}

[ $# -ge 1 ] || { echo "usage: $0 BASE_CLI [NEW_CLI]" >&2; exit 2; }
BASE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
NEW=${2:-$top/$BUILD/src/cli/gapwise-cli}
NEW=$(cd "$(dirname "$NEW")" && pwd)/$(basename "$NEW")
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
work="$OUT/compare"
rm -rf "$work"
mkdir -p "$work/base" "$work/new"

d="$OUT/n$N"
[ -f "$d/register.csv" ] ||
  (cd "$BENCH" && $PY gen_register.py -n "$N" --formats csv,sql --out "$d" > /dev/null)

# The second CSV: every 7th row retitled, every 11th without dependencies,
# every 13th depending on a key nowhere, one cycle, 1000 new rows, the
# rest as before.
[ -f "$d/reimport.csv" ] || $PY - "$d/register.csv" "$d/reimport.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
head, body = rows[0], rows[1:]
k, t, dep = head.index('id'), head.index('title'), head.index('depends_on')
for i, r in enumerate(body):
    if i % 7 == 0:
        r[t] = r[t] + ' (revised)'
    if i % 11 == 0:
        r[dep] = ''
    if i % 13 == 0:
        r[dep] = ';'.join(x for x in [r[dep], 'NOWHERE-%d' % i] if x)
body[1][dep] = ';'.join(x for x in [body[1][dep], body[5][k]] if x)
body[5][dep] = ';'.join(x for x in [body[5][dep], body[1][k]] if x)
for i in range(1000):
    new = list(body[i])
    new[k] = 'NEW-%05d' % i
    new[dep] = body[i][k] + (';NEW-%05d' % (i - 1) if i else '')
    body.append(new)
w = csv.writer(open(sys.argv[2], 'w', newline=''), lineterminator='\n')
w.writerow(head)
w.writerows(body)
EOF

# dump CLI REGISTER FILE: what the register holds, in text
dump () {
  set +e
  {
    echo "## list"; "$1" list "$2" --format csv
    echo "## export"; "$1" export register "$2" -o "$3.export.csv" > /dev/null && cat "$3.export.csv"
    for t in settings roles milestones milestone_lines items item_lines dependencies decision; do
      echo "## $t"; sqlite3 -csv "$2" "SELECT * FROM $t ORDER BY 1, 2"
    done
    # The length of an undo step's changeset is left out: the same changes
    # may be grouped under one table header or two (the step is checked by
    # undoing and redoing it).
    echo "## history"; sqlite3 -csv "$2" "SELECT id, label, undone FROM history"
    echo "## fts"; sqlite3 "$2" "INSERT INTO items_fts (items_fts) VALUES ('integrity-check'); SELECT count(*) FROM items_fts"
    for w in billing region gateway risk security test; do
      echo "## fts $w"; sqlite3 "$2" "SELECT rowid FROM items_fts WHERE items_fts MATCH '$w' ORDER BY rowid"
    done
  } > "$3" 2>&1
  rm -f "$3.export.csv"
  set -e
}

# run_case NAME REGISTER_SETUP FILE...: imports FILE... with each build
run_case () {
  name=$1; shift
  setup=$1; shift
  for side in base new; do
    cli=$BASE; [ $side = new ] && cli=$NEW
    reg="$work/$side/$name.gapwise"
    rm -f "$reg" "$reg-wal" "$reg-shm"
    [ -z "$setup" ] || "$cli" import "$reg" "$setup" > /dev/null 2>&1
    "$cli" import "$reg" "$@" > "$work/$side/$name.import" 2>&1 || echo "exit $?" >> "$work/$side/$name.import"
    dump "$cli" "$reg" "$work/$side/$name.after"
    "$cli" undo "$reg" > /dev/null 2>&1 || echo "undo failed" >> "$work/$side/$name.after"
    dump "$cli" "$reg" "$work/$side/$name.undone"
    "$cli" redo "$reg" > /dev/null 2>&1 || echo "redo failed" >> "$work/$side/$name.undone"
    dump "$cli" "$reg" "$work/$side/$name.redone"
  done
  for part in import after undone redone; do
    if cmp -s "$work/base/$name.$part" "$work/new/$name.$part"; then
      :
    else
      echo "DIFFERENT: $name ($part): diff $work/base/$name.$part $work/new/$name.$part"
      status=1
    fi
  done
  echo "# $name: $(wc -l < "$work/new/$name.after") lines compared after import, undo and redo"
}

status=0
run_case csv$N "" "$d/register.csv"
run_case reimport$N "$d/register.csv" "$d/reimport.csv"
for seed in "$SEEDS"/*.txt; do
  s=$(basename "$seed" .txt)
  run_case "seed-$s" "" "$seed"
  # the seed's register as CSV, imported into a new register
  "$BASE" export register "$work/base/seed-$s.gapwise" -o "$work/seed-$s.csv" > /dev/null 2>&1
  (cd "$work" && run_case "csv-seed-$s" "" "seed-$s.csv")
done
run_case seeds-all "" "$SEEDS"/*.txt
[ $status = 0 ] && echo "# all cases identical"
exit $status
