#!/bin/sh
# Builds the libFuzzer harnesses of tests/fuzz with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer, every library instrumented for coverage.
#
#   sh tests/fuzz/build-fuzzers.sh [BUILD_DIR] [HARNESS...]    (default _build-fuzz, all)
#
# Then run one, listing a writable corpus folder before the checked-in one:
#   mkdir -p /tmp/corpus-csv
#   ASAN_OPTIONS=quarantine_size_mb=16 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
#     BUILD_DIR/tests/fuzz/fuzz-csv -max_total_time=600 /tmp/corpus-csv tests/fuzz/corpus-csv
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-_build-fuzz}
[ $# -gt 0 ] && shift
cd "$top"
if [ ! -f "$dir/build.ninja" ]; then
  CC=clang meson setup "$dir" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link -Dbuildtype=debugoptimized
fi
targets=
for name in ${*:-$(sed -n "s/^  '\([a-z0-9-]*\)': .*/\1/p" tests/fuzz/meson.build)}; do
  targets="$targets tests/fuzz/fuzz-$name"
done
ninja -C "$dir" $targets
