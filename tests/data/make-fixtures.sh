#!/bin/sh
# Writes tests/data/register-vN.gapwise with the gapwise-cli of the current
# build, N being its schema version. Run once when a schema version is
# introduced and commit the file; older fixtures are never rewritten, so
# that test-store's /store/migrations opens registers as old versions wrote
# them. Usage: make-fixtures.sh BUILD_DIR VERSION
set -eu
cli="$1/src/cli/gapwise-cli"
out="$(dirname "$0")/register-v$2.gapwise"
rm -f "$out"
"$cli" new "$out" --name "Fixture v$2" --start 2027-01-04
"$cli" role "$out" backend-dev --headcount 2 --hours-per-week 40
"$cli" add "$out" --key P0-001 --title "Secure cookies" --priority P0 --effort 4h --owner backend-dev
"$cli" add "$out" --key P0-002 --title "TLS, everywhere" --priority P0 --effort "L (16-32 hours)" --impact HIGH --depends-on P0-001
"$cli" set "$out" P0-002 "acceptance_criteria=- [x] TLS 1.3 only
- [ ] Certificates rotate" "description=Cluster traffic in clear text"
"$cli" add "$out" --key P1-001 --title "Rate limits" --priority P1 --effort M --status in-progress
