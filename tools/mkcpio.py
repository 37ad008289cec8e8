#!/usr/bin/env python3
"""Writes a cpio "newc" archive, the format of Linux's initramfs (Python 3 standard library only).

  mkcpio.py --output ARCHIVE NAME=PATH [NAME=PATH ...]

Each NAME=PATH puts the file PATH into the archive under NAME (e.g. bin/hello=build/user/hello).
Names are stored without a leading "/", as Linux's initramfs and `find . | cpio -o` store them;
the directories above each name get their own entries first (mode 0755), so that `cpio -idv`
recreates the tree. Files keep their permission bits; owner, group and times are 0, and inode
numbers count from 1, so the same inputs always give the same archive, byte for byte.

The format, for every entry (Linux: Documentation/driver-api/early-userspace/buffer-format.rst):

  "070701" then 13 fields of 8 hexadecimal digits: ino mode uid gid nlink mtime filesize
  devmajor devminor rdevmajor rdevminor namesize check      (110 bytes in all)
  the name and its NUL (namesize bytes), padded with NULs to a multiple of 4 bytes
  the data (filesize bytes), padded the same way

and a last entry named "TRAILER!!!". Offsets for the padding count from the start of the
archive. The kernel's reader is kernel/lib/cpio.c; tests/host/test_cpio.c checks the two agree,
and that GNU cpio reads what this script writes.
"""

import argparse
import os
import stat
import sys

MAGIC = b'070701'
TRAILER = 'TRAILER!!!'
DIR_MODE = stat.S_IFDIR | 0o755


class Archive:
    def __init__(self):
        self.out = bytearray()
        self.next_ino = 1

    def _pad4(self):
        self.out += b'\0' * (-len(self.out) % 4)

    def add(self, name, mode, data=b'', nlink=1):
        encoded = name.encode('utf-8') + b'\0'
        ino = 0
        if name != TRAILER:
            ino = self.next_ino
            self.next_ino += 1
        fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, 0, 0, len(encoded), 0]
        # Uppercase hex, as Linux's usr/gen_init_cpio.c writes it; readers take either case.
        self.out += MAGIC + b''.join(b'%08X' % f for f in fields)
        self.out += encoded
        self._pad4()
        self.out += data
        self._pad4()

    def finish(self):
        self.add(TRAILER, 0, nlink=1)
        return bytes(self.out)


def parse_entry(arg):
    if '=' not in arg:
        raise ValueError(f'{arg!r}: expected NAME=PATH')
    name, path = arg.split('=', 1)
    parts = [p for p in name.split('/') if p not in ('', '.')]
    if not parts or '..' in parts:
        raise ValueError(f'{arg!r}: bad name (empty, or with "..")')
    return '/'.join(parts), path


def build(entries):
    """entries: [(name, path)] -> the archive's bytes."""
    archive = Archive()
    dirs, files = set(), set()
    for name, path in entries:
        if name in files or name in dirs:
            raise ValueError(f'{name}: given twice, or also a directory')
        # The directories above the name, outermost first, each once.
        parts = name.split('/')
        for i in range(1, len(parts)):
            d = '/'.join(parts[:i])
            if d in files:
                raise ValueError(f'{name}: {d} is a file, not a directory')
            if d not in dirs:
                dirs.add(d)
                archive.add(d, DIR_MODE, nlink=2)
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(f'{path}: not a regular file')
        with open(path, 'rb') as f:
            data = f.read()
        files.add(name)
        archive.add(name, stat.S_IFREG | stat.S_IMODE(st.st_mode), data)
    return archive.finish()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n', 1)[0])
    ap.add_argument('--output', '-o', required=True, help='the archive to write')
    ap.add_argument('entries', nargs='+', metavar='NAME=PATH')
    args = ap.parse_args(argv)
    try:
        data = build([parse_entry(e) for e in args.entries])
    except (OSError, ValueError) as e:
        print(f'mkcpio: {e}', file=sys.stderr)
        return 1
    # Write then rename, so that a failed run never leaves half an archive for the build.
    tmp = args.output + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(data)
    os.replace(tmp, args.output)
    return 0


if __name__ == '__main__':
    sys.exit(main())
