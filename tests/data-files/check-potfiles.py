#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when po/POTFILES misses a file with translatable strings, or names a
file that does not exist. Usage: check-potfiles.py SOURCE_ROOT"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])

# _( N_( C_( NC_( Q_( and the g_d*gettext calls, with or without a space.
C_MARKER = re.compile(r"(?<![A-Za-z0-9_])(?:N|C|NC|Q)?_\s*\(|\bg_d[a-z0-9]*gettext2?\s*\(")
XML_MARKER = re.compile(r"""translatable\s*=\s*["']yes["']""")
SCHEMA_MARKER = re.compile(r"<(summary|description)\b")
MIME_MARKER = re.compile(r"<comment\b")


def needs_translation(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    name = path.name
    if name.endswith((".c", ".h")):
        return bool(C_MARKER.search(text))
    if name.endswith((".desktop.in", ".metainfo.xml.in", ".appdata.xml.in")):
        return True
    if name.endswith(".gschema.xml"):
        return bool(SCHEMA_MARKER.search(text))
    if name.endswith(".mime.xml") or name.endswith(".mime.xml.in"):
        return bool(MIME_MARKER.search(text))
    if name.endswith((".ui", ".xml", ".in")):
        return bool(XML_MARKER.search(text))
    return False


candidates = []
for top in ("src", "ui"):
    candidates += [p for p in (root / top).rglob("*") if p.is_file()]
candidates += [p for p in (root / "data").glob("*") if p.is_file()]

listed = []
problems = []
potfiles = root / "po" / "POTFILES"
for number, line in enumerate(potfiles.read_text(encoding="utf-8").splitlines(), 1):
    entry = line.strip()
    if not entry or entry.startswith("#"):
        continue
    if entry in listed:
        problems.append(f"{potfiles}:{number}: {entry} is listed twice")
    listed.append(entry)
    if not (root / entry).is_file():
        problems.append(f"{potfiles}:{number}: {entry} does not exist")

for path in sorted(candidates):
    relative = path.relative_to(root).as_posix()
    if relative not in listed and needs_translation(path):
        problems.append(f"{potfiles}: {relative} has translatable strings but is not listed")

for problem in problems:
    print(problem)
print(f"{len(listed)} files listed, {len(problems)} problems")
sys.exit(1 if problems else 0)
