#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tools/mklab on a small marked tree: which solutions a lab's handout keeps, which become stubs,
that lab-internal files stay out, that unbalanced markers are refused; and that it runs on this
repository's own tree. Prints TAP.
"""
import os
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MKLAB = os.path.join(TOP, 'tools', 'mklab')

FILES = {
    'kernel/a.c': '''int before;
/* @LAB 1: BEGIN */
int lab1_solution;
/* @LAB 1: END */
/* @LAB 2: BEGIN */
int lab2_solution;
/* @LAB 2: ELSE
int lab2_stub;
@LAB 2: END */
int after;
''',
    'arch/x/switch.S': '''start:
	/* @LAB 2: BEGIN */
	mov	a, b
	/* @LAB 2: ELSE
	ud2	/* lab 2: write arch_switch_to */
	@LAB 2: END */
	ret
''',
    'kernel/meson.build': '''files = [
# @LAB 3: BEGIN
  'sched_stride.c',
# @LAB 3: ELSE
# 'sched_rr.c',
# @LAB 3: END
]
''',
    'ktest/hidden_tests.c': '/* @LAB-INTERNAL: graders only */\nint hidden;\n',
}


def mklab(src, lab, out, check=True):
    return subprocess.run([MKLAB, str(lab), out, '--src', src, '--no-git'],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          check=check)


def read(d, f):
    p = os.path.join(d, f)
    return open(p).read() if os.path.exists(p) else None


results = []
with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, 'src')
    for f, text in FILES.items():
        os.makedirs(os.path.dirname(os.path.join(src, f)), exist_ok=True)
        # Written "@LAB" here, so that mklab run on this repository leaves this file alone.
        open(os.path.join(src, f), 'w').write(text.replace('@LAB', 'LAB'))
    for lab in (1, 2, 3, 4):
        mklab(src, lab, os.path.join(tmp, 'lab%d' % lab))
    a1, a2, a3 = (read(os.path.join(tmp, 'lab%d' % n), 'kernel/a.c') for n in (1, 2, 3))
    results.append(('lab1' not in a1 and 'lab2_stub' in a1 and 'lab2_solution' not in a1
                    and 'before' in a1 and 'after' in a1 and 'LAB' not in a1,
                    'lab 1: its solution and later ones out, later stubs in, no marker left'))
    results.append(('lab1_solution' in a2 and 'lab2_stub' in a2 and 'lab2_solution' not in a2,
                    'lab 2: lab 1 solved, lab 2 a stub'))
    results.append(('lab1_solution' in a3 and 'lab2_solution' in a3 and 'lab2_stub' not in a3,
                    'lab 3: labs 1 and 2 solved'))
    s2 = read(os.path.join(tmp, 'lab2'), 'arch/x/switch.S')
    s3 = read(os.path.join(tmp, 'lab3'), 'arch/x/switch.S')
    results.append(('ud2' in s2 and 'mov' not in s2 and 'mov' in s3 and 'ud2' not in s3,
                    'assembly: the stub in lab 2, the solution from lab 3 on'))
    m3 = read(os.path.join(tmp, 'lab3'), 'kernel/meson.build')
    m4 = read(os.path.join(tmp, 'lab4'), 'kernel/meson.build')
    results.append(("'sched_rr.c'," in m3 and 'stride' not in m3 and '#' not in m3 and
                    'sched_stride.c' in m4,
                    'meson: the commented stub is uncommented in lab 3, the solution in lab 4'))
    results.append((read(os.path.join(tmp, 'lab1'), 'ktest/hidden_tests.c') is None,
                    'a LAB-INTERNAL file stays out of the handout'))
    bad = os.path.join(tmp, 'bad')
    os.makedirs(bad)
    open(os.path.join(bad, 'x.c'), 'w').write('/* ' + 'LAB 1: BEGIN */\nint x;\n')
    r = mklab(bad, 1, os.path.join(tmp, 'badout'), check=False)
    results.append((r.returncode != 0 and 'BEGIN without its END' in r.stdout,
                    'an unbalanced marker is refused, saying where'))
    r = subprocess.run([MKLAB, '1', os.path.join(tmp, 'tree'), '--no-git'],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    same = r.returncode == 0 and open(os.path.join(tmp, 'tree', 'tests', 'host',
                                                   'test_mklab.py')).read() == open(__file__).read()
    results.append((r.returncode == 0 and same,
                    'the repository itself goes through, this file unchanged: %s'
                    % r.stdout.strip()[-60:]))
print('TAP version 13')
print('1..%d' % len(results))
for i, (ok, what) in enumerate(results, 1):
    print('%s %d %s' % ('ok' if ok else 'not ok', i, what))
sys.exit(0 if all(ok for ok, _ in results) else 1)
