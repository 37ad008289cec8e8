#!/usr/bin/env python3
"""Checks that the stack-switch drawings in docs/stacks/ are the ones this kernel produces.

  check_stackviz.py --arch ARCH --kernel IMAGE --variant NAME --docs DIR --log FILE

Boots the kernel with /bin/stacktrace as its first program (the machine stops when it exits),
then runs `tools/stackviz --check` on the serial output against DIR: every path's drawing must
exist and be identical. A drawing depends only on the sequence of stack kinds and reasons, so a
change in the entry code that changes a sequence fails here until the docs are redrawn with
`tools/stackviz --update-docs`. Prints TAP.
"""

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--arch', required=True)
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--variant', required=True)
    ap.add_argument('--docs', required=True)
    ap.add_argument('--log', required=True)
    a = ap.parse_args()
    print('TAP version 13')
    print('1..2')
    boot = subprocess.run(
        [sys.executable, os.path.join(HERE, 'qemu_runner.py'), '--arch', a.arch, '--kernel',
         a.kernel, '--no-ktap', '--timeout', '60', '--append', 'init=/bin/stacktrace',
         '--expect-output', 'exited with status 0', '--log', a.log],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if boot.returncode:
        print('not ok 1 /bin/stacktrace ran and exited with status 0')
        for line in boot.stdout.splitlines()[-30:]:
            print('# ' + line)
        print('not ok 2 the drawings are current # SKIP no trace')
        return 1
    print('ok 1 /bin/stacktrace ran and exited with status 0')
    check = subprocess.run(
        [sys.executable, os.path.join(TOP, 'tools', 'stackviz'), '--check', '--variant',
         a.variant, '--out', a.docs, a.log],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in check.stdout.splitlines():
        print('# ' + line)
    if check.returncode:
        print('# redraw them with: tools/stackviz --update-docs (after tools/test built every '
              'variant)')
    print('%s 2 the drawings in docs/stacks are current for %s' %
          ('ok' if check.returncode == 0 else 'not ok', a.variant))
    return check.returncode


if __name__ == '__main__':
    sys.exit(main())
