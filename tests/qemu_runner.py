#!/usr/bin/env python3
"""Boot a tristack kernel under QEMU and report its in-kernel tests as TAP for `meson test`.

The kernel runs the suites named by `ktest=` on its command line and prints KTAP version 1 on the
serial port (ktest/ktest.c): one nested block per suite, then it leaves QEMU through the
arch's exit device with a status meaning pass, fail or panic. This script:

  * builds the QEMU command line from one table, ARCHES (tools/run and tools/bench ask this script
    for it with --print-cmd, so the flags of every arch live here and nowhere else);
  * always appends ktest.mem=<the -m value>M, which the kernel's boot.memory_size test compares
    with the RAM the firmware reports;
  * runs QEMU in its own process group under a hard timeout, and kills the whole group when the
    time is up (or when meson kills us): nothing may hang;
  * turns the nested KTAP into flat TAP 13, one line per kernel test case ("ok 7 boot.ksyms"),
    kernel diagnostics as "# ..." lines, then adds its own checks: ktap_complete (the KTAP was
    whole), qemu_exit_status (the status QEMU exited with) and one per --expect-output regex;
  * on any failure prints the last 40 lines of the serial output as "# " lines.

With --expect-fail the run passes only when the kernel failed as it should: QEMU exits with the
arch's "fail" status AND the kernel reported at least one "not ok" (or bailed out); the kernel's
"not ok" lines then become "ok N name # expected failure". This is how the harness proves that it
does notice failures (tests/meson.build runs the deliberately failing suite selftest_fail).

Examples:
  tests/qemu_runner.py --arch riscv64 --kernel build/riscv64/kernel/tristack.elf --append ktest=all
  tests/qemu_runner.py --arch arm64 --build-dir build/arm64 --machine-opts gic-version=3 \\
      --append ktest=boot --log /tmp/serial.log
  tests/qemu_runner.py --arch x86_64 --build-dir build/x86_64 --interactive --print-cmd

Arguments that start with '-' must be attached with '=': --qemu-arg=-icount --qemu-arg=shift=0.

Python 3 standard library only.
"""

import argparse
import os
import re
import selectors
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

# Every arch's QEMU invocation. `status` maps the kernel's exit codes (enum exit_code in
# include/arch.h: 0 pass, 1 fail, 2 panic) to the status the shell sees:
#  - riscv64: sifive_test device, (code << 16) | 0x3333 -> exit(code), 0x5555 -> exit(0);
#  - arm64: semihosting SYS_EXIT with ADP_Stopped_ApplicationExit and the code -> exit(code);
#  - x86_64: the kernel writes 0x10 + code to isa-debug-exit, QEMU exits (v << 1) | 1. A triple
#    fault with -no-reboot exits 0, which therefore must never count as a pass.
ARCHES = {
    'x86_64': {
        'qemu': 'qemu-system-x86_64',
        'machine': 'q35',
        'cpu': 'qemu64',
        'image': 'kernel/tristack.mb.elf',  # multiboot1 loads only an ELF32 (docs/design.md, machine facts)
        'elf': 'kernel/tristack.elf',
        'args': ['-no-reboot', '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04'],
        'status': {'pass': 33, 'fail': 35, 'panic': 37},
        'gdb_arch': 'i386:x86-64',
    },
    'arm64': {
        'qemu': 'qemu-system-aarch64',
        'machine': 'virt',
        'cpu': 'cortex-a57',  # always pass -cpu: the default virt CPU is 32-bit
        'image': 'kernel/tristack.elf',
        'elf': 'kernel/tristack.elf',
        'args': ['-semihosting'],
        'status': {'pass': 0, 'fail': 1, 'panic': 2},
        'gdb_arch': 'aarch64',
    },
    'riscv64': {
        'qemu': 'qemu-system-riscv64',
        'machine': 'virt',
        'cpu': None,  # QEMU's default rv64 (with Sstc on 7.2)
        'image': 'kernel/tristack.elf',
        'elf': 'kernel/tristack.elf',
        'args': ['-bios', 'default'],  # QEMU's OpenSBI fw_dynamic
        'status': {'pass': 0, 'fail': 1, 'panic': 2},
        'gdb_arch': 'riscv:rv64',
    },
}

