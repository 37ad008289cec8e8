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
        reasons = ['syscall', 'irq', 'exception', 'nmi', 'debug', 'double-fault',
                   'machine-check', 'switch', 'start', 'overflow']
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
