#!/usr/bin/env python3
"""Proves that with the stack-switch tracer off the entry code is exactly the code without it.

  check_trace_off.py --objdump OBJDUMP --out DIR FILE.S... -- COMPILER ARGS...

Every recording point in arch/<arch>/entry.S and switch.S is one line invoking a TRACE_* macro
(arch/<arch>/include/asm/sstrace.h). For each file this assembles three objects with the
given compiler and flags:

  off:      the file as it is, with -DCONFIG_STACK_SWITCH_TRACE=0
  stripped: the file with every TRACE_* line deleted, also with the tracer off
  on:       the file as it is, with -DCONFIG_STACK_SWITCH_TRACE=1

and compares their disassembly (instructions and relocations). "off" must equal "stripped":
the tracer leaves nothing behind when it is off, not a branch, a label, a padding byte or a
relocation. "on" must differ from "stripped", or the test would prove nothing (the lines would
have no effect at all). Prints TAP.
"""

import os
import re
import subprocess
import sys

TRACE_LINE = re.compile(r'^\s*TRACE_[A-Z_]+\b')


def disassemble(objdump, obj):
    out = subprocess.run([objdump, '-dr', '--no-show-raw-insn', obj], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    # The first lines name the file; the rest is the code.
    return [l for l in out.splitlines() if l.strip() and not l.startswith(obj) and
            'file format' not in l]


def assemble(cc, src, obj, trace, cwd_src):
    # -I the source's directory, so that a stripped copy elsewhere includes the same headers.
    cmd = cc + ['-DCONFIG_STACK_SWITCH_TRACE=%d' % trace, '-I', os.path.dirname(cwd_src),
                '-c', src, '-o', obj]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode:
        raise RuntimeError('%s\n%s' % (' '.join(cmd), r.stdout))


def main():
    args = sys.argv[1:]
    sep = args.index('--')
    opts, cc = args[:sep], args[sep + 1:]
    objdump = opts[opts.index('--objdump') + 1]
    out = opts[opts.index('--out') + 1]
    files = [a for i, a in enumerate(opts)
             if a.endswith('.S') and opts[i - 1] not in ('--objdump', '--out')]
    # The build's own -DCONFIG_STACK_SWITCH_TRACE is replaced by ours.
    cc = [a for a in cc if not a.startswith('-DCONFIG_STACK_SWITCH_TRACE=')]
    os.makedirs(out, exist_ok=True)
    print('TAP version 13')
    print('1..%d' % (2 * len(files)))
    n = 0
    failed = 0
    for src in files:
        base = os.path.basename(src)[:-2]
        with open(src) as f:
            lines = f.readlines()
        kept = [l for l in lines if not TRACE_LINE.match(l)]
        sites = len(lines) - len(kept)
        stripped = os.path.join(out, base + '.stripped.S')
        with open(stripped, 'w') as f:
            f.writelines(kept)
        objs = {}
        for name, path, trace in (('off', src, 0), ('stripped', stripped, 0), ('on', src, 1)):
            objs[name] = os.path.join(out, '%s.%s.o' % (base, name))
            assemble(cc, path, objs[name], trace, src)
        dis = {k: disassemble(objdump, v) for k, v in objs.items()}
        n += 1
        same = dis['off'] == dis['stripped']
        print('%s %d %s: tracer off == without its %d TRACE_ lines (%d lines of disassembly)' %
              ('ok' if same else 'not ok', n, os.path.basename(src), sites, len(dis['off'])))
        if not same:
            failed += 1
            for a, b in zip(dis['off'], dis['stripped']):
                if a != b:
                    print('# first difference: off "%s" vs stripped "%s"' % (a, b))
                    break
            else:
                print('# lengths differ: %d vs %d' % (len(dis['off']), len(dis['stripped'])))
        n += 1
        differs = sites > 0 and dis['on'] != dis['stripped']
        print('%s %d %s: tracer on adds %d lines of disassembly at %d TRACE_ lines' %
              ('ok' if differs else 'not ok', n, os.path.basename(src),
               len(dis['on']) - len(dis['stripped']), sites))
        if not differs:
            failed += 1
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
