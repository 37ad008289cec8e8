#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tools/run's command line, through its --dry-run (which builds and runs nothing and prints the
QEMU command): kernel arguments from --append and from an -append among the QEMU arguments end
up in the one -append, --boot=grub boots a CD image, and what cannot work is refused. Prints TAP.
"""
import os
import shlex
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN = os.path.join(TOP, 'tools', 'run')


def run(*args):
    r = subprocess.run([RUN, '--dry-run', *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    return r.returncode, r.stdout.strip().splitlines()[-1:] or [''], r.stderr


def words(line):
    return shlex.split(line[0]) if line and line[0] else []


def appends(cmd):
    return [cmd[i + 1] for i, w in enumerate(cmd) if w == '-append']


results = []
rc, out, _ = run('arm64', '--append', 'kmon')
cmd = words(out)
results.append((rc == 0 and appends(cmd) == ['kmon ktest.mem=128M'],
                '--append kmon: one -append, with kmon (%s)' % appends(cmd)))
rc, out, _ = run('riscv64', '--append', 'kmon', '--', '-append', 'norandmaps', '-smp', '2')
cmd = words(out)
results.append((rc == 0 and appends(cmd) == ['kmon norandmaps ktest.mem=128M'] and '-smp' in cmd,
                '-- -append is merged into the one -append, the other QEMU arguments kept (%s)'
                % appends(cmd)))
rc, out, _ = run('x86_64', '--boot=grub', '--append', 'kmon')
cmd = words(out)
results.append((rc == 0 and '-cdrom' in cmd and '-kernel' not in cmd,
                '--boot=grub boots the CD image, not -kernel'))
rc, out, err = run('arm64', '--boot=grub')
results.append((rc == 2 and 'x86_64 kernel only' in err, '--boot=grub on arm64 is refused, saying why'))
rc, out, err = run('x86_64', '--nosuch')
results.append((rc == 2 and 'unknown' in err, 'an unknown option is refused'))
print('TAP version 13')
print('1..%d' % len(results))
for i, (ok, what) in enumerate(results, 1):
    print('%s %d %s' % ('ok' if ok else 'not ok', i, what))
sys.exit(0 if all(ok for ok, _ in results) else 1)
