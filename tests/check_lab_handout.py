#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Each lab's handout is what docs/instructors.md says it is, on one arch:

  check_lab_handout.py --arch ARCH --labs N[,N...] --work DIR
  check_lab_handout.py --arch ARCH --labs N --work DIR --reference

For each lab N, in turn:
1. tools/mklab N writes it: a git repository with one commit, without a LAB-INTERNAL file
   (hidden tests, answers) and without a lab marker left in any file;
2. tools/grade N in it builds it for ARCH and gives 0 points: the handout stops at lab N's part;
3. where the missing part is hit it says so: the stub's message (tools/grade's LABS[N]['stub'])
   in the serial output of a boot, or in the output of the host check the lab is about;
4. tools/grade N-1 in it gives full points: lab N's stub (and every later lab's) costs the
   labs before nothing, and their solutions are kept;
5. with --reference, and only then: tools/grade N in this tree (the reference solutions)
   gives full points. That one needs no handout, so it is a meson test of its own per lab
   (tests/meson.build), run beside the others rather than after each handout.

The handouts are built one after the other in one folder, DIR/handout: each is written fresh
by tools/mklab (in DIR/fresh) and then copied over the last one file by file, only where a
file differs, so that its build directories are reused and ninja recompiles only what changed
from one lab to the next (the files of one lab's regions). A fresh tree and build each time
cost about 8 s of compiling per lab and arch; this way one. DIR/handout and DIR/fresh are in
memory where the machine has a /dev/shm (a link from DIR points there): writing a handout's
340 files and its git objects took 1.3 s a lab on the development machine's disk, 0.3 s in
memory, and the whole check 42 s instead of 32 s on x86_64. Prints TAP.
"""
import argparse
import importlib.machinery
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile

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


def tree_files(root):
    """The files of the tree at root, relative to it: .git and the top-level build/ left out."""
    for d, subdirs, names in os.walk(root):
        rel = os.path.relpath(d, root)
        subdirs[:] = [x for x in subdirs if x != '.git' and not (rel == '.' and x == 'build')]
        for n in names:
            yield os.path.normpath(os.path.join(rel, n))


def sync(src, dst):
    """Makes the tree dst hold what src holds (its build/ directories aside), rewriting only the
    files whose content or mode differs, so that the others keep their times and ninja sees
    them as built. The .git directory is replaced whole: each handout has its own commit."""
    shutil.rmtree(os.path.join(dst, '.git'), ignore_errors=True)
    shutil.copytree(os.path.join(src, '.git'), os.path.join(dst, '.git'))
    want = set(tree_files(src))
    for r in want:
        a, b = os.path.join(src, r), os.path.join(dst, r)
        if (os.path.exists(b) and os.stat(a).st_mode == os.stat(b).st_mode and
                open(a, 'rb').read() == open(b, 'rb').read()):
            continue
        os.makedirs(os.path.dirname(b), exist_ok=True)
        if os.path.exists(b):
            os.unlink(b)
        shutil.copy2(a, b)
        os.utime(b)  # newer than anything built from the file it replaces
    for r in set(tree_files(dst)) - want:
        os.unlink(os.path.join(dst, r))


def scratch(work):
    """The folder the handouts are written and built in: a new one in /dev/shm if the machine
    has it, linked as work/scratch (and removed with work), else work/scratch itself."""
    link = os.path.join(work, 'scratch')
    if os.path.isdir('/dev/shm') and os.access('/dev/shm', os.W_OK):
        mem = tempfile.mkdtemp(prefix='tristack-labs-', dir='/dev/shm')
        os.symlink(mem, link)
        return mem
    os.makedirs(link)
    return link


def remove_work(work):
    """Removes work and, where scratch() made it, its folder in memory."""
    link = os.path.join(work, 'scratch')
    if os.path.islink(link):
        shutil.rmtree(os.readlink(link), ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)


def check_lab(tap, lab, labs, arch, work, hand):
    spec = labs[lab]
    fresh = os.path.join(os.path.dirname(hand), 'fresh')
    shutil.rmtree(fresh, ignore_errors=True)
    r = subprocess.run([os.path.join(TOP, 'tools', 'mklab'), str(lab), fresh],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode == 0:
        sync(fresh, hand)
        shutil.rmtree(fresh, ignore_errors=True)
    commits = subprocess.run(['git', '-C', hand, 'rev-list', '--count', 'HEAD'],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    tap.test(r.returncode == 0 and commits.stdout.strip() == '1',
             'lab %d: tools/mklab %d wrote the handout, a git repository with one commit' % (
                 lab, lab), r.stdout.splitlines())
    if r.returncode:
        return False
    mklab = load_tool(TOP, 'mklab')
    left = []
    for r in tree_files(hand):
        try:
            text = open(os.path.join(hand, r), encoding='utf-8').read()
        except UnicodeDecodeError:
            continue
        if mklab.internal(text) or any(rx.match(line) for line in text.splitlines()
                                       for rx in (mklab.BEGIN, mklab.ELSE, mklab.END)):
            left.append(r)
    tap.test(not left, 'lab %d: no LAB-INTERNAL file and no lab marker in the handout' % lab,
             left)

    score, rc, out = grade(hand, lab, arch, os.path.join(work, 'lab%d-grade-handout' % lab))
    tap.test(score is not None and score[0] == 0 and rc != 0,
             'lab %d: tools/grade %d in the handout builds it for %s and gives 0 points (%s)' % (
                 lab, lab, arch, '%d/%d' % score if score else 'no total line'),
             out.splitlines())

    # Where the missing part is hit, the handout says so.
    name, _ = load_tool(hand, 'grade').build_dir(lab, arch)
    bdir = os.path.join(hand, 'build', name)
    if 'stub_boot' in spec:
        log = os.path.join(work, 'lab%d-stub.serial.log' % lab)
        subprocess.run([sys.executable, os.path.join(hand, 'tests', 'qemu_runner.py'), '--arch',
                        arch, '--build-dir', bdir, '--append', spec['stub_boot'], '--timeout',
                        '60', '--log', log], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        said = open(log, errors='replace').read() if os.path.exists(log) else ''
        how = 'booted with %s' % spec['stub_boot']
    else:
        grade_mod = load_tool(hand, 'grade')
        t = [x for x in grade_mod.LABS[lab]['tests'] if x['kind'] == 'check'][0]
        _, said, _ = grade_mod.run_check(dict(t, test=spec['stub_check']), bdir,
                                         os.path.join(work, 'lab%d-stub.check.log' % lab))
        how = 'its check %s' % spec['stub_check']
    tap.test(re.search(spec['stub'], said) is not None,
             'lab %d: the handout, %s, says what is missing: /%s/' % (lab, how, spec['stub']),
             said.splitlines())

    if lab - 1 in labs:
        score, rc, out = grade(hand, lab - 1, arch,
                               os.path.join(work, 'lab%d-grade-before' % lab))
        tap.test(score is not None and score[0] == score[1] and rc == 0,
                 'lab %d: tools/grade %d in the handout gives full points (%s): its solution '
                 'is kept' % (lab, lab - 1, '%d/%d' % score if score else 'no total line'),
                 out.splitlines())
    return True


def check_reference(tap, lab, arch, work):
    score, rc, out = grade(TOP, lab, arch, os.path.join(work, 'lab%d-grade-full' % lab))
    tap.test(score is not None and score[0] == score[1] == 100 and rc == 0,
             'lab %d: tools/grade %d in the full tree gives 100 points (%s)' % (
                 lab, lab, '%d/%d' % score if score else 'no total line'), out.splitlines())


def main():
    ap = argparse.ArgumentParser()
    for o in ('--arch', '--labs', '--work'):
        ap.add_argument(o, required=True)
    ap.add_argument('--reference', action='store_true',
                    help='grade the labs in this tree (step 5) instead of their handouts')
    a = ap.parse_args()
    labs = load_tool(TOP, 'grade').LABS
    todo = [int(x) for x in a.labs.split(',')]
    unknown = [n for n in todo if n not in labs]
    if unknown:
        print('check_lab_handout.py: no lab %s (tools/grade has %s)' % (
            ', '.join(map(str, unknown)), ', '.join(map(str, sorted(labs)))), file=sys.stderr)
        return 2
    tap = Tap()
    print('TAP version 13')
    remove_work(a.work)
    os.makedirs(a.work)
    planned = True
    if a.reference:
        print('1..%d' % len(todo))
        for n in todo:
            check_reference(tap, n, a.arch, a.work)
    else:
        print('1..%d' % sum(5 if n - 1 in labs else 4 for n in todo))
        hand = os.path.join(scratch(a.work), 'handout')
        os.makedirs(hand)
        for n in todo:
            if not check_lab(tap, n, labs, a.arch, a.work, hand):
                planned = False
                break
    if not tap.failed:
        remove_work(a.work)
    return 1 if tap.failed or not planned else 0


if __name__ == '__main__':
    sys.exit(main())
