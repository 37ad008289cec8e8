#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks docs/stacks.md's tables against the code: the entry steps against arch/*/entry.S, and
the stack sequences against each arch's STACKS_* (arch/*/include/asm/sstrace.h), which
ktest=stacks checks against the live tracer.

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


# The columns of the sequences table: arch and the CONFIG_ values of its build options.
SEQ_COLUMNS = [("x86_64", {"CONFIG_X86_IRQ_STACK_KERNEL_ONLY": 0}),
               ("x86_64", {"CONFIG_X86_IRQ_STACK_KERNEL_ONLY": 1}),
               ("arm64", {}),
               ("riscv64", {"CONFIG_RISCV_IRQ_STACK": 0}),
               ("riscv64", {"CONFIG_RISCV_IRQ_STACK": 1})]


def stacks_macros(src, config):
    """The STACKS_* strings of a header, its #if CONFIG_X / #else / #endif taken as config says."""
    out, live = {}, [True]
    for line in src.splitlines():
        m = re.match(r"\s*#\s*if\s+(CONFIG_[A-Z0-9_]+)\s*$", line)
        if m:
            live.append(live[-1] and bool(config.get(m.group(1), 0)))
            continue
        if re.match(r"\s*#\s*if", line):
            live.append(live[-1])
            continue
        if re.match(r"\s*#\s*else", line):
            live[-1] = live[-2] and not live[-1]
            continue
        if re.match(r"\s*#\s*endif", line):
            live.pop()
            continue
        m = re.match(r'\s*#define\s+STACKS_([A-Z_]+)\s+"([^"]*)"', line)
        if m and live[-1]:
            out[m.group(1)] = m.group(2)
    return out


def check_sequences(root, doc, results):
    hdrs = {a: open(os.path.join(root, "arch", a, "include", "asm", "sstrace.h")).read()
            for a in ARCHES}
    rows = re.findall(r"^\| ((?:syscall|IRQ|exception|breakpoint) from (?:user|kernel)) \|(.*)\|\s*$",
                      doc, re.M)
    if len(rows) != 6:
        results.append((False, f"sequences table has {len(rows)} rows (expected 6)"))
    for path, rest in rows:
        cells = [c.strip() for c in rest.split("|")]
        key = path.upper().replace(" ", "_")
        for (arch, config), cell in zip(SEQ_COLUMNS, cells):
            want = stacks_macros(hdrs[arch], config).get(key)
            opts = ", ".join(f"{k}={v}" for k, v in config.items()) or "defaults"
            results.append((want == cell, f"{path} on {arch} ({opts}): the doc says '{cell}', "
                            f"asm/sstrace.h STACKS_{key} '{want}'"))


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
    check_sequences(root, doc, results)
    print("TAP version 13")
    print(f"1..{len(results)}")
    for i, (ok, what) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {what}")
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
