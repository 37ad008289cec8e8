#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A lab handout builds and stops at the part the lab asks for:

  check_lab_handout.py --arch ARCH --lab N --work DIR --expect REGEX

writes the handout of lab N (tools/mklab) into DIR, configures and builds it for ARCH, boots
ktest=sched (the first context switch happens at once) and expects a kernel panic whose message
matches REGEX (the stub's lab_missing()). Prints TAP.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    for o in ('--arch', '--lab', '--work', '--expect'):
        ap.add_argument(o, required=True)
    a = ap.parse_args()
    print('TAP version 13')
    print('1..5')
    shutil.rmtree(a.work, ignore_errors=True)
    r = subprocess.run([os.path.join(TOP, 'tools', 'mklab'), a.lab, a.work, '--no-git'],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print('%s 1 tools/mklab %s wrote the handout' % ('ok' if r.returncode == 0 else 'not ok', a.lab))
    if r.returncode:
        print('# ' + r.stdout.replace('\n', '\n# '))
        return 1
    build = os.path.join(a.work, 'build', a.arch)
    r = subprocess.run(['meson', 'setup', build, a.work, '--cross-file',
                        os.path.join(a.work, 'cross', a.arch + '.txt')],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode == 0:
        r = subprocess.run(['ninja', '-C', build], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    print('%s 2 the handout builds for %s' % ('ok' if r.returncode == 0 else 'not ok', a.arch))
    if r.returncode:
        for line in r.stdout.splitlines()[-20:]:
            print('# ' + line)
        return 1
    log = os.path.join(a.work, 'boot.serial.log')
    subprocess.run([sys.executable, os.path.join(HERE, 'qemu_runner.py'), '--arch', a.arch,
                    '--build-dir', build, '--append', 'ktest=sched', '--expect-panic',
                    '--timeout', '30', '--log', log],
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    text = open(log, errors='replace').read() if os.path.exists(log) else ''
    ok = re.search(r'Kernel panic - not syncing: ' + a.expect, text) is not None
    print('%s 3 it boots to the stub\'s message: %s' % ('ok' if ok else 'not ok', a.expect))
    if not ok:
        for line in text.splitlines()[-20:]:
            print('# ' + line)
    # The grader gives the handout 0 points for its lab, and the full tree all of them.
    results = []
    for tree, want, rc_ok in ((a.work, '0/', lambda rc: rc != 0), (TOP, None, lambda rc: rc == 0)):
        g = subprocess.run([os.path.join(tree, 'tools', 'grade'), a.lab, '--arch', a.arch,
                            '--results', os.path.join(a.work, 'grade-' + str(len(results)))],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        m = re.search(r'^lab %s on %s: (\d+)/(\d+)$' % (a.lab, a.arch), g.stdout, re.M)
        good = bool(m) and rc_ok(g.returncode) and (
            m.group(1) == '0' if want else m.group(1) == m.group(2))
        results.append(good)
        print('%s %d tools/grade %s on the %s: %s' % (
            'ok' if good else 'not ok', 4 + len(results) - 1, a.lab,
            'handout' if want else 'full tree', m.group(0) if m else 'no total line'))
        if not good:
            for line in g.stdout.splitlines()[-20:]:
                print('# ' + line)
    shutil.rmtree(a.work, ignore_errors=True)
    return 0 if ok and all(results) else 1


if __name__ == '__main__':
    sys.exit(main())
