#!/usr/bin/env python3
"""Proves that the kernel uses no floating-point or SIMD register (docs/design.md, claim 2).

  check_no_fp.py --arch ARCH --objdump OBJDUMP ELF...

The kernel is compiled with -mgeneral-regs-only (x86_64, arm64) or for rv64imac (riscv64, no F
or D extension), and x86_64 adds -mno-red-zone; the kernel never saves the FP/SIMD state of what
it interrupts, so a single FP or SIMD instruction anywhere in it (a compiler-generated memcpy
through xmm registers, a stray `float`) would corrupt a user program's registers. This
disassembles the whole image and fails on any instruction that names an FP/SIMD register or is an
FP/SIMD instruction:

  x86_64   %xmm/%ymm/%zmm/%mm/%st registers, x87 instructions (every mnemonic starting with f),
           fxsave/xsave and friends;
  arm64    v0-v31, q/d/s/h/b registers, FP instructions (fmov, fadd, ... scvtf, ucvtf);
  riscv64  f0-f31 and the ABI names ft/fs/fa, FP loads and stores (flw, fld, fsw, fsd, ...)
           and FP arithmetic (everything starting with f but fence).

Two functions are allowed their FP instructions: fpu_save_state and fpu_restore_state
(arch/<arch>/fpu.S), which save and load a user process's registers (--allow-in). The check
fails if one of them has no FP instruction in the scanned files, so the exception cannot
outlive its reason. (User programs use FP freely: the kernel keeps each one's registers.)

Before scanning it checks its own patterns on known lines (FP ones must match, integer ones must
not), so the test cannot pass by matching nothing. Prints TAP.
"""

import argparse
import re
import subprocess
import sys

# Lines the patterns must catch, and lines they must leave alone (mnemonic and operands).
SELF_CHECK = {
    'x86_64': (['movaps %xmm0,%xmm1', 'fldl 0x8(%rsp)', 'pxor %xmm1,%xmm1', 'fxsave64 (%rdi)'],
               ['mov %rsp,%rbp', 'push %r15', 'cld', 'sti']),
    'arm64': (['fmov d0, x1', 'ldr q0, [x0]', 'str d8, [sp, #16]', 'movi v0.16b, #0x0'],
              ['mov x0, sp', 'b 0xffff0000', 'ldp x29, x30, [sp], #16', 'bl 0x1000 <foo>']),
    'riscv64': (['fld fa0,0(a0)', 'fsd fs0,8(sp)', 'fmv.d.x ft0,a0'],
                ['fence', 'fence.i', 'ld s0,8(sp)', 'sd a0,0(sp)', 'addi sp,sp,-16']),
}


# LAB 6: BEGIN
PATTERNS = {
    'x86_64': [
        re.compile(r'%[xyz]mm\d|%mm\d|%st\b|%st\('),
        re.compile(r'^(f[a-z0-9]+|fxsave\w*|fxrstor\w*|xsave\w*|xrstor\w*|ldmxcsr|stmxcsr|'
                   r'emms|movap[sd]|movup[sd]|movdq[au])\b'),
    ],
    'arm64': [
        re.compile(r'(^|[\s,\[{])[vqdshb]([0-9]|[12][0-9]|3[01])(\.|\b)(?!:)'),
        re.compile(r'^(f[a-z0-9]+|scvtf|ucvtf|ld[1-4]|st[1-4])\b'),
    ],
    'riscv64': [
        re.compile(r'(^|[\s,(])(f([0-9]|[12][0-9]|3[01])|ft([0-9]|1[01])|fs([0-9]|1[01])|'
                   r'fa[0-7])\b'),
        re.compile(r'^(?!fence)f[a-z0-9.]+\b'),
    ],
}


def is_fp(arch, line):
    """Is `line` (mnemonic and operands, as objdump prints them) an FP or SIMD instruction?"""
    return any(p.search(line) for p in PATTERNS[arch])


