#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The gdb workbench, in batch mode: boots the kernel halted under QEMU's gdb stub (as tools/run
--gdb does), lets gdb-multiarch run the script tools/run prints plus a few commands, and checks
what the helpers of tools/gdb/tristack.py show.

  check_gdb.py --arch ARCH --build-dir DIR --log FILE

gdb stops the kernel in kmon_run() (the kernel monitor, kernel argument kmon: every task and
stack exists by then) and in the system-call handler, and asks: ts-tasks, ts-stacks,
ts-stack-of $sp, p $current()->name, ts-task, ts-trace. Prints TAP; skips if gdb-multiarch is
not installed.
"""
import argparse
import os
import re
import socket
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--arch', required=True)
    ap.add_argument('--build-dir', required=True)
    ap.add_argument('--log', required=True)
    a = ap.parse_args()
    print('TAP version 13')
    gdb = subprocess.run(['which', 'gdb-multiarch'], stdout=subprocess.PIPE).stdout.strip()
    if not gdb:
        print('1..0 # SKIP gdb-multiarch is not installed')
        return 0
    port = free_port()
    runner = [sys.executable, os.path.join(HERE, 'qemu_runner.py'), '--arch', a.arch,
              '--build-dir', a.build_dir]
    script = subprocess.run(runner + ['--print-gdb-script', str(port)], check=True,
                            stdout=subprocess.PIPE, text=True).stdout
    cmd = subprocess.run(runner + ['--append', 'kmon', '--qemu-arg=-S', '--qemu-arg=-gdb',
                                   '--qemu-arg=tcp:127.0.0.1:%d' % port, '--print-cmd'],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    import shlex
    qemu = subprocess.Popen(shlex.split(cmd), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    gdbscript = os.path.join(os.path.dirname(a.log), 'check_gdb.%s.gdb' % a.arch)
    with open(gdbscript, 'w') as f:
        f.write(script)
        f.write('\n'.join([
            'hbreak kmon_run',
            'continue',
            'echo ==== tasks\\n', 'ts-tasks',
            'echo ==== stacks\\n', 'ts-stacks',
            'echo ==== stack-of\\n', 'ts-stack-of $sp',
            'echo ==== current\\n', 'p $current()->name',
            'echo ==== task\\n', 'ts-task $current()->id',
            'echo ==== trace\\n', 'ts-trace 8',
            'kill',
            'quit', '']))
    try:
        out = subprocess.run([gdb.decode(), '-batch', '-nx', '-x', gdbscript],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             timeout=60).stdout
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode() if isinstance(e.stdout, bytes) else (e.stdout or '')
        out += '\n(gdb timed out)'
    finally:
        qemu.kill()
        qemu.wait()
    with open(a.log, 'w') as f:
        f.write(out)
    sections = dict(re.findall(r'==== (\w[\w-]*)\n(.*?)(?=\n==== |\Z)', out, re.S))
    checks = [
        ('gdb stopped in kmon_run()', re.search(r'kmon_run', out) is not None),
        ('ts-tasks lists the running kmain thread and the idle task',
         re.search(r'kmain +running', sections.get('tasks', '')) is not None and
         re.search(r'^ +0 ', sections.get('tasks', ''), re.M) is not None),
        ('ts-stacks lists the boot stack and a task stack',
         re.search(r'^boot ', sections.get('stacks', ''), re.M) is not None and
         re.search(r'^task +task \d+ kmain', sections.get('stacks', ''), re.M) is not None),
        ('ts-stack-of $sp: on the task stack of kmain',
         re.search(r'is on the task stack of task \d+ kmain', sections.get('stack-of', ''))
         is not None),
        ('p $current()->name is "kmain"', '"kmain' in sections.get('current', '')),
        ('ts-task shows the saved context and the trap frame',
         'saved context' in sections.get('task', '') and 'user trap frame' in
         sections.get('task', '')),
        ('ts-trace prints events or says none were recorded',
         re.search(r'#\d+ \S+ -> \S+ \(\S+\) sp 0x|no stack switches recorded',
                   sections.get('trace', '')) is not None),
        ('no Python error', 'Python Exception' not in out and 'Error occurred in Python' not in out),
    ]
    print('1..%d' % len(checks))
    for i, (what, ok) in enumerate(checks, 1):
        print('%s %d %s' % ('ok' if ok else 'not ok', i, what))
    if not all(ok for _, ok in checks):
        for line in out.splitlines()[-40:]:
            print('# ' + line)
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == '__main__':
    sys.exit(main())