TAIL_LINES = 40
SLOW_CASE_SECONDS = 5  # a ktest case that takes longer gets a "# ... took N s" line
PANIC_RE = re.compile(r'Kernel panic')


def status_name(arch, status):
    """'pass', 'fail', 'panic', 'signal N' or 'unexpected' for an exit status of arch."""
    if status is None:
        return 'none: QEMU was killed'
    if status < 0:
        return 'killed by signal %d' % -status
    for name, value in ARCHES[arch]['status'].items():
        if value == status:
            return name
    if arch == 'x86_64' and status == 0:
        return 'triple fault or reset (-no-reboot)'
    return 'unexpected'


def build_command(arch, kernel, mem=128, append='', cpu=None, machine_opts=None, qemu_args=(),
                  monitor=None, interactive=False, qemu=None, cdrom=None, smp=None):
    """The QEMU argv for one run; the only place that knows the flags of each arch."""
    a = ARCHES[arch]
    machine = a['machine'] + (',' + machine_opts if machine_opts else '')
    cmd = [qemu or a['qemu'], '-M', machine]
    cpu = cpu or a['cpu']
    if cpu:
        cmd += ['-cpu', cpu]
    # -nodefaults drops QEMU's default devices (VGA, NIC, ...); the explicit -serial still creates
    # the machine's first UART on each of the three machines (checked on QEMU 7.2).
    # Interactive runs multiplex QEMU's monitor onto the terminal (Ctrl-A c) and give Ctrl-A x.
    if smp:
        cmd += ['-smp', str(smp)]
    cmd += ['-m', '%dM' % mem, '-nodefaults', '-display', 'none',
            '-serial', 'mon:stdio' if interactive else 'stdio']
    cmd += a['args']
    if monitor:
        cmd += ['-monitor', 'unix:%s,server=on,wait=off' % monitor]
    cmd += list(qemu_args)
    # The kernel's boot.memory_size test compares the RAM it finds with this value, and
    # ktest=smp the CPUs it brought up with ktest.cpus.
    full_append = ' '.join(s for s in (append.strip(), 'ktest.mem=%dM' % mem,
                                       'ktest.cpus=%d' % smp if smp else '') if s)
    if cdrom:
        # Boot through the firmware and a boot loader (GRUB) from a CD image; the command
        # line is the one in the image's grub.cfg (tools/mkiso).
        cmd += ['-cdrom', cdrom, '-boot', 'd']
    else:
        cmd += ['-kernel', kernel, '-append', full_append]
    return cmd


