#!/usr/bin/env python3
"""Prints "N passed, N failed" from meson's testlog.json; exit 1 on failures."""
import collections
import json
import sys

counts = collections.Counter()
failed = []
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        if line.strip():
            test = json.loads(line)
            counts[test["result"]] += 1
            if test["result"] in ("FAIL", "ERROR", "TIMEOUT", "UNEXPECTEDPASS", "INTERRUPT"):
                failed.append(test["name"])

passed = counts["OK"] + counts["EXPECTEDFAIL"]
bad = len(failed)
for name in failed:
    print(f"FAILED: {name}")
skipped = f", {counts['SKIP']} skipped" if counts["SKIP"] else ""
print(f"{passed} passed, {bad} failed{skipped}")
sys.exit(1 if bad or passed == 0 else 0)
