#!/usr/bin/env python3
"""Unit tests of tests/qemu_runner.py (standard library unittest; run by meson in build/host).

The KTAP -> TAP conversion is driven with canned serial output; whole runs use a fake QEMU, a
small Python script that prints canned output and exits with a chosen status, or hangs with a
child process to prove that the hard timeout kills QEMU's whole process group.
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
# Import the runner from the source tree without leaving a __pycache__ there.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, '..'))
import qemu_runner  # noqa: E402
from qemu_runner import ARCHES, KtapConverter, build_command  # noqa: E402

RUNNER = os.path.join(HERE, '..', 'qemu_runner.py')

PASSING = """\
OpenSBI v1.1
tristack 0.1 on riscv64
KTAP version 1
1..2
    KTAP version 1
    # Subtest: boot
    1..3
    ok 1 upper_half
    # boot.wx_whole_table: 85 leaf mappings walked
    ok 2 wx_whole_table
    ok 3 memory_size # SKIP no ktest.mem= on the command line
ok 1 boot
    KTAP version 1
    # Subtest: mm
    1..2
    ok 1 alloc_free_reuse
pmm: double free of page 0x80087000 (freeing 1 page(s) at 0x80087000)
    ok 2 double_free_refused
ok 2 mm
# ktest: all passed
"""

SELFTEST_FAIL = """\
KTAP version 1
1..1
    KTAP version 1
    # Subtest: selftest_fail
    1..2
    ok 1 passes
    # selftest_fail.fails_on_purpose: selftest_tests.c:15: expected 1 + 1 == 3 (0x2 vs 0x3)
    not ok 2 fails_on_purpose