class KtapConverter:
    """Turns the kernel's nested KTAP (read line by line) into flat TAP 13.

    feed() takes every serial line (kernel log lines that are not KTAP are ignored); finish()
    adds the harness's own checks and the plan. `emit` receives each output line. Kept free of
    I/O so that tests/host/test_qemu_runner.py can drive it with canned serial output.
    """

    RE_VERSION = re.compile(r'^KTAP version 1\s*$')
    RE_SUB_VERSION = re.compile(r'^    KTAP version 1\s*$')
    RE_SUBTEST = re.compile(r'^    # Subtest: (\S+)')
    RE_PLAN = re.compile(r'^( {4})?1\.\.(\d+)\s*$')
    RE_RESULT = re.compile(r'^( {4})?(not ok|ok) (\d+)(?: ([^#]*?))?\s*(?:#\s*(.*?))?\s*$')
    RE_DIAG = re.compile(r'^( {4})?#\s?(.*)$')
    RE_BAIL = re.compile(r'^Bail out!\s*(.*)$')
    RE_FINAL = re.compile(r'^# ktest: (all passed|FAILURES)\s*$')

    def __init__(self, arch, expect_fail=False, emit=print, expect_panic=False, no_ktap=False):
        self.arch = arch
        self.no_ktap = no_ktap  # no KTAP expected: only the status and expected output count
        self.expect_fail = expect_fail
        self.expect_panic = expect_panic  # the run must end in a kernel panic
        self.emit = emit
        self.n = 0                # TAP test number of the last line emitted
        self.failed = 0           # TAP tests emitted as "not ok"
        self.started = False      # top-level "KTAP version 1" seen
        self.top_plan = None
        self.suites = []          # finished suites: (name, ok)
        self.suite = None         # the suite being read: dict(name, plan, cases)
        self.kernel_not_ok = 0    # "not ok" cases the kernel reported
        self.bail_out = None
        self.final = None         # 'all passed' or 'FAILURES'
        self.panic = False
        self.problems = []        # why the KTAP is not complete and well-formed
        self.lines = []           # every serial line, for the tail and --expect-output
        self.case_t0 = time.monotonic()  # when the case being read began (its suite, or the last)

    # -- output ------------------------------------------------------------------------------

    def test(self, ok, name, directive=None):
        self.n += 1
        if not ok:
            self.failed += 1
        name = name.replace('#', '\\x23')  # '#' would start a TAP directive
        self.emit('%s %d %s%s' % ('ok' if ok else 'not ok', self.n, name,
                                  ' # ' + directive if directive else ''))

    def diag(self, text):
        self.emit('# ' + text if text else '#')

    # -- input -------------------------------------------------------------------------------

    def feed(self, line):
        line = line.rstrip('\r\n')
        self.lines.append(line)
        if PANIC_RE.search(line):
            self.panic = True
        if not self.started:
            if self.RE_VERSION.match(line):
                self.started = True
            return
        m = self.RE_RESULT.match(line)
        if m:
            self._result(bool(m.group(1)), m.group(2) == 'ok', int(m.group(3)),
                         (m.group(4) or '').strip(), m.group(5))
            return
        m = self.RE_PLAN.match(line)
        if m:
            if m.group(1):
                if self.suite is not None and self.suite['plan'] is None:
                    self.suite['plan'] = int(m.group(2))
            elif self.top_plan is None:
                self.top_plan = int(m.group(2))
            return
        if self.RE_SUB_VERSION.match(line):
            self._open_suite(None)
            return
        m = self.RE_SUBTEST.match(line)
        if m:
            if self.suite is None or self.suite['name'] is not None:
                self._open_suite(m.group(1))
            else:
                self.suite['name'] = m.group(1)
            self.diag('Subtest: ' + m.group(1))
            return
        m = self.RE_BAIL.match(line)
        if m:
            self.bail_out = m.group(1) or 'no reason given'
            self.diag('kernel: Bail out! ' + m.group(1))
            return
        m = self.RE_DIAG.match(line)
        if m:
            f = self.RE_FINAL.match(line)
            if f:
                self.final = f.group(1)
            self.diag(m.group(2))
        # Anything else is ordinary kernel log output (it stays in the tail and the --log file).

    def _open_suite(self, name):
        if self.suite is not None:
            self.problems.append('suite %s has no result line' % self.suite['name'])
        self.suite = {'name': name, 'plan': None, 'cases': 0, 'not_ok': 0}
        self.case_t0 = time.monotonic()

    def _result(self, nested, ok, number, name, directive):
        if not nested:
            self._suite_result(ok, number, name)
            return
        s = self.suite
        if s is None:
            self.problems.append('test case %s outside a suite' % name)
            s = self.suite = {'name': '?', 'plan': None, 'cases': 0, 'not_ok': 0}
        s['cases'] += 1
        if number != s['cases']:
            self.problems.append('suite %s: case %d numbered %d' % (s['name'], s['cases'], number))
        full = '%s.%s' % (s['name'], name or 'case%d' % number)
        # A slow case says so (host time, serial lines as they came): where a run's time went
        # when one nears its timeout on a loaded machine.
        now = time.monotonic()
        if now - self.case_t0 >= SLOW_CASE_SECONDS:
            self.diag('%s took %.1f s' % (full, now - self.case_t0))
        self.case_t0 = now
        keep = None
        if directive and re.match(r'(?i)(skip|todo)\b', directive):
            keep = directive  # meson understands SKIP and TODO: pass them through
        if ok:
            self.test(True, full, keep)
        else:
            s['not_ok'] += 1
            self.kernel_not_ok += 1
            if keep and keep.upper().startswith('TODO'):
                self.test(False, full, keep)
            elif self.expect_fail:
                self.test(True, full, 'expected failure (--expect-fail)')
            else:
                self.test(False, full)

    def _suite_result(self, ok, number, name):
        s = self.suite
        self.suite = None
        if s is None:
            self.problems.append('result for suite %s without its KTAP block' % name)
            s = {'name': name, 'plan': None, 'cases': 0, 'not_ok': 0}
        if s['name'] != name:
            self.problems.append('suite %s closed as %s' % (s['name'], name))
        if number != len(self.suites) + 1:
            self.problems.append('suite %s numbered %d' % (name, number))
        if s['plan'] is None:
            self.problems.append('suite %s has no plan' % name)
        elif s['plan'] != s['cases']:
            self.problems.append('suite %s planned %d cases, ran %d' % (name, s['plan'],
                                                                        s['cases']))
        if not ok and s['not_ok'] == 0:
            # The suite failed without a failing case (e.g. its setup): report it as a test
            # of its own, or the failure would be invisible in the flat TAP.
            self.kernel_not_ok += 1
            if self.expect_fail:
                self.test(True, name, 'expected failure (--expect-fail)')
            else:
                self.test(False, name, None)
                self.diag('suite %s reported not ok without a failing case' % name)
        self.suites.append((name, ok))

    # -- the harness's own checks ------------------------------------------------------------

    def ktap_problems(self, timed_out=None):
        """Reasons why the KTAP output is not whole; empty when it is."""
        p = []
        if timed_out:
            p.append('timed out after %g s' % timed_out)
        if self.no_ktap:
            return p + (['kernel panic'] if self.panic else [])
        if self.expect_panic:
            # The panic ends the KTAP in the middle of a suite: only the panic itself counts.
            if not self.panic:
                p.append('no kernel panic, though one was expected (--expect-panic)')
            return p
        if self.panic:
            p.append('kernel panic')
        if not self.started:
            p.append('no "KTAP version 1" line on the serial port')
            return p
        if self.bail_out is not None:
            if not self.expect_fail:
                p.append('kernel bailed out: ' + self.bail_out)
            return p
        p += self.problems
        if self.top_plan is None:
            p.append('no top-level plan')
        elif len(self.suites) != self.top_plan:
            where = ' (inside suite %s after %d cases)' % (
                self.suite['name'], self.suite['cases']) if self.suite else ''
            p.append('KTAP stopped early: %d of %d suites reported%s' % (
                len(self.suites), self.top_plan, where))
        if self.final is None:
            p.append('no final "# ktest: all passed|FAILURES" line')
        elif self.final == 'all passed' and any(not ok for _, ok in self.suites):
            p.append('"all passed" although a suite failed')
        return p

    def finish(self, status, timed_out=None, expect_output=()):
        """Adds ktap_complete, qemu_exit_status and the --expect-output checks, the tail of the
        serial output if anything failed, and the plan. Returns True when every test passed."""
        problems = self.ktap_problems(timed_out)
        self.test(not problems, 'ktap_complete', '; '.join(problems) or None)

        st = ARCHES[self.arch]['status']
        want = 'panic' if self.expect_panic else 'fail' if self.expect_fail else 'pass'
        got = status_name(self.arch, status)
        ok = status is not None and status == st[want]
        if status is None:
            why = 'no exit status (%s), expected %d (%s)' % (got, st[want], want)
        else:
            why = 'exit status %d (%s), expected %d (%s)' % (status, got, st[want], want)
        if self.expect_fail and ok and not (self.kernel_not_ok or self.bail_out is not None):
            ok = False
            why += '; but the kernel reported no "not ok" and no "Bail out!"'
        self.test(ok, 'qemu_exit_status', why if not ok else None)
        if ok:
            self.diag(why)

        text = '\n'.join(self.lines)
        for rx in expect_output:
            found = re.search(rx, text, re.MULTILINE) is not None
            self.test(found, 'expect_output /%s/' % rx,
                      None if found else 'no serial line matches')

        if self.failed:
            tail = self.lines[-TAIL_LINES:]
            self.diag('---- last %d lines of serial output ----' % len(tail))
            for line in tail:
                self.diag(line)
            self.diag('---- end of serial output ----')
        self.emit('1..%d' % self.n)
        return self.failed == 0


