#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A lab's handout is what docs/instructors.md says it is, on one arch:

  check_lab_handout.py --arch ARCH --lab N --work DIR

1. tools/mklab N writes it into DIR: a git repository with one commit, without a LAB-INTERNAL
   file (hidden tests, answers) and without a lab marker left in any file;
2. tools/grade N in it builds it for ARCH and gives 0 points: the handout stops at lab N's part;
3. where the missing part is hit it says so: the stub's message (tools/grade's LABS[N]['stub'])
   in the serial output of a boot, or in the output of the host check the lab is about;
4. tools/grade N-1 in it gives full points: lab N's stub (and every later lab's) costs the
   labs before nothing, and their solutions are kept;
5. tools/grade N in this tree (the reference solutions) gives full points.
Prints TAP.
"""
import argparse
import importlib.machinery
import importlib.util
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def load_tool(tree, name):
    loader = importlib.machinery.SourceFileLoader(name, os.path.join(tree, 'tools', name))
    spec = importlib.util.spec_from_loader(name, loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


class Tap:
    def __init__(self):
        self.n, self.failed = 0, False

    def test(self, ok, name, detail=()):
        self.n += 1
        self.failed |= not ok
        print('%s %d %s' % ('ok' if ok else 'not ok', self.n, name))
        if not ok:
            for line in list(detail)[-25:]:
                print('# ' + line)
        sys.stdout.flush()


def grade(tree, lab, arch, results):
    g = subprocess.run([os.path.join(tree, 'tools', 'grade'), str(lab), '--arch', arch,
                        '--results', results], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    m = re.search(r'^lab %d on %s: (\d+)/(\d+)$' % (lab, arch), g.stdout, re.M)
    return (int(m.group(1)), int(m.group(2))) if m else None, g.returncode, g.stdout


def main():
    ap = argparse.ArgumentParser()
    for o in ('--arch', '--lab', '--work'):
        ap.add_argument(o, required=True)
    a = ap.parse_args()
    lab = int(a.lab)
    labs = load_tool(TOP, 'grade').LABS
    spec = labs[lab]
    tap = Tap()
    print('TAP version 13')
    print('1..%d' % (6 if lab - 1 in labs else 5))
    shutil.rmtree(a.work, ignore_errors=True)
    hand = os.path.join(a.work, 'handout')
    r = subprocess.run([os.path.join(TOP, 'tools', 'mklab'), str(lab), hand],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    commits = subprocess.run(['git', '-C', hand, 'rev-list', '--count', 'HEAD'],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    tap.test(r.returncode == 0 and commits.stdout.strip() == '1',
             'tools/mklab %d wrote the handout, a git repository with one commit' % lab,
             r.stdout.splitlines())
    if r.returncode:
        return 1
    mklab = load_tool(TOP, 'mklab')
    left = []
    for d, subdirs, names in os.walk(hand):
        subdirs[:] = [s for s in subdirs if s != '.git']
        for n in names:
            path = os.path.join(d, n)
            try:
                text = open(path, encoding='utf-8').read()
            except UnicodeDecodeError:
                continue
            if mklab.internal(text) or any(rx.match(line) for line in text.splitlines()
                                           for rx in (mklab.BEGIN, mklab.ELSE, mklab.END)):
                left.append(os.path.relpath(path, hand))
    tap.test(not left, 'no LAB-INTERNAL file and no lab marker in the handout', left)

    score, rc, out = grade(hand, lab, a.arch, os.path.join(a.work, 'grade-handout'))
    tap.test(score is not None and score[0] == 0 and rc != 0,
             'tools/grade %d in the handout builds it for %s and gives 0 points (%s)' % (
                 lab, a.arch, '%d/%d' % score if score else 'no total line'), out.splitlines())

    # Where the missing part is hit, the handout says so.
    name, _ = load_tool(hand, 'grade').build_dir(lab, a.arch)
    bdir = os.path.join(hand, 'build', name)
    if 'stub_boot' in spec:
        log = os.path.join(a.work, 'stub.serial.log')
        subprocess.run([sys.executable, os.path.join(hand, 'tests', 'qemu_runner.py'), '--arch',
                        a.arch, '--build-dir', bdir, '--append', spec['stub_boot'], '--timeout',
                        '60', '--log', log], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        said = open(log, errors='replace').read() if os.path.exists(log) else ''
        how = 'booted with %s' % spec['stub_boot']
    else:
        grade_mod = load_tool(hand, 'grade')
        t = [x for x in grade_mod.LABS[lab]['tests'] if x['kind'] == 'check'][0]
        _, said, _ = grade_mod.run_check(dict(t, test=spec['stub_check']), bdir,
                                         os.path.join(a.work, 'stub.check.log'))
        how = 'its check %s' % spec['stub_check']
    tap.test(re.search(spec['stub'], said) is not None,
             'the handout, %s, says what is missing: /%s/' % (how, spec['stub']),
             said.splitlines())

    if lab - 1 in labs:
        score, rc, out = grade(hand, lab - 1, a.arch, os.path.join(a.work, 'grade-before'))
        tap.test(score is not None and score[0] == score[1] and rc == 0,
                 'tools/grade %d in the handout gives full points (%s): its solution is kept' % (
                     lab - 1, '%d/%d' % score if score else 'no total line'), out.splitlines())

    score, rc, out = grade(TOP, lab, a.arch, os.path.join(a.work, 'grade-full'))
    tap.test(score is not None and score[0] == score[1] == 100 and rc == 0,
             'tools/grade %d in the full tree gives 100 points (%s)' % (
                 lab, '%d/%d' % score if score else 'no total line'), out.splitlines())
    if not tap.failed:
        shutil.rmtree(a.work, ignore_errors=True)
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())
