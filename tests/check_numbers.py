#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks docs/numbers.md's instruction counts against this build.

  check_numbers.py --arch ARCH --kernel IMAGE --log FILE [--notrace]

Boots ktest=bench under -icount shift=0,sleep=off, where every count is exact and the same in
every run, and compares the values with the doc's column for ARCH (tools/numbers.py check).
Prints TAP.
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
    ap.add_argument('--log', required=True)
    ap.add_argument('--notrace', action='store_true')
    a = ap.parse_args()
    run = subprocess.run(
        [sys.executable, os.path.join(HERE, 'qemu_runner.py'), '--arch', a.arch, '--kernel',
         a.kernel, '--timeout', '120', '--append', 'ktest=bench', '--qemu-arg=-icount',
         '--qemu-arg=shift=0,sleep=off'],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with open(a.log, 'w') as f:
        f.write(run.stdout)
    if run.returncode:
        print('TAP version 13\n1..1\nnot ok 1 ktest=bench ran')
        for line in run.stdout.splitlines()[-30:]:
            print('# ' + line)
        return 1
    return subprocess.run([sys.executable, os.path.join(TOP, 'tools', 'numbers.py'), 'check',
                           a.arch, a.log] + (['--notrace'] if a.notrace else [])).returncode


if __name__ == '__main__':
    sys.exit(main())
