# SPDX-License-Identifier: MIT
"""gdb helpers for tristack, loaded by the script tools/run --gdb prints (source this file).

  ts-tasks              every task: id, name, state, CPU, kernel stack range
  ts-stacks             the stack registry: kind, owner, range, guard
  ts-stack-of ADDR      which registered stack ADDR is on (or in the guard of)
  ts-task ID            a task's saved context (switch.S) and its user trap frame (pt_regs)
  ts-trace [N]          the last N (default 16) events of the stack-switch tracer on CPU 0
  $current()            the running task (p *$current(), p $current()->name)
  $cpu()                this CPU's struct cpu (one CPU for now: cpus[0])

They read the kernel's own data structures through its debug information, so they work on all
three arches alike; the kernel must have been stopped after start_kernel() set them up.
"""
import re

import gdb

STATES = {0: 'ready', 1: 'blocked', 2: 'zombie'}


def cpu0():
    return gdb.parse_and_eval('cpus[0]')


class Cpu(gdb.Function):
    """$cpu(): this CPU's struct cpu."""

    def __init__(self):
        super().__init__('cpu')

    def invoke(self):
        return cpu0()


class Current(gdb.Function):
    """$current(): the running task (struct task *), as arch_current() would return it."""

    def __init__(self):
        super().__init__('current')

    def invoke(self):
        return cpu0()['current']


def container(node, typename, member):
    """The struct that list node `node` (a struct list_node *) is the `member` of."""
    t = gdb.lookup_type(typename)
    off = int(gdb.parse_and_eval('&((%s *)0)->%s' % (typename, member)))
    return gdb.Value(int(node) - off).cast(t.pointer())


def list_entries(head, typename, member):
    """The entries of a list_node list, as pointers to their struct."""
    node = head['next']
    seen = 0
    while int(node) != int(head.address) and seen < 100000:
        yield container(node, typename, member)
        node = node['next']
        seen += 1


def tasks():
    return list_entries(gdb.parse_and_eval("'task.c'::all_tasks"), 'struct task', 'all_node')


def kind_name(kind):
    names = gdb.parse_and_eval("'stack.c'::kind_names")
    k = int(kind)
    try:
        return names[k].string()
    except gdb.error:
        return '?%d' % k


