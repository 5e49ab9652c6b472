#!/usr/bin/env python3
"""Prints "N passed, N failed" from meson's testlog.json files; exit 1 on
failures. A file given as PATH:LABEL has its test names prefixed with LABEL."""
import collections
import json
import os
import sys

counts = collections.Counter()
failed = []
for arg in sys.argv[1:]:
    path, label = arg, None
    if ":" in arg and not os.path.exists(arg):
        path, label = arg.rsplit(":", 1)
    if not os.path.exists(path):
        print(f"FAILED: no test log at {path}")
        failed.append(path)
        continue
    with open(path, encoding="utf-8") as log:
        for line in log:
            if line.strip():
                test = json.loads(line)
                name = f"{label}: {test['name']}" if label else test["name"]
                counts[test["result"]] += 1
                if test["result"] in ("FAIL", "ERROR", "TIMEOUT", "UNEXPECTEDPASS", "INTERRUPT"):
                    failed.append(name)

passed = counts["OK"] + counts["EXPECTEDFAIL"]
bad = len(failed)
for name in failed:
    print(f"FAILED: {name}")
skipped = f", {counts['SKIP']} skipped" if counts["SKIP"] else ""
print(f"{passed} passed, {bad} failed{skipped}")
sys.exit(1 if bad or passed == 0 else 0)