def _set_pdeathsig():
    """In the child: ask Linux to SIGKILL QEMU if this runner dies, even by SIGKILL."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError, ImportError):
        pass  # not Linux: the signal handlers and the timeout still apply


def kill_group(proc):
    """SIGKILL QEMU's whole process group (it runs in its own session)."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def monitor_command(path, command, timeout=5.0):
    """Sends one HMP command to a QEMU monitor on the unix socket `path`; returns its output.

    For injections while a test runs: monitor_command(sock, 'nmi') on x86_64, or
    'mce 0 0 0xb200000000000000 0x5 0x1234000 0' (docs/design.md, machine facts). The monitor echoes what it
    receives with terminal escape sequences; they are stripped from the returned text.
    """
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        while True:  # QEMU creates the socket shortly after it starts
            try:
                s.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() > deadline:
                    raise TimeoutError('no QEMU monitor at %s' % path)
                time.sleep(0.05)

        def read_prompt():
            data = b''
            while not data.endswith(b'(qemu) '):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError('QEMU monitor did not answer %r' % command)
                s.settimeout(left)
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
            return data.decode('utf-8', 'replace')

        read_prompt()  # the banner
        s.sendall(command.encode() + b'\n')
        out = read_prompt()
    out = re.sub(r'\x1b\[[0-9;]*[A-Za-z]', '', out)
    lines = out.replace('\r', '').split('\n')
    # Drop the echoed command and the final prompt.
    if lines and lines[0].strip().endswith(command):
        lines = lines[1:]
    if lines and lines[-1].startswith('(qemu)'):
        lines = lines[:-1]
    return '\n'.join(lines)