class Tasks(gdb.Command):
    """ts-tasks: every task with its state, CPU and kernel stack."""

    def __init__(self):
        super().__init__('ts-tasks', gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        cur = int(cpu0()['current'])
        print('%5s %-15s %-8s %-4s %-37s %s' % ('id', 'name', 'state', 'cpu', 'kernel stack',
                                               'process'))
        for t in tasks():
            state = 'running' if int(t) == cur else STATES.get(int(t['state']), '?')
            base = int(t['stack_base'])
            size = int(t['stack_size'])
            cpu = t['cpu']
            cpuid = int(cpu['id']) if int(cpu) else -1
            print('%5d %-15s %-8s %-4s %#018x-%#018x %s' % (
                int(t['id']), t['name'].string(), state, cpuid if cpuid >= 0 else '-', base,
                base + size, 'yes' if int(t['mm']) else 'kernel thread'))


def stacks():
    reg = gdb.parse_and_eval("'stack.c'::reg")
    return list_entries(reg['list'], 'struct stack_info', 'node')


def owner(s):
    if int(s['task']):
        return 'task %d %s' % (int(s['task']['id']), s['task']['name'].string())
    return 'cpu%d' % int(s['cpu'])


class Stacks(gdb.Command):
    """ts-stacks: the stack registry (kernel/stack.c)."""

    def __init__(self):
        super().__init__('ts-stacks', gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        print('%-9s %-22s %-37s %8s %8s' % ('kind', 'owner', 'range', 'size', 'guard'))
        for s in stacks():
            base, size = int(s['base']), int(s['size'])
            print('%-9s %-22s %#018x-%#018x %8d %8d' % (kind_name(s['kind']), owner(s), base,
                                                      base + size, size, int(s['guard'])))


class StackOf(gdb.Command):
    """ts-stack-of ADDR: the registered stack ADDR lies on, or in the guard of."""

    def __init__(self):
        super().__init__('ts-stack-of', gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        addr = int(gdb.parse_and_eval(arg)) & (2**64 - 1)
        for s in stacks():
            base, size, guard = int(s['base']), int(s['size']), int(s['guard'])
            if base <= addr < base + size:
                print('%#x is on the %s stack of %s, %d bytes below its top' % (
                    addr, kind_name(s['kind']), owner(s), base + size - addr))
                return
            if guard and base - guard <= addr < base:
                print('%#x is in the guard below the %s stack of %s: an overflow' % (
                    addr, kind_name(s['kind']), owner(s)))
                return
        print('%#x is on no registered stack' % addr)


class Task(gdb.Command):
    """ts-task ID: a task's saved context and its user trap frame."""

    def __init__(self):
        super().__init__('ts-task', gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        want = int(gdb.parse_and_eval(arg))
        for t in tasks():
            if int(t['id']) != want:
                continue
            print('task %d (%s), stack %#x + %d' % (want, t['name'].string(),
                                                   int(t['stack_base']), int(t['stack_size'])))
            print('saved context (switch.S): %s' % t['thread'])
            regs_t = gdb.lookup_type('struct pt_regs')
            top = int(t['stack_base']) + int(t['stack_size'])
            regs = gdb.Value(top - regs_t.sizeof).cast(regs_t.pointer()).dereference()
            print('user trap frame (task_pt_regs, meaningful for a process): %s' % regs)
            return
        print('no task %d' % want)


class Trace(gdb.Command):
    """ts-trace [N]: the last N stack switches the tracer recorded on CPU 0."""

    def __init__(self):
        super().__init__('ts-trace', gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        n = int(arg) if arg.strip() else 16
        log = cpu0()['switch_log']
        head = int(log['head'])
        ring = log['ring']
        size = int(gdb.parse_and_eval('sizeof(cpus[0].switch_log.ring) / sizeof(cpus[0].switch_log.ring[0])'))
        # The kernel's own names (kernel/sstrace.c), as its reports print them.
        names = gdb.parse_and_eval("'sstrace.c'::reason_names")
        nreasons = int(gdb.parse_and_eval('sizeof(%s) / sizeof(%s[0])' % (
            "'sstrace.c'::reason_names", "'sstrace.c'::reason_names")))
        reasons = [names[i].string() for i in range(nreasons)]
        if head == 0:
            print('no stack switches recorded (the tracer is off, or nothing ran yet)')
        for i in range(max(0, head - min(n, size)), head):
            e = ring[i % size]
            r = int(e['reason'])
            print('#%d %s -> %s (%s) sp %#x' % (i, kind_name(e['from']), kind_name(e['to']),
                                               reasons[r] if r < len(reasons) else '?',
                                               int(e['sp'])))


Cpu()
Current()
Tasks()
Stacks()
StackOf()
Task()
Trace()
print('tristack gdb helpers: ts-tasks ts-stacks ts-stack-of ts-task ts-trace $current() $cpu()')


# ---------------------------------------------------------------- crossing the trap frame -----
#
# The entry assembly has no unwind information of its own, so gdb's own unwinders lose their way
# in it. This unwinder knows, for a frame stopped in entry code at the call of a C handler,
# where that entry saved the interrupted registers (struct pt_regs), and gives gdb the
# interrupted pc, sp and frame pointer as the caller's: `bt` goes on into the interrupted code.
# The frame filter below ends the backtrace at the bottom of each stack: after the first frame
# in user mode (the program the trap interrupted), or at the first function of a kernel thread.
#
# An interrupt can land on the first instruction of a function, before its prologue ran. gdb
# treats every caller's pc as a return address and looks up pc - 1, which there is the end of
# the function before it in memory: the wrong name and the wrong unwind rule, and `bt` skips
# frames. So for an interrupted frame at a function's first instruction this unwinder unwinds
# it too (the return address is still where the call put it: on the stack on x86_64, in the
# link register on arm64 and riscv64), and the frame filter names it after pc, not pc - 1.
# (gdb does this itself for Linux's signal frames, which it knows as SIGTRAMP frames; a Python
# unwinder cannot say that of the frames it makes.)

from gdb.unwinder import Unwinder, register_unwinder  # noqa: E402
from gdb.FrameDecorator import FrameDecorator  # noqa: E402


class FrameId:
    """A frame's identity for gdb: its stack pointer and the start of its code."""

    def __init__(self, sp, pc):
        self.sp = sp
        self.pc = pc

ARCH_REGS = {
    # arch: (pc register, sp register, frame pointer register)
    'i386:x86-64': ('rip', 'rsp', 'rbp'),
    'aarch64': ('pc', 'sp', 'x29'),
    'riscv:rv64': ('pc', 'sp', 's0'),
}
USER_TOP = 1 << 47  # every arch's user space ends below this (asm/memlayout.h: USER_END)
# The entry functions that call a C handler with the frame, and how to find the frame there.
ENTRY = {
    'exception_common': 'sp', 'entry_SYSCALL_64': 'sp', 'entry_SYSCALL_compat': 'sp',
    'irq_common': 'x86-irq',
    'el0t_64_sync': 'sp', 'el1h_64_sync': 'sp', 'el1h_64_irq': 'x19', 'el0t_64_irq': 'x19',
    'handle_exception': 'riscv',
}
BOTTOM = ('ret_from_kernel_thread', 'task_entry', 'start_kernel', '_start', 'secondary_start')


def arch_name():
    return gdb.selected_frame().architecture().name()


def symbol_at(pc):
    out = gdb.execute('info symbol %#x' % pc, to_string=True)
    m = re.match(r'^(\S+)', out)
    return None if out.startswith('No symbol') or not m else m.group(1)


def u64(addr):
    return int(gdb.parse_and_eval('*(unsigned long *)%#x' % addr)) & (2**64 - 1)


def at_function_start(pc):
    """True if pc is the first instruction of a function (`info symbol` gives no offset)."""
    out = gdb.execute('info symbol %#x' % pc, to_string=True)
    return not out.startswith('No symbol') and ' + ' not in out.split(' in section')[0]


def interrupted(regs, arch):
    """(pc, sp, fp, user) of the context a struct pt_regs at regs holds."""
    r = gdb.parse_and_eval('*(struct pt_regs *)%#x' % regs)
    if arch == 'i386:x86-64':
        return int(r['rip']), int(r['rsp']), int(r['rbp']), int(r['cs']) & 3 == 3, {}
    if arch == 'aarch64':
        return (int(r['pc']), int(r['sp']), int(r['regs'][29]), int(r['pstate']) & 0xf == 0,
                {'x30': int(r['regs'][30])})
    return (int(r['epc']), int(r['sp']), int(r['s0']), int(r['status']) & (1 << 8) == 0,
            {'ra': int(r['ra'])})


class TrapFrameUnwinder(Unwinder):
    def __init__(self):
        super().__init__('tristack-trap-frame')
        # (sp, pc) of each interrupted frame found at a function's first instruction.
        self.at_entry = set()

    def __call__(self, pending):
        arch = pending.architecture().name()
        if arch not in ARCH_REGS:
            return None
        pcr, spr, fpr = ARCH_REGS[arch]
        pc_val = pending.read_register(pcr)
        pc = int(pc_val) & (2**64 - 1)
        if (int(pending.read_register(spr)) & (2**64 - 1), pc) in self.at_entry:
            return self.unwind_at_entry(pending, arch)
        # A caller's pc is a return address, which may already be the next label's: look up
        # the instruction before it.
        sym = symbol_at(pc - 1)
        how = ENTRY.get(sym) if sym else None
        if not how:
            return None
        sp_val = pending.read_register(spr)
        sp = int(sp_val) & (2**64 - 1)
        try:
            if how == 'sp':
                regs = sp
            elif how == 'x19':
                regs = int(pending.read_register('x19')) & (2**64 - 1)
            elif how == 'x86-irq':
                # Back from do_irq(): on the IRQ stack, the frame record {rbp, rip} and above it
                # the pt_regs pointer (entry.S, ENTER_IRQ_STACK); back from anything later, at
                # the pt_regs.
                called = gdb.execute('x/i %#x' % (pc - 5), to_string=True)
                regs = u64(sp + 16) if '<do_irq>' in called else sp
            else:  # riscv: sp is the frame, or (an interrupt) s0 is
                s0 = int(pending.read_register('s0')) & (2**64 - 1)
                regs = s0 if s0 and (s0 == sp + 16 or (s0 & ~0x3fff) != (sp & ~0x3fff)) else sp
            ipc, isp, ifp, user, more = interrupted(regs, arch)
        except gdb.error:
            return None
        info = pending.create_unwind_info(FrameId(sp_val, pc_val))
        info.add_saved_register(pcr, gdb.Value(ipc).cast(pending.read_register(pcr).type))
        info.add_saved_register(spr, gdb.Value(isp).cast(pending.read_register(spr).type))
        info.add_saved_register(fpr, gdb.Value(ifp).cast(pending.read_register(fpr).type))
        for reg, v in more.items():
            info.add_saved_register(reg, gdb.Value(v).cast(pending.read_register(reg).type))
        if not user and at_function_start(ipc):
            self.at_entry.add((isp, ipc))
        return info

    def unwind_at_entry(self, pending, arch):
        """The caller of a function interrupted at its first instruction: the call's return
        address and stack pointer, every other register as the function found it."""
        pcr, spr, fpr = ARCH_REGS[arch]
        pc_val, sp_val = pending.read_register(pcr), pending.read_register(spr)
        sp = int(sp_val) & (2**64 - 1)
        if arch == 'i386:x86-64':
            ret, caller_sp = u64(sp), sp + 8
        else:
            ret, caller_sp = int(pending.read_register('x30' if arch == 'aarch64' else 'ra')), sp
        info = pending.create_unwind_info(FrameId(sp_val, pc_val))
        info.add_saved_register(pcr, gdb.Value(ret & (2**64 - 1)).cast(pc_val.type))
        info.add_saved_register(spr, gdb.Value(caller_sp).cast(sp_val.type))
        info.add_saved_register(fpr, pending.read_register(fpr))
        return info


class Labelled(FrameDecorator):
    """A frame in user mode: gdb has no symbols for it; say what it is."""

    def function(self):
        return 'user mode (the interrupted program)'


class InterruptedAtEntry(FrameDecorator):
    """A frame interrupted at a function's first instruction: named and placed by its pc
    itself (gdb would look up pc - 1, the function before it)."""

    def function(self):
        return symbol_at(int(self.inferior_frame().pc()) & (2**64 - 1))

    def filename(self):
        sal = gdb.find_pc_line(self.inferior_frame().pc())
        return sal.symtab.filename if sal.symtab else None

    def line(self):
        return gdb.find_pc_line(self.inferior_frame().pc()).line or None

    def frame_args(self):
        # gdb would read them with the debug information of the function before; before the
        # prologue they are still in their argument registers, unnamed here.
        return None


class EntryFrame(FrameDecorator):
    """A frame in entry code: named after the entry the return address is in (gdb names it
    after the label that follows the call, ret_to_user and the like)."""

    def function(self):
        pc = int(self.inferior_frame().pc()) & (2**64 - 1)
        return symbol_at(pc - 1) or FrameDecorator.function(self)


class StackBottoms:
    """Ends a backtrace at the bottom of each stack (see above)."""

    def __init__(self):
        self.name = 'tristack-stack-bottoms'
        self.priority = 100
        self.enabled = True
        gdb.frame_filters[self.name] = self

    def filter(self, frames):
        for f in frames:
            pc = int(f.inferior_frame().pc()) & (2**64 - 1)
            if pc < USER_TOP:
                yield Labelled(f)
                return
            frame = f.inferior_frame()
            regs = ARCH_REGS.get(frame.architecture().name())
            at_entry = regs is not None and (
                int(frame.read_register(regs[1])) & (2**64 - 1), pc) in TRAP_FRAMES.at_entry
            if at_entry:
                yield InterruptedAtEntry(f)
            elif frame.level() > 0 and symbol_at(pc - 1) in ENTRY:
                yield EntryFrame(f)
            else:
                yield f
            name = symbol_at(pc) if at_entry else frame.name()
            if name in BOTTOM:
                return


TRAP_FRAMES = TrapFrameUnwinder()
register_unwinder(None, TRAP_FRAMES, replace=True)
StackBottoms()
