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


def bench_run(arch, kernel, log, append, extra=()):
    """Boots `append` under -icount, the output to log; on a failure prints it as TAP."""
    run = subprocess.run(
        [sys.executable, os.path.join(HERE, 'qemu_runner.py'), '--arch', arch, '--kernel',
         kernel, '--timeout', '120', '--append', append, '--qemu-arg=-icount',
         '--qemu-arg=shift=0,sleep=off'] + list(extra),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with open(log, 'w') as f:
        f.write(run.stdout)
    if run.returncode:
        print('TAP version 13\n1..1\nnot ok 1 %s ran%s' % (append, ' ' + ' '.join(extra)))
        for line in run.stdout.splitlines()[-30:]:
            print('# ' + line)
        return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--arch', required=True)
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--log', required=True)
    ap.add_argument('--notrace', action='store_true')
    a = ap.parse_args()
    if not bench_run(a.arch, a.kernel, a.log, 'ktest=bench'):
        return 1
    logs = [a.log]
    # The cross-CPU rows: ktest=bench_smp at -smp 2, for the tracer-on build (the doc has no
    # tracer-off value for them).
    if not a.notrace:
        smp_log = a.log.replace('.serial.log', '') + '-smp2.serial.log'
        if not bench_run(a.arch, a.kernel, smp_log, 'ktest=bench_smp', ['--smp', '2']):
            return 1
        logs.append(smp_log)
    return subprocess.run([sys.executable, os.path.join(TOP, 'tools', 'numbers.py'), 'check',
                           a.arch] + logs + (['--notrace'] if a.notrace else [])).returncode


if __name__ == '__main__':
    sys.exit(main())
