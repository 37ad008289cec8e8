#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks that the three arch/*/entry.S files read side by side.

  check_entry_order.py ROOT

For each arch/<arch>/entry.S:
  - its header comment lists its steps ("Steps, tagged as on the other arches: [TAG] ..."), and
    the tags the rest of the file uses are exactly those;
  - its section banners ("/* ==== Title === */") are SECTIONS, in that order;
  - each step of STEP_SECTION that the arch has is tagged inside its section.
Prints TAP.
"""
import os
import re
import sys

ARCHES = ["x86_64", "arm64", "riscv64"]
SECTIONS = ["Kernel entry", "The IRQ-stack switch", "Exceptions", "The return to user mode",
            "The from-user path", "User copies", "Helpers"]
# Where the main part of a step must be, on every arch that has it.
STEP_SECTION = {
    "SAVE_REGS": "Kernel entry",
    "ENTER_IRQ_STACK": "The IRQ-stack switch",
    "LEAVE_IRQ_STACK": "The IRQ-stack switch",
    "CALL_HANDLER": "Exceptions",
    "RETURN_TO_USER": "The return to user mode",
    "ENTER_FROM_USER": "The from-user path",
}
BANNER = re.compile(r"^/\* =+ (.+?) === \*/$", re.M)
TAG = re.compile(r"\[([A-Z][A-Z_]+)\]")


def check(root, arch, results):
    src = open(os.path.join(root, "arch", arch, "entry.S")).read()
    start = src.index("/*\n")  # the file's first real comment, after the SPDX line
    end = src.index("*/", start) + 2
    head, body = src[:end], src[end:]
    m = re.search(r"Steps, tagged as on the other arches:(.*?)\.\s", head, re.S)
    results.append((m is not None, f"{arch}: the header lists its steps"))
    listed = set(TAG.findall(m.group(1))) if m else set()
    used = set(TAG.findall(body)) - {"TRACE"}
    results.append((listed == used, f"{arch}: the header's steps are the tags the file uses "
                    f"(only listed: {sorted(listed - used)}, only used: {sorted(used - listed)})"))
    banners = [(b.group(1), b.start()) for b in BANNER.finditer(src)]
    titles = [t for t, _ in banners]
    results.append((titles == SECTIONS, f"{arch}: the sections are {', '.join(SECTIONS)} "
                    f"(found: {', '.join(titles)})"))
    if titles != SECTIONS:
        return
    bounds = {t: (pos, banners[i + 1][1] if i + 1 < len(banners) else len(src))
              for i, (t, pos) in enumerate(banners)}
    for step, section in STEP_SECTION.items():
        if step not in used:
            continue
        lo, hi = bounds[section]
        ok = f"[{step}]" in src[lo:hi]
        results.append((ok, f"{arch}: [{step}] is in the section '{section}'"))


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    results = []
    for arch in ARCHES:
        check(root, arch, results)
    print("TAP version 13")
    print(f"1..{len(results)}")
    for i, (ok, what) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {what}")
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