not ok 1 selftest_fail
# ktest: FAILURES
"""

UNKNOWN_SUITE = """\
KTAP version 1
# ktest: unknown suite 'nosuch'
# valid suites: all, boot, mm, selftest_fail (manual), bench (manual)
Bail out! bad ktest= selection
"""


def convert(serial, status, arch='riscv64', expect_fail=False, timed_out=None,
            expect_output=()):
    out = []
    conv = KtapConverter(arch, expect_fail, out.append)
    for line in serial.splitlines():
        conv.feed(line + '\r')  # the kernel writes CR LF
    ok = conv.finish(status, timed_out, expect_output)
    return ok, out


def results(out):
    """{name: (ok, directive)} of the TAP test lines."""
    r = {}
    for line in out:
        m = re.match(r'^(not ok|ok) \d+ ([^#]*?)(?: # (.*))?$', line)
        if m:
            r[m.group(2)] = (m.group(1) == 'ok', m.group(3))
    return r


class ConversionTest(unittest.TestCase):
    def test_passing_run(self):
        ok, out = convert(PASSING, 0)
        self.assertTrue(ok)
        r = results(out)
        self.assertEqual(r['boot.upper_half'], (True, None))
        self.assertEqual(r['boot.memory_size'], (True, 'SKIP no ktest.mem= on the command line'))
        self.assertEqual(r['mm.double_free_refused'], (True, None))
        self.assertEqual(r['ktap_complete'], (True, None))
        self.assertEqual(r['qemu_exit_status'], (True, None))
        # Sequential numbers, plan at the end, diagnostics kept, kernel log lines dropped.
        numbers = [int(line.split()[1]) for line in out if line.startswith('ok ')]
        self.assertEqual(numbers, list(range(1, 8)))
        self.assertEqual(out[-1], '1..7')
        self.assertIn('# boot.wx_whole_table: 85 leaf mappings walked', out)
        self.assertFalse(any('pmm: double free' in line for line in out))
        self.assertFalse(any('last 40 lines' in line for line in out))

    def test_failure_is_reported(self):
        ok, out = convert(SELFTEST_FAIL, 1)
        self.assertFalse(ok)
        r = results(out)
        self.assertEqual(r['selftest_fail.passes'], (True, None))
        self.assertEqual(r['selftest_fail.fails_on_purpose'], (False, None))
        self.assertFalse(r['qemu_exit_status'][0])
        self.assertTrue(r['ktap_complete'][0])
        self.assertIn('# ---- last 10 lines of serial output ----', out)

    def test_expect_fail(self):
        ok, out = convert(SELFTEST_FAIL, 1, expect_fail=True)
        self.assertTrue(ok, out)
        r = results(out)
        self.assertEqual(r['selftest_fail.fails_on_purpose'][0], True)
        self.assertIn('expected failure', r['selftest_fail.fails_on_purpose'][1])
        self.assertFalse(any(line.startswith('not ok') for line in out))

    def test_expect_fail_but_kernel_passed(self):
        ok, out = convert(PASSING, 0, expect_fail=True)
        self.assertFalse(ok)
        self.assertFalse(results(out)['qemu_exit_status'][0])

    def test_expect_fail_needs_a_not_ok(self):
        # The fail status alone is not enough: the kernel must have said what failed.
        ok, out = convert(PASSING.replace('all passed', 'FAILURES'), 1, expect_fail=True)
        self.assertFalse(ok)
        self.assertIn('no "not ok"', results(out)['qemu_exit_status'][1])

    def test_expect_fail_rejects_a_panic(self):
        serial = SELFTEST_FAIL.split('not ok 1 selftest_fail')[0] + \
            'Kernel panic - not syncing: oops\n---[ end Kernel panic ]---\n'
        ok, out = convert(serial, 2, expect_fail=True)
        self.assertFalse(ok)
        r = results(out)
        self.assertFalse(r['qemu_exit_status'][0])
        self.assertIn('kernel panic', r['ktap_complete'][1])

    def test_unknown_suite(self):
        ok, out = convert(UNKNOWN_SUITE, 1, expect_fail=True,
                          expect_output=["unknown suite 'nosuch'"])
        self.assertTrue(ok, out)
        self.assertTrue(results(out)["expect_output /unknown suite 'nosuch'/"][0])
        self.assertIn('# kernel: Bail out! bad ktest= selection', out)
        # A real "Bail out!" would make meson fail the test: it must not be passed through.
        self.assertFalse(any(line.startswith('Bail out!') for line in out))

    def test_unknown_suite_without_expect_fail(self):
        ok, out = convert(UNKNOWN_SUITE, 1)
        self.assertFalse(ok)
        self.assertIn('bailed out', results(out)['ktap_complete'][1])

    def test_expect_output_missing(self):
        ok, out = convert(PASSING, 0, expect_output=['no such line'])
        self.assertFalse(ok)
        self.assertFalse(results(out)['expect_output /no such line/'][0])

    def test_stopped_early(self):
        serial = PASSING.split('    ok 2 double_free_refused')[0]
        ok, out = convert(serial, None, timed_out=30)
        self.assertFalse(ok)
        why = results(out)['ktap_complete'][1]
        self.assertIn('timed out after 30 s', why)
        self.assertIn('1 of 2 suites reported (inside suite mm after 1 cases)', why)
        self.assertIn('no exit status', results(out)['qemu_exit_status'][1])
        # The tail of the serial output is printed as diagnostics.
        self.assertIn('# pmm: double free of page 0x80087000 (freeing 1 page(s) at 0x80087000)',
                      out)

    def test_case_count_mismatch(self):
        serial = PASSING.replace('    1..2\n', '    1..3\n')
        ok, out = convert(serial, 0)
        self.assertFalse(ok)
        self.assertIn('suite mm planned 3 cases, ran 2', results(out)['ktap_complete'][1])

    def test_no_ktap_at_all(self):
        ok, out = convert('OpenSBI v1.1\nsome garbage\n', 0)
        self.assertFalse(ok)
        self.assertIn('no "KTAP version 1"', results(out)['ktap_complete'][1])

    def test_suite_failing_without_a_failing_case(self):
        serial = PASSING.replace('ok 2 mm', 'not ok 2 mm').replace('all passed', 'FAILURES')
        ok, out = convert(serial, 1)
        self.assertFalse(ok)
        self.assertEqual(results(out)['mm'], (False, None))

    def test_hash_in_a_name_is_escaped(self):
        ok, out = convert(PASSING, 0, expect_output=['boot#x?'])
        self.assertIn('expect_output /boot\\x23x?/', results(out))

    def test_x86_statuses(self):
        self.assertTrue(convert(PASSING, 33, arch='x86_64')[0])
        self.assertTrue(convert(SELFTEST_FAIL, 35, arch='x86_64', expect_fail=True)[0])
        # A triple fault with -no-reboot exits 0: never a pass on x86_64.
        ok, out = convert(PASSING, 0, arch='x86_64')
        self.assertFalse(ok)
        self.assertIn('triple fault', results(out)['qemu_exit_status'][1])
        self.assertFalse(convert(PASSING, 37, arch='x86_64')[0])

    def test_status_names(self):
        self.assertEqual(qemu_runner.status_name('arm64', 2), 'panic')
        self.assertEqual(qemu_runner.status_name('x86_64', 35), 'fail')
        self.assertEqual(qemu_runner.status_name('riscv64', -9), 'killed by signal 9')


class CommandTest(unittest.TestCase):
    def test_flags_per_arch(self):
        cmd = build_command('x86_64', 'k.elf', 256, 'ktest=all')
        self.assertEqual(cmd[:5], ['qemu-system-x86_64', '-M', 'q35', '-cpu', 'qemu64'])
        self.assertIn('isa-debug-exit,iobase=0xf4,iosize=0x04', cmd)
        self.assertIn('-no-reboot', cmd)
        self.assertEqual(cmd[cmd.index('-m') + 1], '256M')
        self.assertEqual(cmd[-4:], ['-kernel', 'k.elf', '-append', 'ktest=all ktest.mem=256M'])
        cmd = build_command('arm64', 'k.elf', machine_opts='gic-version=3')
        self.assertEqual(cmd[:5], ['qemu-system-aarch64', '-M', 'virt,gic-version=3', '-cpu',
                                   'cortex-a57'])
        self.assertIn('-semihosting', cmd)
        cmd = build_command('arm64', 'k.elf', cpu='max')
        self.assertEqual(cmd[cmd.index('-cpu') + 1], 'max')
        cmd = build_command('riscv64', 'k.elf')
        self.assertNotIn('-cpu', cmd)
        self.assertEqual(cmd[cmd.index('-bios') + 1], 'default')
        for arch in ARCHES:
            cmd = build_command(arch, 'k')
            self.assertIn('-nodefaults', cmd)
            self.assertEqual(cmd[cmd.index('-serial') + 1], 'stdio')

    def test_ktest_mem_always_appended(self):
        cmd = build_command('riscv64', 'k', 512)
        self.assertEqual(cmd[-1], 'ktest.mem=512M')

    def test_interactive_and_monitor(self):
        cmd = build_command('riscv64', 'k', interactive=True, monitor='/tmp/x/m.sock',
                            qemu_args=['-S', '-gdb', 'tcp::1234'])
        self.assertEqual(cmd[cmd.index('-serial') + 1], 'mon:stdio')
        self.assertIn('unix:/tmp/x/m.sock,server=on,wait=off', cmd)
        self.assertIn('-S', cmd)

    def test_print_cmd(self):
        r = subprocess.run([sys.executable, RUNNER, '--arch', 'x86_64', '--build-dir', 'b',
                            '--print-cmd', '--interactive', '--append', 'a="x y"',
                            '--qemu-arg=-S'],
                           stdout=subprocess.PIPE, text=True, timeout=30, check=True)
        self.assertIn("-kernel b/kernel/tristack.mb.elf -append 'a=\"x y\" ktest.mem=128M'",
                      r.stdout)
        self.assertIn(' -S ', r.stdout)


FAKE_QEMU = textwrap.dedent('''\
    #!%s
    import os, sys, time, subprocess
    mode = os.environ['FAKE_QEMU_MODE']
    sys.stdout.write(os.environ.get('FAKE_QEMU_OUTPUT', ''))
    sys.stdout.flush()
    if mode == 'hang':
        # A child in the same process group, as a helper process of QEMU would be.
        child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])
        with open(os.environ['FAKE_QEMU_PIDS'], 'w') as f:
            f.write('%%d %%d' %% (os.getpid(), child.pid))
        sys.stdout.write('kmon> ')
        sys.stdout.flush()
        time.sleep(600)
    sys.exit(int(os.environ.get('FAKE_QEMU_STATUS', '0')))
    ''') % sys.executable


def read_text(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return ''


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purpose.
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().split(')')[-1].split()[0] != 'Z'
    except OSError:
        return False


class RunTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix='runner-test-')
        d = self.tmp.name
        self.qemu = os.path.join(d, 'fake-qemu')
        with open(self.qemu, 'w') as f:
            f.write(FAKE_QEMU)
        os.chmod(self.qemu, 0o755)
        self.kernel = os.path.join(d, 'kernel.elf')
        open(self.kernel, 'w').close()

    def tearDown(self):
        self.tmp.cleanup()

    def run_runner(self, mode, output='', status=0, extra=(), timeout=60):
        env = dict(os.environ, FAKE_QEMU_MODE=mode, FAKE_QEMU_OUTPUT=output,
                   FAKE_QEMU_STATUS=str(status),
                   FAKE_QEMU_PIDS=os.path.join(self.tmp.name, 'pids'))
        t0 = time.monotonic()
        r = subprocess.run([sys.executable, RUNNER, '--arch', 'riscv64', '--kernel', self.kernel,
                            '--qemu', self.qemu] + list(extra),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                           timeout=timeout)
        return r.returncode, r.stdout, time.monotonic() - t0

    def test_pass(self):
        log = os.path.join(self.tmp.name, 'serial.log')
        rc, out, _ = self.run_runner('exit', PASSING, 0, ['--log', log])
        self.assertEqual(rc, 0, out)
        self.assertTrue(out.startswith('TAP version 13\n# qemu: '))
        self.assertRegex(out, r'# boot_to_ktap_seconds=\d+\.\d\d\n')
        self.assertIn('ok 7 qemu_exit_status', out)
        with open(log) as f:
            self.assertIn('pmm: double free', f.read())

    def test_fail_status(self):
        rc, out, _ = self.run_runner('exit', PASSING, 1)
        self.assertEqual(rc, 1)
        self.assertIn('not ok 7 qemu_exit_status # exit status 1 (fail)', out)

    def test_expect_fail(self):
        rc, out, _ = self.run_runner('exit', SELFTEST_FAIL, 1, ['--expect-fail'])
        self.assertEqual(rc, 0, out)

    def test_timeout_kills_the_process_group(self):
        rc, out, dt = self.run_runner('hang', 'OpenSBI\n', extra=['--timeout', '1.5'])
        self.assertEqual(rc, 1)
        self.assertLess(dt, 15)
        self.assertIn('timed out after 1.5 s', out)
        self.assertIn('# kmon> ', out)  # the unterminated last line is in the tail
        pids = [int(x) for x in read_text(os.path.join(self.tmp.name, 'pids')).split()]
        deadline = time.monotonic() + 5
        while any(alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertFalse([p for p in pids if alive(p)], 'QEMU or its child survived')

    def test_sigterm_stops_qemu(self):
        env = dict(os.environ, FAKE_QEMU_MODE='hang', FAKE_QEMU_OUTPUT='',
                   FAKE_QEMU_PIDS=os.path.join(self.tmp.name, 'pids'))
        p = subprocess.Popen([sys.executable, RUNNER, '--arch', 'riscv64', '--kernel',
                              self.kernel, '--qemu', self.qemu, '--timeout', '60'],
                             stdout=subprocess.PIPE, text=True, env=env)
        pidfile = os.path.join(self.tmp.name, 'pids')
        deadline = time.monotonic() + 20
        while not read_text(pidfile):
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.05)
        p.terminate()  # what meson does on its own timeout
        out, _ = p.communicate(timeout=20)
        self.assertEqual(p.returncode, 1)
        self.assertIn('runner received SIGTERM', out)
        pids = [int(x) for x in read_text(pidfile).split()]
        deadline = time.monotonic() + 5
        while any(alive(x) for x in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertFalse([x for x in pids if alive(x)])

    def test_missing_kernel(self):
        env = dict(os.environ, FAKE_QEMU_MODE='exit')
        r = subprocess.run([sys.executable, RUNNER, '--arch', 'arm64', '--kernel',
                            '/nonexistent/tristack.elf', '--qemu', self.qemu],
                           stdout=subprocess.PIPE, text=True, env=env, timeout=30)
        self.assertEqual(r.returncode, 1)
        self.assertIn('does not exist', r.stdout)
        self.assertIn('not ok 1 ktap_complete', r.stdout)


class MonitorTest(unittest.TestCase):
    def test_monitor_command(self):
        """Against a fake HMP server that answers like QEMU's (echo with escape sequences)."""
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, 'm.sock')
            srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            srv.bind(path)
            srv.listen(1)
            got = []

            def serve():
                conn, _ = srv.accept()
                with conn:
                    conn.sendall(b'QEMU 7.2.0 monitor - type \'help\' for more information\r\n'
                                 b'(qemu) ')
                    data = b''
                    while not data.endswith(b'\n'):
                        data += conn.recv(100)
                    got.append(data)
                    conn.sendall(b'n\x1b[K\x1b[Dnm\x1b[K\x1b[D\x1b[Dnmi\x1b[K\r\n'
                                 b'done\r\n(qemu) ')

            t = threading.Thread(target=serve)
            t.start()
            out = qemu_runner.monitor_command(path, 'nmi', timeout=10)
            t.join(10)
            srv.close()
        self.assertEqual(got, [b'nmi\n'])
        self.assertEqual(out, 'done')

    def test_no_monitor(self):
        with self.assertRaises(TimeoutError):
            qemu_runner.monitor_command('/nonexistent/m.sock', 'nmi', timeout=0.3)


if __name__ == '__main__':
    unittest.main(verbosity=2)
