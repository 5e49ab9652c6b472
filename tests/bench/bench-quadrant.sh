#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Quadrant drawing (run by hand, never a timed test).
#
#   sh tests/bench/bench-quadrant.sh [RUNS]      default: 21
#
# bench-quadrant lays out and draws N items at 1920 x 1080 on an image
# surface (as the Quadrant view draws its cached image) and lays out a
# 500-item chart whose labels are all tried. Targets: 10 000 items drawn in
# under 16 ms, 500 labels placed in under 50 ms. Wall times are medians on a
# shared machine; callgrind's instruction counts of one layout + draw are
# printed too, as a figure that does not depend on the machine's load.
set -eu
RUNS=${1:-21}
top=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${BUILD:-$top/_build}" && pwd)
BIN=$BUILD/tests/bench/bench-quadrant
[ -x "$BIN" ] || { echo "$BIN not found: build it first (BUILD=...)" >&2; exit 1; }

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in 1000 10000; do
  "$BIN" "$n" "$RUNS"
done
if command -v valgrind > /dev/null; then
  valgrind --tool=callgrind --callgrind-out-file=/tmp/bench-quadrant.callgrind "$BIN" 10000 1 > /dev/null 2>&1
  callgrind_annotate --inclusive=yes /tmp/bench-quadrant.callgrind 2> /dev/null |
    grep -E 'gw_quadrant_chart_(draw|layout) ' | sed 's/^/# callgrind (2 runs, warm-up included): /'
fi
