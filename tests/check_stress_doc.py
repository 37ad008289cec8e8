#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks docs/stacks.md's stress table against this build: boots ktest=stress and compares its
STRESS lines with the build's column (tools/stress_table.py check). Prints TAP.

  check_stress_doc.py --arch ARCH --kernel IMAGE --variant NAME --log FILE
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    for o in ('--arch', '--kernel', '--variant', '--log'):
        ap.add_argument(o, required=True)
    a = ap.parse_args()
    run = subprocess.run(
        [sys.executable, os.path.join(HERE, 'qemu_runner.py'), '--arch', a.arch, '--kernel',
         a.kernel, '--timeout', '120', '--append', 'ktest=stress', '--log', a.log],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if run.returncode:
        print('TAP version 13\n1..1\nnot ok 1 ktest=stress ran')
        for line in run.stdout.splitlines()[-30:]:
            print('# ' + line)
        return 1
    return subprocess.run([sys.executable, os.path.join(TOP, 'tools', 'stress_table.py'), 'check',
                           a.variant, a.log]).returncode


if __name__ == '__main__':
    sys.exit(main())
