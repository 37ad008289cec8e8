#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The stress table of docs/stacks.md, written from and checked against ktest=stress runs.

  stress_table.py update            rewrite the table from build/<variant>/tests/stack_stress.serial.log
                                    (tools/test leaves them there)
  stress_table.py check VARIANT LOG compare one run's STRESS lines with the doc's column; prints TAP

The deepest use of a stack depends on where interrupts land, which varies a little from run to
run (no icount here): a value is current when the run is within TOLERANCE of it.
"""
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(TOP, 'docs', 'stacks.md')
COLUMNS = [('x86_64', 'x86_64'), ('x86_64-kernelonly', 'x86_64, kernel-only'), ('arm64', 'arm64'),
           ('riscv64', 'riscv64'), ('riscv64-irqstack', 'riscv64, irq stack')]
KINDS = ['boot', 'task', 'irq', 'entry', 'ist-db', 'ist-df', 'ist-nmi', 'ist-mc', 'overflow']
BEGIN = '<!-- stress table: tools/stress_table.py update writes it, stress_doc_current checks it -->'
END = '<!-- end of the stress table -->'
TOLERANCE = 0.15


def parse(path):
    """{kind: (worst, size)} from a run's STRESS lines."""
    out = {}
    for line in open(path, errors='replace'):
        m = re.match(r'^\s*STRESS (\S+)\s+(\d+)\s+(\d+)\s+\d+%', line)
        if m:
            out[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    return out


def cell(v):
    if not v:
        return '-'
    worst, size = v
    return '%d / %d (%d%%)' % (worst, size, worst * 100 // size)


def render(runs):
    lines = [BEGIN, '',
             '| kind | ' + ' | '.join(title for _, title in COLUMNS) + ' |',
             '| --- |' + ' --- |' * len(COLUMNS)]
    for kind in KINDS:
        cells = [cell(runs.get(name, {}).get(kind)) for name, _ in COLUMNS]
        if all(c == '-' for c in cells):
            continue
        lines.append('| %s | %s |' % (kind, ' | '.join(cells)))
    lines += ['', END]
    return '\n'.join(lines)


def doc_table():
    doc = open(DOC).read()
    a, b = doc.index(BEGIN), doc.index(END) + len(END)
    return doc, a, b


def update():
    runs = {}
    for name, _ in COLUMNS:
        log = os.path.join(TOP, 'build', name, 'tests', 'stack_stress.serial.log')
        if os.path.exists(log):
            runs[name] = parse(log)
    doc, a, b = doc_table()
    open(DOC, 'w').write(doc[:a] + render(runs) + doc[b:])


def check(variant, log):
    run = parse(log)
    doc, a, b = doc_table()
    names = [n for n, _ in COLUMNS]
    results = [(bool(run), 'the run printed its STRESS lines')]
    col = names.index(variant) if variant in names else -1
    results.append((col >= 0, '%s has a column in docs/stacks.md' % variant))
    if col >= 0:
        for row in doc[a:b].splitlines():
            cols = [c.strip() for c in row.strip().strip('|').split('|')]
            if len(cols) != len(COLUMNS) + 1 or cols[0] not in KINDS:
                continue
            m = re.match(r'^(\d+) / (\d+)', cols[1 + col])
            got = run.get(cols[0])
            if not m:
                results.append((got is None or got[0] == 0,
                                '%s: no figure in the doc, the run %s' % (cols[0], got)))
                continue
            want = int(m.group(1))
            ok = got is not None and abs(got[0] - want) <= max(64, TOLERANCE * want)
            results.append((ok, '%s stack on %s: docs/stacks.md says %d bytes, the run used %s '
                            '(within %d%%)' % (cols[0], variant, want, got and got[0],
                                               TOLERANCE * 100)))
    print('TAP version 13')
    print('1..%d' % len(results))
    for i, (ok, what) in enumerate(results, 1):
        print('%s %d %s' % ('ok' if ok else 'not ok', i, what))
    if not all(ok for ok, _ in results):
        print('# run tools/test, then tools/stress_table.py update, and commit docs/stacks.md')
        return 1
    return 0


if __name__ == '__main__':
    if len(sys.argv) == 2 and sys.argv[1] == 'update':
        update()
        sys.exit(0)
    if len(sys.argv) == 4 and sys.argv[1] == 'check':
        sys.exit(check(sys.argv[2], sys.argv[3]))
    print(__doc__)
    sys.exit(2)