def typed_bytes(text):
    """What --serial-send-on types for TEXT: its characters, with Python's backslash escapes
    decoded, so that a test can type control keys: \\x03 (Ctrl-C), \\x1b[A (Up), \\x7f."""
    return text.encode('utf-8').decode('unicode_escape').encode('latin-1')


class Terminated(Exception):
    pass


def run(args, emit=print):
    """Boots the kernel once; returns the process exit status of this script (0: all ok)."""
    arch = args.arch
    # Scratch for the monitor socket and the link the kernel is booted through (below).
    tmpdir = tempfile.mkdtemp(prefix='tristack-qemu-')
    monitor = None
    if args.monitor_socket or args.monitor_send_on:
        monitor = os.path.join(tmpdir, 'monitor.sock')
    # An absolute path, so that the "# qemu:" line can be pasted into any shell.
    cmd = build_command(arch, os.path.abspath(args.kernel), args.mem, args.append or '',
                        args.cpu, args.machine_opts, args.qemu_arg or [], monitor,
                        qemu=args.qemu, cdrom=args.cdrom and os.path.abspath(args.cdrom),
                        smp=args.smp)
    conv = KtapConverter(arch, args.expect_fail, emit, expect_panic=args.expect_panic,
                         no_ktap=args.no_ktap)
    emit('TAP version 13')
    emit('# qemu: ' + shlex.join(cmd))
    if monitor:
        emit('# monitor: ' + monitor)

    # QEMU's x86_64 multiboot loader puts the image's file name at the head of the kernel's
    # command line, so the length of the path to the checkout would move the memory layout and
    # with it, by an instruction now and then, the counts of tools/bench. QEMU is given a link
    # of the same length in every run instead (mkdtemp's names have a fixed length); the
    # "# qemu:" line above keeps the real path, so that it can be pasted.
    run_cmd = list(cmd)
    if '-kernel' in run_cmd:
        i = run_cmd.index('-kernel') + 1
        link = os.path.join(tmpdir, 'kernel')
        os.symlink(run_cmd[i], link)
        run_cmd[i] = link

    log = open(args.log, 'w', encoding='utf-8') if args.log else None
    if log:
        log.write('# qemu: %s\n' % shlex.join(cmd))
    proc = None
    status = None
    timed_out = None

    def on_signal(signum, frame):
        raise Terminated(signal.Signals(signum).name)

    old = {sig: signal.signal(sig, on_signal)
           for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    try:
        if not os.path.isfile(args.kernel):
            emit('# kernel image %s does not exist (not built?)' % args.kernel)
        elif shutil.which(cmd[0]) is None:
            emit('# %s not found: install QEMU (tools/test does)' % cmd[0])
        else:
            t0 = time.monotonic()
            # The serial console's input is QEMU's stdin: a pipe when the run types into it.
            stdin = subprocess.PIPE if args.serial_send_on else subprocess.DEVNULL
            proc = subprocess.Popen(run_cmd, stdin=stdin, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, start_new_session=True,
                                    preexec_fn=_set_pdeathsig)
            timed_out = _pump(proc, conv, args, t0, monitor, log, emit)
            if timed_out is None:
                status = proc.wait()
    except Terminated as e:
        emit('# runner received %s: stopping QEMU' % e)
        timed_out = None
    finally:
        kill_group(proc)
        for sig, handler in old.items():
            signal.signal(sig, handler)
        if log:
            log.close()
        shutil.rmtree(tmpdir, ignore_errors=True)
    if proc is not None and not conv.started:
        emit('# boot_to_ktap_seconds=none (no KTAP output)')
    ok = conv.finish(status, timed_out, args.expect_output or [])
    return 0 if ok else 1


def _pump(proc, conv, args, t0, monitor, log, emit):
    """Reads QEMU's output until it exits or the deadline passes. Returns the timeout in seconds
    if QEMU had to be killed, else None."""
    deadline = t0 + args.timeout
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    pending = b''
    triggers = list(args.monitor_send_on or [])
    typed = list(args.serial_send_on or [])
    fd = proc.stdout.fileno()

    def fire_triggers(text):
        for trig in list(triggers):
            if re.search(trig[0], text):
                triggers.remove(trig)
                try:
                    out = monitor_command(monitor, trig[1]).strip().replace('\n', ' | ')
                except (OSError, TimeoutError) as e:
                    out = 'error: %s' % e
                emit('# monitor: %s -> %s' % (trig[1], out))
        for trig in list(typed):
            if re.search(trig[0], text):
                typed.remove(trig)
                try:
                    proc.stdin.write(typed_bytes(trig[1]) + b'\r')
                    proc.stdin.flush()
                    emit('# typed on the serial console: %s' % trig[1])
                except OSError as e:
                    emit('# could not type on the serial console: %s' % e)

    def handle(raw):
        line = raw.decode('utf-8', 'replace')
        if log:
            log.write(line + '\n')
            log.flush()
        was_started = conv.started
        conv.feed(line)
        if conv.started and not was_started:
            emit('# boot_to_ktap_seconds=%.2f' % (time.monotonic() - t0))
        fire_triggers(line)

    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                kill_group(proc)
                if pending:
                    handle(pending.rstrip(b'\r'))
                return args.timeout
            if not sel.select(timeout=min(left, 1.0)):
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                break  # EOF: QEMU exited (or closed its stdout)
            pending += chunk
            *complete, pending = pending.split(b'\n')
            for raw in complete:
                handle(raw.rstrip(b'\r'))
            if pending and triggers:
                # A prompt ("kmon> ") has no newline: it may trigger a monitor command too.
                fire_triggers(pending.decode('utf-8', 'replace'))
        if pending:
            handle(pending.rstrip(b'\r'))
        # stdout closed; QEMU should exit right away, but never wait without a limit.
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            kill_group(proc)
            return args.timeout
        return None
    finally:
        sel.close()


def parse_args(argv):
    p = argparse.ArgumentParser(
        description='Boot tristack under QEMU and report its ktest results as TAP 13.',
        epilog='Option values that start with "-" need "=": --qemu-arg=-icount.')
    p.add_argument('--arch', required=True, choices=sorted(ARCHES))
    k = p.add_mutually_exclusive_group(required=True)
    k.add_argument('--kernel', help='the image to boot (x86_64: tristack.mb.elf)')
    k.add_argument('--build-dir', help='boot the image of this build directory')
    p.add_argument('--mem', type=int, default=128, help='RAM in MiB (default 128)')
    p.add_argument('--smp', type=int, metavar='N',
                   help='N CPUs (QEMU -smp N), and ktest.cpus=N for the tests (default: 1)')
    p.add_argument('--append', default='', help='kernel command line, e.g. ktest=all')
    p.add_argument('--timeout', type=float, default=30, help='hard limit in seconds (30)')
    p.add_argument('--cpu', help='override the arch\'s default -cpu')
    p.add_argument('--machine-opts', help='appended to -M <machine>, e.g. gic-version=3')
    p.add_argument('--qemu-arg', action='append', metavar='X', help='extra QEMU argument')
    p.add_argument('--qemu', help='QEMU binary to use instead of the arch\'s default')
    p.add_argument('--expect-fail', action='store_true',
                   help='pass only if the kernel reports a failure and exits with "fail"')
    p.add_argument('--no-ktap', action='store_true',
                   help='the run prints no KTAP (a user-mode session): only the exit status and '
                        'the --expect-output checks count')
    p.add_argument('--expect-panic', action='store_true',
                   help='pass only if the kernel panics (and exits with "panic")')
    p.add_argument('--cdrom', metavar='ISO',
                   help='boot this CD image (GRUB) instead of -kernel; its grub.cfg holds the '
                        'command line')
    p.add_argument('--expect-output', action='append', metavar='REGEX',
                   help='a serial line must match REGEX (repeatable)')
    p.add_argument('--log', metavar='FILE', help='write the raw serial output here')
    p.add_argument('--monitor-socket', action='store_true',
                   help='give QEMU a monitor on a unix socket in a temporary directory')
    p.add_argument('--monitor-send-on', nargs=2, action='append', metavar=('REGEX', 'CMD'),
                   help='when a serial line matches REGEX, send CMD to the monitor once')
    p.add_argument('--serial-send-on', nargs=2, action='append', metavar=('REGEX', 'TEXT'),
                   help='when a serial line matches REGEX, type TEXT and Enter on the serial '
                        'console once (backslash escapes decoded: \\x03 is Ctrl-C)')
    p.add_argument('--print-cmd', action='store_true',
                   help='print the QEMU command (shell-quoted) and exit')
    p.add_argument('--interactive', action='store_true',
                   help='with --print-cmd: serial and monitor on the terminal (mon:stdio)')
    p.add_argument('--print-gdb-script', type=int, metavar='PORT',
                   help='print a gdb script for the kernel ELF and a QEMU gdb stub on PORT')
    args = p.parse_args(argv)
    if args.build_dir:
        args.kernel = os.path.join(args.build_dir, ARCHES[args.arch]['image'])
    if args.mem <= 0:
        p.error('--mem must be positive')
    if args.timeout <= 0:
        p.error('--timeout must be positive')
    return args


def gdb_script(arch, build_dir, port):
    """A gdb-multiarch script: the kernel's symbols, the arch, the connection to QEMU."""
    a = ARCHES[arch]
    # gdb wants the 64-bit ELF with its symbols, not the image QEMU boots (x86_64 boots an
    # elf32-i386 copy for multiboot).
    elf = os.path.abspath(os.path.join(build_dir, a['elf']))
    lines = [
        '# Generated by tools/run --gdb (tests/qemu_runner.py --print-gdb-script).',
        'set pagination off',
        'set confirm off',
        'set architecture %s' % a['gdb_arch'],
        'file %s' % elf,
        'target remote localhost:%d' % port,
        '# The helpers: ts-tasks, ts-stacks, ts-stack-of ADDR, ts-task ID, ts-trace [N],',
        '# p *$current() (tools/gdb/tristack.py says what each does).',
        'source %s' % os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                   'tools', 'gdb', 'tristack.py'),
        '# QEMU is stopped at the first instruction (-S). The kernel runs at upper-half',
        '# addresses once its page tables are on: use hardware breakpoints until then,',
        '# e.g.  hbreak start_kernel  then  continue',
    ]
    if arch == 'x86_64':
        lines.append('# x86_64 starts in 32-bit protected mode (multiboot); the registers '
                     'make sense as x86-64 once boot.S has entered long mode.')
    return '\n'.join(lines) + '\n'


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.print_gdb_script is not None:
        # The image is <build>/kernel/<name>: the ELF is next to it.
        build_dir = args.build_dir or os.path.join(os.path.dirname(args.kernel), '..')
        print(gdb_script(args.arch, build_dir, args.print_gdb_script), end='')
        return 0
    if args.print_cmd:
        print(shlex.join(build_command(args.arch, args.kernel, args.mem, args.append or '',
                                       args.cpu, args.machine_opts, args.qemu_arg or [],
                                       interactive=args.interactive, qemu=args.qemu,
                                       cdrom=args.cdrom and os.path.abspath(args.cdrom),
                                       smp=args.smp)))
        return 0

    def emit(line):
        print(line, flush=True)

    try:
        return run(args, emit)  # QEMU is killed on the way out, whatever happens
    except BrokenPipeError:
        # Our reader went away (e.g. `| head`): stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == '__main__':
    sys.exit(main())