# LAB 6: ELSE
# PATTERNS = {'x86_64': [], 'arm64': [], 'riscv64': []}
#
#
# def is_fp(arch, line):
#     """Is `line` (mnemonic and operands, as objdump prints them) an FP or SIMD instruction?"""
#     if not getattr(is_fp, 'said', False):
#         print('# lab 6: is_fp() and its PATTERNS (tests/host/check_no_fp.py) are not written '
#               'yet: this is the part the lab asks you to write')
#         is_fp.said = True
#     return False
# LAB 6: END


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--arch', required=True, choices=sorted(PATTERNS))
    ap.add_argument('--objdump', required=True)
    ap.add_argument('--allow-in', action='append', default=[], metavar='SYMBOL',
                    help='a function whose FP instructions are expected')
    ap.add_argument('--hidden-lines', metavar='FILE',
                    help='more lines to judge, "ARCH fp|int LINE" each (lab 6\'s hidden test)')
    ap.add_argument('elfs', nargs='+')
    a = ap.parse_args()
    hidden = []
    if a.hidden_lines:
        for l in open(a.hidden_lines):
            f = l.split(None, 2)
            if len(f) == 3 and not l.startswith('#') and f[0] == a.arch:
                hidden.append((f[1] == 'fp', f[2].strip()))
    print('TAP version 13')
    print('1..%d' % (1 + len(a.elfs) + (1 if a.allow_in else 0) + (1 if hidden else 0)))
    must, mustnt = SELF_CHECK[a.arch]
    bad = [l for l in must if not is_fp(a.arch, l)] + [l for l in mustnt if is_fp(a.arch, l)]
    print('%s 1 the patterns catch FP/SIMD lines and only those' % ('not ok' if bad else 'ok'))
    for l in bad:
        print('# misjudged: %s' % l)
    failed = bool(bad)
    allowed = []
    for n, elf in enumerate(a.elfs, start=2):
        out = subprocess.run([a.objdump, '-d', '--no-show-raw-insn', elf], check=True,
                             stdout=subprocess.PIPE, text=True).stdout
        found, count, func = [], 0, ''
        for line in out.splitlines():
            f = re.match(r'^[0-9a-f]+ <([^>]+)>:$', line)
            if f:
                func = f.group(1)
                continue
            # "ffffffff80200000:\tmnemonic operands": the instruction lines.
            m = re.match(r'^\s*[0-9a-f]+:\s+(\S.*)$', line)
            if not m:
                continue
            count += 1
            insn = ' '.join(m.group(1).split())
            insn = re.sub(r'\s*[#;<].*$', '', insn)  # comments and symbol annotations
            if is_fp(a.arch, insn):
                if func in a.allow_in:
                    allowed.append('%s: %s: %s' % (elf.split('/')[-1], func, line.strip()))
                else:
                    found.append(line.strip())
        ok = count > 0 and not found
        failed |= not ok
        print('%s %d none of the %d instructions of %s uses an FP or SIMD register' %
              ('ok' if ok else 'not ok', n, count, elf.split('/')[-1]))
        for l in found[:20]:
            print('# %s' % l)
    if a.allow_in:
        ok = all(any(': %s: ' % f in l for l in allowed) for f in a.allow_in)
        failed |= not ok
        print('%s %d the FP instructions of %s are there, and only there' %
              ('ok' if ok else 'not ok', len(a.elfs) + 2, ', '.join(a.allow_in)))
        for l in allowed[:5]:
            print('# allowed: %s' % l)
    if hidden:
        bad = [l for fp, l in hidden if is_fp(a.arch, l) != fp]
        failed |= bool(bad)
        print('%s %d the patterns judge the hidden lines right' % (
            'not ok' if bad else 'ok', len(a.elfs) + 2 + (1 if a.allow_in else 0)))
        print('# %d of %d misjudged' % (len(bad), len(hidden)))
    return 1 if failed else 0

if __name__ == '__main__':
    sys.exit(main())
