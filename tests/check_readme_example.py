#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compiles the test example of README.md ("Adding a test") as the kernel's tests are compiled,
so that the example cannot go stale: a header it forgets or an API that changed fails here.

  check_readme_example.py README.md -- CC ARGS...

Prints TAP.
"""
import os
import re
import subprocess
import sys
import tempfile


def main():
    sep = sys.argv.index('--')
    readme, cc = sys.argv[1], sys.argv[sep + 1:]
    text = open(readme).read()
    section = text[text.index('## Adding a test'):]
    m = re.search(r'```c\n(.*?)```', section, re.S)
    print('TAP version 13')
    print('1..2')
    print('%s 1 README.md has a C example under "Adding a test"' % ('ok' if m else 'not ok'))
    if not m:
        return 1
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, 'readme_example.c')
        open(src, 'w').write(m.group(1))
        r = subprocess.run(cc + ['-fsyntax-only', src], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    ok = r.returncode == 0
    print('%s 2 the example compiles with the kernel\'s flags' % ('ok' if ok else 'not ok'))
    for line in r.stdout.splitlines()[:20]:
        print('# ' + line)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
