#!/usr/bin/env python3
"""Unit tests of tools/mkcpio.py (standard library unittest; run by meson in build/host).

The C reader's side is tests/host/test_cpio.c; here: the bytes mkcpio writes follow the newc
layout, they are the same on every run, GNU cpio (when installed) lists and extracts them to
the same files, and bad arguments fail cleanly without leaving an archive behind.
"""

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
MKCPIO = os.path.join(HERE, '..', '..', 'tools', 'mkcpio.py')
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(MKCPIO))
import mkcpio  # noqa: E402


def parse(data):
    """[(name, mode, data, header offset)] of a newc archive, trailer excluded; an independent
    reading, strict about the layout."""
    out, off = [], 0
    while True:
        assert off % 4 == 0, off
        assert data[off:off + 6] == b'070701', data[off:off + 6]
        fields = [int(data[off + 6 + 8 * i:off + 14 + 8 * i], 16) for i in range(13)]
        mode, filesize, namesize = fields[1], fields[6], fields[11]
        name_off = off + 110
        name = data[name_off:name_off + namesize]
        assert name.endswith(b'\0') and b'\0' not in name[:-1]
        data_off = (name_off + namesize + 3) & ~3
        assert data[name_off + namesize:data_off] == b'\0' * (data_off - name_off - namesize)
        if name == b'TRAILER!!!\0':
            assert data_off == len(data), 'nothing may follow the trailer'
            return out
        out.append((name[:-1].decode(), mode, data[data_off:data_off + filesize], off))
        off = (data_off + filesize + 3) & ~3


class MkcpioTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.files = {}
        for name, size, mode in [('hello', 5, 0o755), ('init', 0, 0o700), ('note', 7, 0o644)]:
            path = os.path.join(self.tmp, name)
            with open(path, 'wb') as f:
                f.write(bytes((i * 13) & 0xff for i in range(size)))
            os.chmod(path, mode)
            self.files[name] = path

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def run_mkcpio(self, *entries, output=None):
        output = output or os.path.join(self.tmp, 'out.cpio')
        r = subprocess.run([sys.executable, MKCPIO, '--output', output, *entries],
                           capture_output=True, text=True)
        return r, output

    def test_layout_and_parents(self):
        r, out = self.run_mkcpio(f'bin/hello={self.files["hello"]}',
                                 f'/bin/init={self.files["init"]}',
                                 f'./etc/deep/note={self.files["note"]}')
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, 'rb') as f:
            entries = parse(f.read())
        names = [e[0] for e in entries]
        # Parents first, each once; leading "/" and "./" dropped.
        self.assertEqual(names, ['bin', 'bin/hello', 'bin/init', 'etc', 'etc/deep',
                                 'etc/deep/note'])
        modes = {e[0]: e[1] for e in entries}
        self.assertEqual(modes['bin'], stat.S_IFDIR | 0o755)
        self.assertEqual(modes['bin/hello'], stat.S_IFREG | 0o755)
        self.assertEqual(modes['bin/init'], stat.S_IFREG | 0o700)
        for name, path in [('bin/hello', 'hello'), ('bin/init', 'init'),
                           ('etc/deep/note', 'note')]:
            with open(self.files[path], 'rb') as f:
                self.assertEqual(next(e[2] for e in entries if e[0] == name), f.read())

    def test_reproducible(self):
        args = [f'bin/hello={self.files["hello"]}', f'bin/note={self.files["note"]}']
        _, a = self.run_mkcpio(*args, output=os.path.join(self.tmp, 'a.cpio'))
        os.utime(self.files['hello'], (1, 1))  # times and owners are not recorded
        _, b = self.run_mkcpio(*args, output=os.path.join(self.tmp, 'b.cpio'))
        with open(a, 'rb') as fa, open(b, 'rb') as fb:
            self.assertEqual(fa.read(), fb.read())

    def test_bad_arguments(self):
        out = os.path.join(self.tmp, 'bad.cpio')
        for entries in [['bin/x=' + os.path.join(self.tmp, 'missing')],
                        ['../x=' + self.files['hello']],
                        ['=' + self.files['hello']],
                        ['no-equals-sign'],
                        ['bin/x=' + self.tmp],  # a directory
                        ['a=' + self.files['hello'], 'a=' + self.files['init']],
                        ['a=' + self.files['hello'], 'a/b=' + self.files['init']]]:
            r, _ = self.run_mkcpio(*entries, output=out)
            self.assertEqual(r.returncode, 1, entries)
            self.assertIn('mkcpio:', r.stderr)
            self.assertFalse(os.path.exists(out), entries)

    @unittest.skipUnless(shutil.which('cpio'), 'GNU cpio is not installed')
    def test_gnu_cpio_reads_it(self):
        r, out = self.run_mkcpio(f'bin/hello={self.files["hello"]}',
                                 f'etc/note={self.files["note"]}',
                                 f'init={self.files["init"]}')
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, 'rb') as f:
            listing = subprocess.run(['cpio', '-it', '--quiet'], stdin=f, capture_output=True,
                                     text=True, check=True).stdout.split()
        self.assertEqual(listing, ['bin', 'bin/hello', 'etc', 'etc/note', 'init'])
        dest = os.path.join(self.tmp, 'x')
        os.mkdir(dest)
        with open(out, 'rb') as f:
            subprocess.run(['cpio', '-idm', '--quiet'], stdin=f, cwd=dest, check=True)
        for name, src in [('bin/hello', 'hello'), ('etc/note', 'note'), ('init', 'init')]:
            with open(os.path.join(dest, name), 'rb') as a, open(self.files[src], 'rb') as b:
                self.assertEqual(a.read(), b.read(), name)
            self.assertEqual(stat.S_IMODE(os.stat(os.path.join(dest, name)).st_mode),
                             stat.S_IMODE(os.stat(self.files[src]).st_mode), name)

    def test_build_api(self):
        # gen_cpio_fixtures.py imports build() directly.
        data = mkcpio.build([('x', self.files['note'])])
        self.assertEqual([e[0] for e in parse(data)], ['x'])


if __name__ == '__main__':
    unittest.main()
