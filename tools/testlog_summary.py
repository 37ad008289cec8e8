#!/usr/bin/env python3
"""Counts test cases in a meson testlog.json, for tools/test.

  testlog_summary.py BUILD_DIR/meson-logs/testlog.json

A TAP test (one whose output starts with "TAP version") counts each of its "ok"/"not ok" lines:
  ok                      passed
  ok ... # SKIP           skipped
  not ok                  failed
  not ok ... # TODO       skipped, and listed as a known bug (an expected failure)
  ok ... # TODO           failed: the known bug is fixed, remove its marker (meson agrees)
Any other test counts as one case: passed, skipped (exit status 77) or failed. A test that
meson judged bad (crash, timeout, TAP error, non-zero exit) counts at least one failure even if
none of its lines said "not ok", so that nothing fails silently.

Prints one line "PASSED FAILED SKIPPED KNOWN_BUGS", then one line per failed or known-bug case.
Python 3 standard library only.
"""

import json
import re
import sys

TAP_LINE = re.compile(r'^(not ok|ok)\b\s*(\d+)?\s*([^#]*?)\s*(?:#\s*(\S+)(.*))?$')
BAD = {'FAIL', 'ERROR', 'TIMEOUT', 'UNEXPECTEDPASS', 'INTERRUPT'}


def summarize(entries):
    passed = failed = skipped = known = 0
    notes = []
    for e in entries:
        name, result = e.get('name', '?'), e.get('result', 'ERROR')
        out = e.get('stdout') or ''
        if out.lstrip().startswith('TAP version'):
            bad_lines = 0
            for line in out.splitlines():
                m = TAP_LINE.match(line)
                if not m:
                    continue
                ok = m.group(1) == 'ok'
                directive = (m.group(4) or '').upper()
                case = '%s: %s' % (name, m.group(3) or m.group(2))
                if directive.startswith('SKIP') and ok:
                    skipped += 1
                elif directive == 'TODO':
                    if ok:
                        failed += 1
                        bad_lines += 1
                        notes.append('FIXED? %s (still marked as a known bug)' % case)
                    else:
                        skipped += 1
                        known += 1
                        notes.append('known bug: %s' % case)
                elif ok:
                    passed += 1
                else:
                    failed += 1
                    bad_lines += 1
                    notes.append('FAILED %s' % case)
            if result in BAD and bad_lines == 0:
                failed += 1
                notes.append('FAILED %s (%s, exit status %s)' % (name, result,
                                                                e.get('returncode')))
        elif result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif result == 'SKIP':
            skipped += 1
            notes.append('skipped: %s' % name)
        else:
            failed += 1
            notes.append('FAILED %s (%s)' % (name, result))
    return passed, failed, skipped, known, notes


def main():
    entries = []
    with open(sys.argv[1], encoding='utf-8') as f:
        for line in f:
            if line.strip():
                entries.append(json.loads(line))
    passed, failed, skipped, known, notes = summarize(entries)
    print(passed, failed, skipped, known)
    for n in notes:
        print(n)


if __name__ == '__main__':
    main()
