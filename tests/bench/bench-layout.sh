#!/bin/sh
# Gapwise's layered layout against Graphviz dot, on the peer benchmark's
# generated registers (run by hand; never a timed test).
#
#   sh tests/bench/bench-layout.sh [RUNS] [N ...]      default: 5 runs, N = 100 500 1000 2000 5000
#   BUILD=_build-layout sh tests/bench/bench-layout.sh 3 100 500
#
# For each N: gen_register.py writes register.csv and register.dot under
# tests/bench/out/layout/n<N>/; bench-layout-helper loads the CSV into a
# register (register.gapwise) and times the layout call alone, in-process;
# the whole `gapwise-cli layout REGISTER --format plain` is timed paired
# with `dot -Tplain` (timeit.py --vs: A B A B ..., ratio pair by pair), so
# the ratio holds on a busy machine.  dot runs once at N = 2000 (about a
# minute) and not at all from N = 5000 (it did not finish in 20 minutes):
# there gapwise is paired with the yardstick instead.  Both layouts are
# counted with crossings.py in its two modes.  First, the startup of both
# processes is timed the same way on an empty graph (`dot -Tplain` on an
# empty digraph, `gapwise-cli layout` on an empty register), so that the
# table can also compare the layout work net of startup.  The summary
# table ends the output; raw JSON lines are in out/layout/results.jsonl.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-$top/_build}
case $BUILD in /*) ;; *) BUILD=$top/$BUILD ;; esac
SHARED=${BENCH_SHARED:-/work/shared/bench}
PY=${PYTHON:-python3}
RUNS=${1:-5}
[ $# -gt 0 ] && shift
NS=${*:-100 500 1000 2000 5000}

CLI=$BUILD/src/cli/gapwise-cli
HELPER=$BUILD/tests/bench/bench-layout-helper
OUT=$here/out/layout
RESULTS=$OUT/results.jsonl

for tool in "$CLI" "$HELPER"; do
  if [ ! -x "$tool" ]; then
    echo "bench-layout.sh: $tool is missing: build it first (meson compile -C $BUILD gapwise-cli bench-layout-helper)." >&2
    exit 1
  fi
done
command -v dot > /dev/null || { echo "bench-layout.sh: dot (Debian package graphviz) is needed." >&2; exit 1; }

mkdir -p "$OUT"
: > "$RESULTS"

machine() {
  printf '%s, %s cores, %s; load average %s\n' \
    "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)" "$(nproc)" \
    "$(. /etc/os-release && echo "$PRETTY_NAME")" "$(cut -d ' ' -f 1-3 /proc/loadavg)"
}

record() {   # record KIND N < JSON line
  "$PY" -c 'import json, sys; d = json.loads(sys.stdin.readline()); d["kind"] = sys.argv[1]; d["n"] = int(sys.argv[2]); print(json.dumps(d))' "$1" "$2" >> "$RESULTS"
}

echo "Machine: $(machine)"
echo "gapwise-cli: $CLI; dot: $(dot -V 2>&1)"

# Startup: both processes on an empty graph, paired (cheap: at least 11 runs).
d=$OUT/empty
mkdir -p "$d"
echo "== startup (empty graph)"
printf 'id,title,depends_on\n' > "$d/register.csv"
printf 'digraph {}\n' > "$d/register.dot"
rm -f "$d/register.gapwise" "$d/register.gapwise-wal" "$d/register.gapwise-shm"
"$HELPER" load "$d/register.csv" "$d/register.gapwise"
cd "$d"
"$PY" "$SHARED/timeit.py" -r "$(( RUNS > 11 ? RUNS : 11 ))" --label "startup: gapwise vs dot" \
  --vs "dot -Tplain register.dot -o dot.plain" \
  -- sh -c "exec '$CLI' layout register.gapwise --format plain > gapwise.plain" | record startup 0
cd "$here"

for n in $NS; do
  d=$OUT/n$n
  mkdir -p "$d"
  echo "== N = $n"
  "$PY" "$SHARED/gen_register.py" -n "$n" --formats csv,dot --out "$d" > /dev/null
  rm -f "$d/register.gapwise" "$d/register.gapwise-wal" "$d/register.gapwise-shm"
  "$HELPER" load "$d/register.csv" "$d/register.gapwise"

  # Gapwise's layout, counted in both modes.
  "$CLI" layout "$d/register.gapwise" --format plain > "$d/gapwise.plain"
  for mode in straight polyline; do
    "$PY" "$SHARED/crossings.py" --mode $mode "$d/gapwise.plain" | record "gapwise-$mode" "$n"
  done

  # The layout call alone, in-process (the first run warms up).
  "$HELPER" time "$d/register.csv" "$RUNS" | record layout-call "$n"

  # Whole processes, paired.
  cd "$d"
  if [ "$n" -le 1000 ]; then
    "$PY" "$SHARED/timeit.py" -r "$RUNS" --label "gapwise vs dot n=$n" \
      --vs "dot -Tplain register.dot -o dot.plain" \
      -- sh -c "exec '$CLI' layout register.gapwise --format plain > gapwise.plain" | record vs-dot "$n"
  elif [ "$n" -le 2000 ]; then
    # dot takes about a minute here: once, no warm-up.
    "$PY" "$SHARED/timeit.py" -r 1 -w 0 --label "gapwise vs dot n=$n" \
      --vs "dot -Tplain register.dot -o dot.plain" \
      -- sh -c "exec '$CLI' layout register.gapwise --format plain > gapwise.plain" | record vs-dot "$n"
  else
    echo "dot: skipped at N = $n (did not finish in 1200 s, see $SHARED/RESULTS.md)"
    "$PY" "$SHARED/timeit.py" -r "$RUNS" --label "gapwise vs yardstick n=$n" \
      --vs "sh $SHARED/yardstick.sh" \
      -- sh -c "exec '$CLI' layout register.gapwise --format plain > gapwise.plain" | record vs-yard "$n"
  fi
  cd "$here"
  if [ -s "$d/dot.plain" ]; then
    for mode in straight polyline; do
      "$PY" "$SHARED/crossings.py" --mode $mode "$d/dot.plain" | record "dot-$mode" "$n"
    done
  fi
done

echo
echo "Machine: $(machine)"
"$PY" - "$RESULTS" <<'PY'
import collections, json, sys

rows = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    d = json.loads(line)
    rows[d["n"]][d["kind"]] = d

def med(d, key="wall"):
    return d[key]["median"] if d else None

def fmt(v, digits=3):
    return "—" if v is None else f"{v:.{digits}f}"

# Startup (n = 0): medians of the empty-graph pair.
start = rows.pop(0, {}).get("startup")
cli0 = start["wall"]["median"] if start else None
dot0 = start["b"]["wall"]["median"] if start else None
if start:
    print(f"Startup (empty graph, median of {start['runs']} pairs): gapwise-cli layout {cli0:.4f} s, dot -Tplain {dot0:.4f} s")

def net(a, a0, b, b0):
    """(a - a0) / (b - b0): the work net of startup; None when unknown or not positive."""
    if None in (a, a0, b, b0) or b - b0 <= 0:
        return None
    return (a - a0) / (b - b0)

print("| N | edges | gapwise-cli layout s | dot -Tplain s | gapwise/dot (pairs) | net of startup: (gapwise − start)/(dot − start) | layout call s (min–max) | call/dot | call/(dot − start) | crossings straight: gapwise / dot | polyline: gapwise / dot |")
print("| ---: | ---: | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for n in sorted(rows):
    r = rows[n]
    call = r.get("layout-call")
    vs = r.get("vs-dot")
    yard = r.get("vs-yard")
    cli = med(vs) if vs else med(yard)
    dot = vs["b"]["wall"]["median"] if vs else None
    ratio = vs["a_over_b_wall"] if vs else None
    ratio_s = f"{ratio['median']:.4f} [{ratio['min']:.4f}–{ratio['max']:.4f}]" if ratio else (
        f"— (vs yardstick {yard['a_over_b_wall']['median']:.3f})" if yard else "—")
    call_s = f"{call['median_s']:.4f} ({call['min_s']:.4f}–{call['max_s']:.4f})" if call else "—"
    call_ratio = fmt(call["median_s"] / dot, 4) if call and dot else "—"
    net_ratio = fmt(net(cli if vs else None, cli0, dot, dot0), 4)
    call_net = fmt(net(call["median_s"] if call else None, 0.0, dot, dot0), 4)
    cs = lambda k: r[k]["crossings"] if k in r else "—"
    print(f"| {n} | {call['edges'] if call else '—'} | {fmt(cli)} | {fmt(dot)} | {ratio_s} | {net_ratio} | {call_s} | {call_ratio} | {call_net} "
          f"| {cs('gapwise-straight')} / {cs('dot-straight')} | {cs('gapwise-polyline')} / {cs('dot-polyline')} |")
PY
