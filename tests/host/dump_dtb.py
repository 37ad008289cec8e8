#!/usr/bin/env python3
"""Writes the device tree QEMU builds for a machine to a file, for tests/host/test_fdt.c.

  dump_dtb.py --qemu qemu-system-aarch64 --output virt.dtb -- -M virt -cpu cortex-a57 -m 512M

runs QEMU with `-machine dumpdtb=FILE`: QEMU builds the machine, writes its DTB and exits. QEMU
accepts -append only together with -kernel, so when the arguments contain -append a dummy kernel
file is passed too (the DTB is written before anything runs).

  dump_dtb.py --qemu qemu-system-riscv64 --output rv.dtb -- --via-opensbi -M virt -m 256M

captures the tree a RISC-V kernel really receives: OpenSBI (QEMU's -bios default) edits QEMU's
tree before it jumps to the kernel, adding a /reserved-memory node for its own memory, which
dumpdtb cannot show. The "kernel" is one instruction that jumps to itself; once the hart sits
on it, the monitor reads a1 (the DTB address, per the SBI boot protocol) and saves the blob
with pmemsave. Every QEMU run has a timeout.

Python 3 standard library only.
"""

import argparse
import os
import re
import struct
import subprocess
import sys
import tempfile
import time

# Import the runner from the source tree without leaving a __pycache__ there.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from qemu_runner import kill_group, monitor_command  # noqa: E402

FDT_MAGIC = 0xd00dfeed
TIMEOUT = 30
RISCV_KERNEL_BASE = 0x80200000  # where QEMU loads a raw -kernel after OpenSBI (docs/design.md, machine facts)
JUMP_TO_SELF = struct.pack('<I', 0x0000006f)  # jal x0, 0


def check_blob(path):
    with open(path, 'rb') as f:
        head = f.read(8)
    if len(head) < 8 or struct.unpack('>I', head[:4])[0] != FDT_MAGIC:
        sys.exit('dump_dtb: %s is not a device tree blob' % path)


def dump_with_dumpdtb(qemu, args, output, tmp):
    extra = []
    if '-append' in args and '-kernel' not in args:
        dummy = os.path.join(tmp, 'dummy-kernel.bin')
        with open(dummy, 'wb') as f:
            f.write(JUMP_TO_SELF)
        extra = ['-kernel', dummy]
    cmd = [qemu] + args + extra + ['-display', 'none', '-machine', 'dumpdtb=' + output]
    try:
        subprocess.run(cmd, stdin=subprocess.DEVNULL, timeout=TIMEOUT, check=True)
    except subprocess.TimeoutExpired:
        sys.exit('dump_dtb: %s did not exit within %d s' % (cmd[0], TIMEOUT))
    except subprocess.CalledProcessError as e:
        sys.exit('dump_dtb: %s failed with status %d' % (' '.join(cmd), e.returncode))


def dump_via_opensbi(qemu, args, output, tmp):
    kernel = os.path.join(tmp, 'loop.bin')
    with open(kernel, 'wb') as f:
        f.write(JUMP_TO_SELF)
    sock = os.path.join(tmp, 'monitor.sock')
    cmd = [qemu] + args + ['-nodefaults', '-display', 'none', '-serial', 'none',
                           '-bios', 'default', '-kernel', kernel,
                           '-monitor', 'unix:%s,server=on,wait=off' % sock]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            if proc.poll() is not None:
                sys.exit('dump_dtb: QEMU exited with status %d' % proc.returncode)
            if time.monotonic() > deadline:
                sys.exit('dump_dtb: the hart never reached %#x' % RISCV_KERNEL_BASE)
            try:
                regs = monitor_command(sock, 'info registers', timeout=5)
            except (OSError, TimeoutError):
                time.sleep(0.05)
                continue
            pc = re.search(r'\bpc\s+([0-9a-f]+)', regs)
            a1 = re.search(r'x11/a1\s+([0-9a-f]+)', regs)
            if pc and a1 and int(pc.group(1), 16) == RISCV_KERNEL_BASE:
                break
            time.sleep(0.05)
        addr = int(a1.group(1), 16)
        head = os.path.join(tmp, 'head.bin')
        monitor_command(sock, 'pmemsave %#x 40 "%s"' % (addr, head))
        with open(head, 'rb') as f:
            magic, total = struct.unpack('>II', f.read(8))
        if magic != FDT_MAGIC or not 40 <= total <= (2 << 20):
            sys.exit('dump_dtb: no device tree at a1=%#x' % addr)
        monitor_command(sock, 'pmemsave %#x %d "%s"' % (addr, total, output))
        monitor_command(sock, 'quit')
        proc.wait(timeout=10)
    finally:
        kill_group(proc)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--qemu', required=True)
    p.add_argument('--output', required=True)
    p.add_argument('args', nargs=argparse.REMAINDER, help='-- then QEMU arguments')
    a = p.parse_args()
    args = a.args[1:] if a.args[:1] == ['--'] else a.args
    via_opensbi = '--via-opensbi' in args
    args = [x for x in args if x != '--via-opensbi']
    output = os.path.abspath(a.output)
    with tempfile.TemporaryDirectory(prefix='tristack-dtb-') as tmp:
        partial = os.path.join(tmp, 'out.dtb')
        if via_opensbi:
            dump_via_opensbi(a.qemu, args, partial, tmp)
        else:
            dump_with_dumpdtb(a.qemu, args, partial, tmp)
        check_blob(partial)
        # Written in one step, so that a failed run never leaves a half file for ninja.
        with open(partial, 'rb') as src, open(output + '.tmp', 'wb') as dst:
            dst.write(src.read())
        os.replace(output + '.tmp', output)


if __name__ == '__main__':
    main()
