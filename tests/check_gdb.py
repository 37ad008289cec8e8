#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The gdb workbench, in batch mode: boots the kernel halted under QEMU's gdb stub (as tools/run
--gdb does), lets gdb-multiarch run the script tools/run prints plus a few commands, and checks
what the helpers of tools/gdb/tristack.py show.

  check_gdb.py --arch ARCH --build-dir DIR --log FILE

gdb stops the kernel in kmon_run() (the kernel monitor, kernel argument kmon: every task and
stack exists by then) and asks: ts-tasks, ts-stacks, ts-stack-of $sp, p $current()->name,
ts-task, ts-trace; then in do_irq() (an interrupt of the idle kernel monitor), again with the
interrupted frame put back to its function's first instruction (AT_ENTRY), and, in a second
boot, in do_syscall() (a system call of /bin/hello), and checks that `bt` goes through the trap
frame into the interrupted code and stops at the bottom of the stack, with no made-up frame.
Prints TAP; skips if gdb-multiarch is not installed.
"""
import argparse
import os
import re
import shlex
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


def session(a, gdb, append, commands, name):
    """Boots the kernel halted with `append`, runs gdb's script plus commands; gdb's output."""
    port = free_port()
    runner = [sys.executable, os.path.join(HERE, 'qemu_runner.py'), '--arch', a.arch,
              '--build-dir', a.build_dir]
    script = subprocess.run(runner + ['--print-gdb-script', str(port)], check=True,
                            stdout=subprocess.PIPE, text=True).stdout
    cmd = subprocess.run(runner + ['--append', append, '--qemu-arg=-S', '--qemu-arg=-gdb',
                                   '--qemu-arg=tcp:127.0.0.1:%d' % port, '--print-cmd'],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    qemu = subprocess.Popen(shlex.split(cmd), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    gdbscript = os.path.join(os.path.dirname(a.log), 'check_gdb.%s.%s.gdb' % (a.arch, name))
    with open(gdbscript, 'w') as f:
        f.write(script + '\n'.join(commands + ['kill', 'quit', '']))
    try:
        out = subprocess.run([gdb, '-batch', '-nx', '-x', gdbscript], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, timeout=60).stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or '')
        out += '\n(gdb timed out)'
    finally:
        qemu.kill()
        qemu.wait()
    return out


# An interrupt taken at a function's first instruction, before its prologue: the rare case
# that real timing only sometimes gives (a tick pending when gdb resumes at a breakpoint on a
# function). In do_irq(), the interrupted arch_wait_for_interrupt() is made to look as it did
# at its first instruction: its pt_regs get that pc, the stack pointer of the call (the CFA,
# less the pushed return address on x86_64) and the caller's frame pointer (and, on arm64 and
# riscv64, the return address in the link register). The kernel is killed right after.
AT_ENTRY = '''python
f = gdb.newest_frame()
regs = f.read_var('regs')
while f is not None and f.name() != 'arch_wait_for_interrupt':
    f = f.older()
caller = f.older()
arch = f.architecture().name()
sp_reg, fp_reg = {'i386:x86-64': ('rsp', 'rbp'), 'aarch64': ('sp', 'x29')}.get(arch, ('sp', 's0'))
cfa, ret = int(caller.read_register(sp_reg)), int(caller.pc())
fp, fn = int(caller.read_register(fp_reg)), int(gdb.parse_and_eval('&arch_wait_for_interrupt'))
r = '((struct pt_regs *)%#x)->' % int(regs)
sets = {'i386:x86-64': [('rip', fn), ('rsp', cfa - 8), ('rbp', fp)],
        'aarch64': [('pc', fn), ('sp', cfa), ('regs[29]', fp), ('regs[30]', ret)]}.get(
        arch, [('epc', fn), ('sp', cfa), ('s0', fp), ('ra', ret)])
for field, v in sets:
    gdb.execute('set var %s%s = %#x' % (r, field, v))
gdb.execute('maintenance flush register-cache')
end
echo ==== bt-at-entry\\n
bt'''.splitlines()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--arch', required=True)
    ap.add_argument('--build-dir', required=True)
    ap.add_argument('--log', required=True)
    a = ap.parse_args()
    print('TAP version 13')
    gdb = subprocess.run(['which', 'gdb-multiarch'], stdout=subprocess.PIPE,
                         text=True).stdout.strip()
    if not gdb:
        print('1..0 # SKIP gdb-multiarch is not installed')
        return 0
    out = session(a, gdb, 'kmon', [
        'hbreak kmon_run',
        'continue',
        'echo ==== tasks\\n', 'ts-tasks',
        'echo ==== stacks\\n', 'ts-stacks',
        'echo ==== stack-of\\n', 'ts-stack-of $sp',
        'echo ==== current\\n', 'p $current()->name',
        'echo ==== task\\n', 'ts-task $current()->id',
        'echo ==== trace\\n', 'ts-trace 8',
        'delete', 'hbreak do_irq', 'continue',
        'echo ==== bt-irq\\n', 'bt',
    ] + AT_ENTRY, 'kmon')
    out_sys = session(a, gdb, 'init=/bin/hello', [
        'hbreak do_syscall', 'continue',
        'echo ==== bt-syscall\\n', 'bt',
    ], 'syscall')
    with open(a.log, 'w') as f:
        f.write(out + '\n' + out_sys)
    out += '\n' + out_sys
    sections = dict(re.findall(r'==== (\w[\w-]*)\n(.*?)(?=\n==== |\Z)', out, re.S))
    irq = '\n'.join(l for l in sections.get('bt-irq', '').splitlines() if l.startswith('#'))
    at_entry = '\n'.join(l for l in sections.get('bt-at-entry', '').splitlines()
                         if l.startswith('#'))
    sysbt = '\n'.join(l for l in sections.get('bt-syscall', '').splitlines()
                      if l.startswith('#'))
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
        ('bt from do_irq() crosses the trap frame into the interrupted kernel code and ends at '
         'the bottom of its stack (task_entry)',
         re.search(r'#\d+ .* in (irq_common|el1h_64_irq|handle_exception) ', irq) is not None and
         re.search(r'#\d+ .* in (arch_wait_for_interrupt|kmon_run|run_line) ', irq) is not None and
         re.search(r'in task_entry .*\Z', irq.strip(), re.S) is not None),
        ('bt from an interrupt at the first instruction of arch_wait_for_interrupt() names it '
         'and goes on through kmon_run() to task_entry',
         re.search(r'#2 +(0x[0-9a-f]+ in )?arch_wait_for_interrupt \(\) at \S+setup\.c:\d+\n'
                   r'#3 .* in kmon_run ', at_entry) is not None and
         re.search(r'in task_entry .*\Z', at_entry.strip(), re.S) is not None),
        ('bt from do_syscall() crosses the trap frame into user mode and stops there',
         len(sysbt.splitlines()) >= 3 and
         re.search(r' in (entry_SYSCALL_64|el0t_64_sync|handle_exception) ',
                   sysbt.splitlines()[-2]) is not None and
         re.search(r'^#\d+ +0x0*[1-9a-f][0-9a-f]* in user mode \(the interrupted program\)',
                   sysbt.splitlines()[-1]) is not None),
        ('no garbage frame, no stop on a corrupt stack',
         not re.search(r'in \?\? \(\)|0x0000000000000000 in|corrupt stack|did not save',
                       irq + at_entry + sysbt)),
        ('no Python error', 'Python Exception' not in out and 'Error occurred in Python' not in out),
    ]
    print('1..%d' % len(checks))
    for i, (what, ok) in enumerate(checks, 1):
        print('%s %d %s' % ('ok' if ok else 'not ok', i, what))
    if not all(ok for _, ok in checks):
        for name in ('bt-irq', 'bt-at-entry', 'bt-syscall'):
            print('# ==== ' + name)
            for line in sections.get(name, '(missing)').splitlines()[-12:]:
                print('# ' + line)
        for line in out.splitlines()[-20:]:
            print('# ' + line)
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == '__main__':
    sys.exit(main())
