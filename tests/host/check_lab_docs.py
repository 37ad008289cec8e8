#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The lab texts say what the graders grade:

  check_lab_docs.py

For every lab of tools/grade: its points add up to 100 on every arch (hidden tests included);
docs/labs/labN-*.md exists with the sections every lab has, and its grading table has a row for
each test, with the test's title as tools/grade prints it and its points; docs/labs/README.md
lists the lab; and the answers (docs/labs/answers.md) have a section for it and are LAB-INTERNAL.
Prints TAP.
"""
import glob
import importlib.machinery
import importlib.util
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SECTIONS = ['## What you learn', '## Background', '## Getting the handout', '## Tasks',
            '## Questions (answer in `answers.txt`)', '## Grading', '## Hints']


def load_grade():
    path = os.path.join(TOP, 'tools', 'grade')
    loader = importlib.machinery.SourceFileLoader('grade', path)
    mod = importlib.util.module_from_spec(importlib.util.spec_from_loader('grade', loader))
    loader.exec_module(mod)
    return mod


def table_rows(text):
    """{(first cell, second cell)} of the markdown table rows of text."""
    rows = set()
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip('|').split('|')] if line.startswith('|') \
            else []
        if len(cells) >= 2:
            rows.add((cells[0], cells[1]))
    return rows


def main():
    grade = load_grade()
    results = []
    readme = open(os.path.join(TOP, 'docs', 'labs', 'README.md')).read()
    answers_path = os.path.join(TOP, 'docs', 'labs', 'answers.md')
    answers = open(answers_path).read() if os.path.exists(answers_path) else ''
    results.append(('LAB-INTERNAL' in '\n'.join(answers.splitlines()[:5]),
                    'docs/labs/answers.md is there and LAB-INTERNAL', []))
    for n, lab in sorted(grade.LABS.items()):
        sums = {a: sum(t['points'] for t in grade.tests_of(n, a)) for a in grade.ARCHES}
        results.append((set(sums.values()) == {100},
                        'lab %d: its points add up to 100 on every arch %s' % (n, sums), []))
        docs = glob.glob(os.path.join(TOP, 'docs', 'labs', 'lab%d-*.md' % n))
        text = open(docs[0]).read() if len(docs) == 1 else ''
        missing = [s for s in SECTIONS if s not in text.splitlines()]
        results.append((text.startswith('# Lab %d: ' % n) and not missing,
                        'lab %d: docs/labs/lab%d-*.md has the sections of a lab' % (n, n),
                        missing))
        rows = table_rows(text)
        absent = ['| %s | %d |' % (t['title'], t['points']) for t in lab['tests']
                  if (t['title'], str(t['points'])) not in rows]
        results.append((bool(text) and not absent,
                        'lab %d: its grading table has every test of tools/grade %d, with its '
                        'points' % (n, n), absent))
        name = os.path.basename(docs[0]) if docs else 'lab%d' % n
        results.append(('](%s)' % name in readme,
                        'lab %d: docs/labs/README.md links to %s' % (n, name), []))
        results.append((re.search(r'^## Lab %d\b' % n, answers, re.M) is not None,
                        'lab %d: docs/labs/answers.md answers its questions' % n, []))
    print('TAP version 13')
    print('1..%d' % len(results))
    for i, (ok, what, detail) in enumerate(results, 1):
        print('%s %d %s' % ('ok' if ok else 'not ok', i, what))
        for d in detail:
            print('# missing: %s' % d)
    return 0 if all(r[0] for r in results) else 1


if __name__ == '__main__':
    sys.exit(main())
