#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The instruction counts of docs/numbers.md, written from and checked against tools/bench's runs.

  numbers.py update TAPDIR          rewrite the counted rows of docs/numbers.md from the runs in
                                    TAPDIR (<arch>.tap, <arch>-notrace.tap: ktest=bench under
                                    -icount shift=0,sleep=off, as tools/bench makes them;
                                    <arch>-smp2.tap: ktest=bench_smp at -smp 2)
  numbers.py check ARCH TAP [TAP...] [--notrace]
                                    compare the runs (ktest=bench, and ktest=bench_smp at -smp 2)
                                    with the doc's column for ARCH (the numbers in parentheses
                                    with --notrace); prints TAP

Under -icount the counts are the same in every run of the same build, so a difference means the
code changed and the doc did not. Wall times (rows in seconds) are measured, not counted, and are
left alone.
"""
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(TOP, 'docs', 'numbers.md')
ARCHES = ['x86_64', 'arm64', 'riscv64']

# The doc's rows that come from ktest=bench: the start of the row's label, the bench value's
# name, whether the tracer-off value follows in parentheses, and whether it is written with
# thousands separators.
# The boot count depends on the kernel's command line, whose length varies with where the image
# is (x86_64's multiboot loader puts the image's path in front of it): a few hundred instructions
# in 28 million. It is checked to BOOT_TOLERANCE; every other count exactly.
BOOT_TOLERANCE = 0.001
ROWS = [
    ('boot to the first KTAP line (from machine reset', 'boot_to_first_ktap', False, True),
    ('page allocation + free', 'page_alloc_free', False, False),
    ('zeroing a page', 'page_zero', False, True),
    ('uncontended spinlock pair', 'spinlock_pair', False, False),
    ('IRQ round trip, empty handler', 'irq_round_trip', True, False),
    ('null system call', 'null_syscall', True, False),
    ('context switch (two threads', 'context_switch', True, False),
    ('process switch, FP registers untouched', 'process_yield', False, True),
    ('process switch, FP registers written', 'process_yield_fp', False, True),
    ('memory per kernel thread', 'task_footprint', False, True),
    ('IPI round trip at -smp 2', 'ipi_round_trip', False, True),
    ('cross-CPU wake-up at -smp 2', 'cross_cpu_wakeup', False, True),
]

TRACER_ROW = 'stack-switch tracer, per recorded switch'
TRACED_PATHS = ('irq_round_trip', 'context_switch', 'null_syscall')


def parse(path):
    """The "# bench NAME VALUE UNIT" lines of a run."""
    values = {}
    for line in open(path, encoding='utf-8', errors='replace'):
        m = re.match(r'^\s*# bench (\S+) (\d+) (\S+)\s*$', line)
        if m:
            values[m.group(1)] = int(m.group(2))
    return values


def fmt(v, commas):
    return '{:,}'.format(v) if commas else str(v)


def tracer_cost(on, off):
    """The tracer's cost per recorded switch on the traced paths, as "lo to hi"."""
    costs = []
    for p in TRACED_PATHS:
        n = on.get(p + '_stack_switches', 0)
        if n and p in on and p in off:
            costs.append((on[p] - off[p]) / n)
    if not costs:
        return '-'
    lo, hi = min(costs), max(costs)
    show = lambda c: ('%.1f' % c).rstrip('0').rstrip('.')
    return show(lo) if show(lo) == show(hi) else '%s to %s' % (show(lo), show(hi))


def cells_for(on, off):
    """The doc cells of one arch: {row label start: text}."""
    cells = {}
    for label, name, paren, commas in ROWS:
        if name not in on:
            continue
        text = fmt(on[name], commas)
        if paren and name in off:
            text += ' (%s)' % fmt(off[name], commas)
        cells[label] = text
    cells[TRACER_ROW] = tracer_cost(on, off)
    return cells


def table_rows(doc):
    """{row label start: (line index, [cells])} of the doc's table."""
    out = {}
    lines = doc.split('\n')
    for i, line in enumerate(lines):
        if not line.startswith('| '):
            continue
        cols = [c.strip() for c in line.strip().strip('|').split('|')]
        for label, *_ in ROWS + [(TRACER_ROW,)]:
            if cols[0].startswith(label):
                out[label] = (i, cols)
    return out, lines


def update(tapdir):
    doc = open(DOC).read()
    rows, lines = table_rows(doc)
    for ai, arch in enumerate(ARCHES):
        on_path = os.path.join(tapdir, arch + '.tap')
        if not os.path.exists(on_path):
            continue
        off_path = os.path.join(tapdir, arch + '-notrace.tap')
        on = parse(on_path)
        smp_path = os.path.join(tapdir, arch + '-smp2.tap')
        if os.path.exists(smp_path):
            on.update(parse(smp_path))
        off = parse(off_path) if os.path.exists(off_path) else {}
        for label, text in cells_for(on, off).items():
            if label in rows:
                i, cols = rows[label]
                cols[1 + ai] = text
                lines[i] = '| ' + ' | '.join(cols) + ' |'
    open(DOC, 'w').write('\n'.join(lines))


def check(arch, taps, notrace):
    values = {}
    for tap in taps:
        values.update(parse(tap))
    rows, _ = table_rows(open(DOC).read())
    col = 1 + ARCHES.index(arch)
    results = [(bool(values), 'the run printed its bench values')]
    for label, name, paren, commas in ROWS:
        if notrace and not paren:
            continue  # the doc gives only the tracer-on build's value
        if label not in rows or name not in values:
            results.append((False, '%s: in the doc and in the run' % name))
            continue
        cell = rows[label][1][col]
        m = re.match(r'^([\d,]+)(?: \(([\d,]+)\))?$', cell)
        doc_v = None
        if m:
            doc_v = m.group(2) if notrace else m.group(1)
        want = fmt(values[name], commas)
        ok = doc_v == want
        how = 'exactly'
        if name == 'boot_to_first_ktap' and doc_v:
            d = int(doc_v.replace(',', ''))
            ok = abs(d - values[name]) <= BOOT_TOLERANCE * d
            how = 'to %g%%' % (BOOT_TOLERANCE * 100)
        results.append((ok, '%s on %s%s: docs/numbers.md says %s, the build measures %s (%s)'
                        % (name, arch, ' without the tracer' if notrace else '', doc_v, want, how)))
    print('TAP version 13')
    print('1..%d' % len(results))
    for i, (ok, what) in enumerate(results, 1):
        print('%s %d %s' % ('ok' if ok else 'not ok', i, what))
    if not all(ok for ok, _ in results):
        print('# the code changed the counts: run tools/bench --update-docs and commit docs/numbers.md')
        return 1
    return 0


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == 'update':
        update(sys.argv[2])
        return 0
    if len(sys.argv) >= 4 and sys.argv[1] == 'check':
        taps = [a for a in sys.argv[3:] if a != '--notrace']
        return check(sys.argv[2], taps, '--notrace' in sys.argv[3:])
    print(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main())
