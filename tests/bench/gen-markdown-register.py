#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Deterministic generator of a Markdown gap register in the form of
tests/seeds/001 ("#### P0-00001: Title" sections with bullet fields), for
the import benchmark.

    python3 gen-markdown-register.py -n 10000 [--seed 42] > register.md

Items are grouped by priority ("## Part N: ... (P0)") and category
("### SECURITY P0 Issues"); each has Module, Issue, Risk, Evidence,
Remediation (numbered), Effort, Assignee, Dependencies (0-3 earlier items,
mean 1.5, mostly close by) and Milestone. Standard library only.
"""
import argparse
import random
import sys

CATEGORIES = ["Security", "Performance", "Scalability", "Reliability", "Compliance",
              "Observability", "Documentation", "Testing", "Operations"]
ROLES = {"Security": "security-engineer", "Performance": "performance-engineer",
         "Scalability": "backend-dev", "Reliability": "operations-engineer",
         "Compliance": "compliance-auditor", "Observability": "operations-engineer",
         "Documentation": "documentation-specialist", "Testing": "testing-specialist",
         "Operations": "operations-engineer"}
PARTS = ["Critical Blockers", "High Priority Issues", "Medium Priority Issues", "Low Priority Issues"]
VERBS = ["Harden", "Audit", "Rotate", "Profile", "Cache", "Shard", "Instrument", "Document",
         "Test", "Automate", "Migrate", "Encrypt"]
OBJECTS = ["auth service", "session store", "billing API", "report exporter", "search index",
           "job scheduler", "ingest pipeline", "audit log", "config loader", "rate limiter"]
MILESTONES = ["M1 (Foundation Security)", "M2 (Scale Out)", "M3 (Compliance)", "M4 (Operations)"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    # Priorities first, so that keys come in document order per priority.
    items = []
    for i in range(args.n):
        items.append((rng.choices(range(4), weights=[10, 30, 40, 20])[0], rng.choice(CATEGORIES)))
    items.sort(key=lambda it: (it[0], CATEGORIES.index(it[1])))

    out = sys.stdout
    out.write("# Generated Deployment Blockers\n\n**Analysis Date**: 2027-01-04\n\n---\n\n")
    keys = []
    counters = [0, 0, 0, 0]
    part = category = None
    for position, (prio, cat) in enumerate(items):
        if prio != part:
            part, category = prio, None
            out.write("## Part %d: %s (P%d)\n\n" % (prio + 1, PARTS[prio], prio))
        if cat != category:
            category = cat
            out.write("### %s P%d Issues\n\n" % (cat.upper(), prio))
        counters[prio] += 1
        key = "P%d-%05d" % (prio, counters[prio])
        n_deps = rng.choices(range(4), weights=[15, 37, 31, 17])[0]
        deps = set()
        for _ in range(min(n_deps, len(keys))):
            back = 1 + int(rng.expovariate(1 / 12)) if rng.random() < 0.9 else rng.randrange(1, len(keys) + 1)
            deps.add(keys[max(0, len(keys) - back)])
        hours = max(2, min(80, round(rng.lognormvariate(2.3, 0.6))))
        title = "%s the %s%s" % (rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(["", " for EU region", ", then verify"]))
        out.write("#### %s: %s\n" % (key, title))
        out.write("- **Module**: `%s_%d`\n" % (cat.lower(), position % 17))
        out.write("- **Issue**: %s is not production ready (item %d)\n" % (title, position + 1))
        out.write("- **Risk**: %s\n" % rng.choice(["Data loss", "Outage", "Audit failure", "Slow pages"]))
        out.write("- **Evidence**: No tests cover `%s`\n" % rng.choice(OBJECTS))
        out.write("- **Remediation**:\n  1. Write the fix\n  2. Add tests\n  3. Roll out behind a flag\n")
        out.write("- **Effort**: %d hours\n" % hours)
        out.write("- **Assignee**: %s\n" % ROLES[cat])
        out.write("- **Dependencies**: %s\n" % (", ".join(sorted(deps)) if deps else "None"))
        out.write("- **Milestone**: %s\n\n" % MILESTONES[min(3, position * 4 // max(1, args.n))])
        keys.append(key)


if __name__ == "__main__":
    main()
