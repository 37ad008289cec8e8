#!/usr/bin/env python3
"""Checks that every .c and .h file of the source tree is formatted as .clang-format says.

  check_format.py SOURCE_ROOT

Runs `clang-format --dry-run --Werror` on all of them at once (so the list of files is made
when the test runs, not when meson was configured) and lists the files that differ. Exits 77,
which meson counts as "skipped", when clang-format is not installed. Fix a file with
`clang-format -i FILE`.
"""

import os
import shutil
import subprocess
import sys

SKIP = 77
# Build directories (any directory holding a meson-private/) and hidden ones are not sources.
EXCLUDE_DIRS = {'.git', 'build', '__pycache__'}


def sources(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames
                             if d not in EXCLUDE_DIRS and not d.startswith('.')
                             and not os.path.isdir(os.path.join(dirpath, d, 'meson-private')))
        for f in sorted(filenames):
            if f.endswith(('.c', '.h')):
                yield os.path.relpath(os.path.join(dirpath, f), root)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else '.'
    exe = shutil.which('clang-format')
    if exe is None:
        print('clang-format not found: skipping the format check (apt-get install clang-format)')
        return SKIP
    files = list(sources(root))
    r = subprocess.run([exe, '--dry-run', '--Werror'] + files, cwd=root,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=100)
    if r.returncode == 0:
        print('%d files formatted as .clang-format says' % len(files))
        return 0
    bad = sorted({line.split(':', 1)[0] for line in r.stdout.splitlines()
                  if ': error: code should be clang-formatted' in line})
    print(r.stdout[-4000:])
    print('%d of %d files need clang-format -i:' % (len(bad), len(files)))
    for f in bad:
        print('  ' + f)
    return 1


if __name__ == '__main__':
    sys.exit(main())
