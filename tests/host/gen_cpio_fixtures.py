#!/usr/bin/env python3
"""Makes the archives tests/host/test_cpio.c reads (Python 3 standard library only).

  gen_cpio_fixtures.py --manifest MANIFEST --mkcpio ARCHIVE [--gnu-cpio CPIO --gnu ARCHIVE]

Creates a small tree of files in a temporary directory, with sizes and name lengths chosen so
that every padding case of the newc format occurs (sizes 0..9 and around the 110-byte header,
names of every length modulo 4, a nested directory, files of a page and more), then archives it
twice:
with tools/mkcpio.py, and with GNU cpio (`cpio -o -H newc`, file list on stdin, as one makes
an initramfs by hand) when --gnu-cpio is given. The GNU archive also holds a symbolic link,
which the reader must not return as a file.

MANIFEST lists what the archives hold, one entry per line, for the C test:

  file NAME SIZE SEED     a regular file; byte i is content_byte(SEED, i)
  dir NAME                a directory
  symlink NAME            a symbolic link (GNU archive only)
"""

import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, '..', '..', 'tools'))
import mkcpio  # noqa: E402

# (name, size): the file set. Seeds are the positions in this list.
FILES = [('e', 0)] + [('f' + 'x' * n, n) for n in range(1, 10)] + [
    ('bin/hello', 109),
    ('bin/init', 110),
    ('bin/sh', 111),
    ('a/b/c/deep.bin', 4096),
    ('big', 5001),
]
DIRS = ['a', 'a/b', 'a/b/c', 'bin']


def content_byte(seed, i):
    """The same formula as test_cpio.c's content_byte()."""
    return (seed * 131 + i * 7 + (i >> 8)) & 0xff


def content(seed, size):
    return bytes(content_byte(seed, i) for i in range(size))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--manifest', required=True)
    ap.add_argument('--mkcpio', required=True)
    ap.add_argument('--gnu-cpio', help='path of GNU cpio')
    ap.add_argument('--gnu', help='the archive GNU cpio writes')
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        for d in DIRS:
            os.makedirs(os.path.join(tmp, d), exist_ok=True)
        for seed, (name, size) in enumerate(FILES):
            with open(os.path.join(tmp, name), 'wb') as f:
                f.write(content(seed, size))

        data = mkcpio.build([(name, os.path.join(tmp, name)) for name, _ in FILES])
        with open(args.mkcpio, 'wb') as f:
            f.write(data)

        if args.gnu_cpio:
            os.symlink('bin/hello', os.path.join(tmp, 'link'))
            names = DIRS + [name for name, _ in FILES] + ['link']
            with open(args.gnu, 'wb') as out:
                subprocess.run([args.gnu_cpio, '--quiet', '-o', '-H', 'newc'], cwd=tmp,
                               input=('\n'.join(names) + '\n').encode(), stdout=out,
                               check=True)

    with open(args.manifest, 'w') as m:
        for d in DIRS:
            m.write(f'dir {d}\n')
        for seed, (name, size) in enumerate(FILES):
            m.write(f'file {name} {size} {seed}\n')
        if args.gnu_cpio:
            m.write('symlink link\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
