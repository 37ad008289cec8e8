#!/usr/bin/env python3
"""Proves that a kernel built with -Dktest=false holds no test code.

  check_no_ktest.py --nm NM --objdump OBJDUMP ELF

Fails if any symbol of the image has "ktest" in its name (every test function, descriptor and
helper does: KTEST() names them ktest_<suite>_<case>, the harness is ktest_*), or if the image
has a .ktests section. It first checks that it would see them: the same commands on a symbol
list with a test in it must fail. Prints TAP.
"""

import argparse
import re
import subprocess
import sys


def test_symbols(lines):
    return [l for l in lines if re.search(r'ktest', l, re.IGNORECASE)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--nm', required=True)
    ap.add_argument('--objdump', required=True)
    ap.add_argument('elf')
    a = ap.parse_args()
    print('TAP version 13')
    print('1..3')
    sample = ['ffffffff80201000 T start_kernel', 'ffffffff80230000 r ktest_boot_ksyms_desc']
    ok = test_symbols(sample) == sample[1:]
    print('%s 1 the check finds a test symbol in a sample list' % ('ok' if ok else 'not ok'))
    failed = not ok
    syms = subprocess.run([a.nm, a.elf], check=True, stdout=subprocess.PIPE,
                          text=True).stdout.splitlines()
    found = test_symbols(syms)
    ok = len(syms) > 100 and not found
    failed |= not ok
    print('%s 2 none of the %d symbols of %s is a test' % ('ok' if ok else 'not ok', len(syms),
                                                           a.elf.split('/')[-1]))
    for l in found[:10]:
        print('# %s' % l)
    heads = subprocess.run([a.objdump, '-h', a.elf], check=True, stdout=subprocess.PIPE,
                           text=True).stdout
    ok = '.ktests' not in heads
    failed |= not ok
    print('%s 3 the image has no .ktests section' % ('ok' if ok else 'not ok'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
