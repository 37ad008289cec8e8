#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks docs/stacks.md's table of entry steps against arch/*/entry.S.

Each row of the "steps" table is `| `[TAG]` | x86_64 cell | arm64 cell | riscv64 cell |`. For every
cell that is not "-": the tag must be in that arch's entry.S, and every `name` in backticks in the
cell must be a label (`name:`) or an assembler macro (`.macro name`) of that file. A step moved or
renamed in the code without the doc following fails here. Prints TAP.
"""
import os
import re
import sys

ARCHES = ["x86_64", "arm64", "riscv64"]


def names_in(src):
    labels = set(re.findall(r"^([A-Za-z_][A-Za-z0-9_]*):", src, re.M))
    macros = set(re.findall(r"^\s*\.macro\s+([A-Za-z_][A-Za-z0-9_]*)", src, re.M))
    return labels | macros


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    doc = open(os.path.join(root, "docs", "stacks.md")).read()
    srcs = {a: open(os.path.join(root, "arch", a, "entry.S")).read() for a in ARCHES}
    defined = {a: names_in(s) for a, s in srcs.items()}
    rows = re.findall(r"^\| `\[([A-Z_]+)\]` \|(.*)\|\s*$", doc, re.M)
    results = []
    if len(rows) < 10:
        results.append((False, f"steps table has {len(rows)} rows (expected at least 10)"))
    for tag, rest in rows:
        cells = [c.strip() for c in rest.split("|")]
        if len(cells) != 3:
            results.append((False, f"[{tag}]: {len(cells)} arch cells, want 3"))
            continue
        for arch, cell in zip(ARCHES, cells):
            if cell.startswith("-"):
                continue
            if f"[{tag}]" not in srcs[arch]:
                results.append((False, f"[{tag}] is not in arch/{arch}/entry.S"))
                continue
            for name in re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)`", cell):
                ok = name in defined[arch]
                results.append((ok, f"[{tag}] {arch}: {name} is a label or macro in entry.S"))
    print("TAP version 13")
    print(f"1..{len(results)}")
    for i, (ok, what) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {what}")
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
