#!/bin/sh
# Makes a realistic register with gapwise-cli for looking at the window
# (screenshots): 28 items over four categories, roles, dependencies.
# Usage: make-demo-register.sh GAPWISE-CLI REGISTER
set -eu
cli=$1
reg=$2
rm -f "$reg" "$reg-wal" "$reg-shm"
"$cli" new "$reg" --name "Release 2.0 readiness" --start 2027-01-04 >/dev/null

"$cli" role "$reg" backend --headcount 3 >/dev/null
"$cli" role "$reg" frontend --headcount 2 >/dev/null
"$cli" role "$reg" security-engineer --headcount 1 >/dev/null
"$cli" role "$reg" devops --headcount 1 --hours-per-week 32 >/dev/null
"$cli" role "$reg" qa --headcount 2 >/dev/null

add () {
  "$cli" add "$reg" --key "$1" --title "$2" --priority "$3" --effort "$4" --owner "$5" \
    --milestone "$6" --category "$7" --status "$8" --risk "$9" --impact "${10}" >/dev/null
}

add P0-001 "Row-level security is missing on tenant tables" P0 "L (16-32 hours)" security-engineer M1 Security in-progress high HIGH
add P0-002 "Database backups are not encrypted" P0 "8h" devops M1 Security todo high 90
add P0-003 "No rate limiting on the login endpoint" P0 "M" backend M1 Security blocked medium HIGH
add P0-004 "Secrets are committed in the deployment repository" P0 "4h" devops M1 Security done high 95
add P0-005 "Audit log misses permission changes" P0 "2 days" backend M1 Compliance todo medium 70
add P0-006 "Payment webhooks are not idempotent" P0 "XL (25+ hours)" backend M1 Reliability todo high HIGH
add P0-007 "Session tokens never expire" P0 "6h" backend M1 Security in-progress high 85
add P0-008 "Data export ignores GDPR deletion requests" P0 "L" backend M1 Compliance todo high 80
add P0-009 "Health checks do not cover the job queue" P0 "4h" devops M1 Reliability todo low 40
add P0-010 "Restore from backup was never tested" P0 "1 day" devops M1 Reliability todo high HIGH
add P1-001 "Error pages leak stack traces" P1 "3h" frontend M2 Security todo medium 60
add P1-002 "Search is slow above 50 000 records" P1 "L (20 hours)" backend M2 Performance in-progress medium 65
add P1-003 "Bulk import has no progress or cancel" P1 "M" frontend M2 Usability todo low MEDIUM
add P1-004 "No load test of the checkout flow" P1 "2 days" qa M2 Performance todo medium 55
add P1-005 "Alerts page everyone at night for warnings" P1 "5h" devops M2 Operations todo low 35
add P1-006 "Accessibility audit of the dashboard" P1 "L" frontend M2 Usability todo low MEDIUM
add P1-007 "Feature flags are not cleaned up" P1 "S" backend M2 Maintainability deferred low LOW
add P1-008 "End-to-end tests are flaky on CI" P1 "XL" qa M2 Quality in-progress medium 60
add P1-009 "Password reset links can be reused" P1 "4h" backend M2 Security todo high 75
add P1-010 "Mobile layout breaks on the invoice page" P1 "6h" frontend M2 Usability done low 45
add P2-001 "Translate the onboarding emails" P2 "M" frontend M3 Usability todo low LOW
add P2-002 "Dark mode for the admin console" P2 "L" frontend M3 Usability todo low 20
add P2-003 "Archive old tenants automatically" P2 "1 day" backend M3 Operations todo low 30
add P2-004 "Dependency updates are manual" P2 "S" devops M3 Maintainability todo medium 35
add P2-005 "Usage metrics per tenant" P2 "L (16-32 hours)" backend M3 Analytics todo low MEDIUM
add P2-006 "Document the on-call runbook" P2 "6h" devops M3 Operations todo low 40
add P3-001 "Custom themes for white-label customers" P3 "XXL" frontend M3 Usability deferred low 15
add P3-002 "Replace the legacy PDF renderer" P3 "XL" backend M3 Maintainability todo medium 25

"$cli" set "$reg" P0-001 "description=Tenant isolation is enforced only in the application layer. A single missing WHERE clause exposes other tenants' records." \
  "acceptance_criteria=- [x] Policies exist on every tenant table
- [ ] Cross-tenant query test passes
- [ ] Security review signed off" \
  "breakdown=- Write RLS policies: 10 hours
- Migrate the connection pool to set the tenant: 6 hours
- Cross-tenant test suite: 8 hours" \
  "evidence=- No CREATE POLICY in the migrations
- Pen test finding #12" \
  "impact_if_not_fixed=- Cannot pass the SOC 2 audit
- A data leak across customers" \
  "mitigation=- Nightly audit query for cross-tenant reads" \
  impl_risk_pct=30 data_loss_risk_pct=5 roi_pct=250 "revenue_impact=\$400K/year" assignee=Dana action=IMMEDIATE phase="Phase 0" >/dev/null

for link in "P0-003 P0-007" "P0-005 P0-001" "P0-008 P0-001" "P0-010 P0-002" "P1-002 P0-001" "P1-004 P1-002" \
            "P1-008 P1-004" "P1-009 P0-007" "P2-003 P0-008" "P2-005 P1-002" "P0-006 P0-003" "P1-006 P1-010"; do
  set -- $link
  "$cli" link "$reg" "$1" --depends-on "$2" >/dev/null
done
