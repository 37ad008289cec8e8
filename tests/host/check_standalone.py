#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks that the repository stands alone: a student clones only it.

  check_standalone.py ROOT

Fails on any tracked file that points outside the repository (into the course tree that holds
its private design notes and source documents, or at those by their private names), and on any
relative link in a Markdown file that leads to a file that does not exist or out of the
repository.
Prints TAP.
"""
import os
import re
import subprocess
import sys

# What only the course tree has: its design file and its numbered source documents. (Spelt in
# pieces, so that this file does not match itself, nor a grep for them over the repository.)
SHARED, SEED, DESIGN = 'sha' + 'red/', 'se' + 'ed', 'DES' + 'IGN'
OUTSIDE = re.compile(r'\.\./%s|\b%s%s|\b%s\.md\b|\b%ss?/|\b%ss? 00[0-9]\b' %
                     (SHARED, SHARED, DESIGN, DESIGN, SEED, SEED))
LINK = re.compile(r'\]\(([^)#\s]+)(?:#[^)]*)?\)')
# A path in backticks in the docs: starts with a top-level directory of the repository, no
# placeholder in it; an optional :LINE.
TOPDIRS = ('arch', 'kernel', 'include', 'ktest', 'tests', 'tools', 'user', 'docs', 'cross',
           '.ci')
PATHREF = re.compile(r'`((?:%s)/[A-Za-z0-9_./-]+?)(?::(\d+))?`' % '|'.join(re.escape(d) for d in TOPDIRS))


def main():
    root = os.path.abspath(sys.argv[1])
    try:
        files = subprocess.run(['git', '-C', root, 'ls-files'], check=True,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        # Not a git checkout (a source tarball, a CI copy without git): every file but the
        # build directories.
        files = []
        for d, subdirs, names in os.walk(root):
            subdirs[:] = [s for s in subdirs if s not in ('.git', 'build')]
            files += [os.path.relpath(os.path.join(d, n), root) for n in names]
    results = []
    for f in files:
        path = os.path.join(root, f)
        if not os.path.isfile(path):
            continue
        try:
            text = open(path, encoding='utf-8').read()
        except UnicodeDecodeError:
            continue
        for n, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                results.append((False, f'{f}:{n} points outside the repository: {line.strip()[:100]}'))
        if f.endswith('.md'):
            for ref, line in PATHREF.findall(text):
                dest = os.path.join(root, ref.rstrip('/'))
                ok = os.path.exists(dest)
                if ok and line:
                    ok = os.path.isfile(dest) and int(line) <= len(open(dest, errors='replace').read().splitlines())
                results.append((ok, f'{f}: `{ref}{":" + line if line else ""}` is in the repository'))
            for target in LINK.findall(text):
                if re.match(r'[a-z]+:', target):
                    continue  # https:, mailto:
                dest = os.path.normpath(os.path.join(os.path.dirname(path), target))
                inside = dest == root or dest.startswith(root + os.sep)
                ok = inside and os.path.exists(dest)
                results.append((ok, f'{f}: the link {target} leads to a file of the repository'))
    checked = len(files)
    results.insert(0, (checked > 50, f'{checked} tracked files read'))
    must = ['see ../' + SHARED + DESIGN + '.md', 'as ' + SEED + ' 002 says', DESIGN + '.md section 3']
    mustnt = ['randomly seeded', 'docs/design.md, section 3', 'shared by all']
    ok = all(OUTSIDE.search(l) for l in must) and not any(OUTSIDE.search(l) for l in mustnt)
    results.insert(0, (ok, 'the check catches references outside the repository, and only those'))
    print('TAP version 13')
    print(f'1..{len(results)}')
    for i, (ok, what) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {what}")
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
