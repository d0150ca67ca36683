// The tar writer against GNU tar: every entry type, names past ustar's 100 bytes, and byte-identical output for the
// same entries (the image tags depend on it).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { entryFor, parentDirs, sha256File, treeEntries, writeLayer } from '../../../images/layer';
import { paxRecord } from '../../../images/tar-writer';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tar-writer-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const longName = `${'deep/'.repeat(25)}file-with-a-long-name.txt`;

async function sample(out: string): Promise<string> {
  const src = path.join(dir, 'src');
  fs.mkdirSync(path.join(src, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(src, 'bin', 'tool'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
  fs.writeFileSync(path.join(src, 'empty'), '');
  fs.writeFileSync(path.join(src, 'big'), Buffer.alloc(70_000, 7));
  fs.symlinkSync('bin/tool', path.join(src, 'link'));
  const entries = [
    ...await treeEntries(src, 'root'),
    { type: 'data' as const, path: longName, mode: 0o640, data: Buffer.from('long\n') },
  ];
  const layer = await writeLayer(out, [{ type: 'dir', path: 'root', mode: 0o755 }, ...parentDirs([longName]), ...entries], 'test');
  expect(layer.digest).toBe(await sha256File(out));
  expect(layer.size).toBe(fs.statSync(out).size);
  return layer.digest;
}

test('GNU tar reads every entry with its type, mode, owner, size and link target', async () => {
  const out = path.join(dir, 'a.tar');
  await sample(out);
  const listing = execFileSync('tar', ['--list', '--verbose', '--numeric-owner', '--file', out], { encoding: 'utf8' }).trim().split('\n');
  const byName = new Map(listing.map((l) => [l.split(/\s+/).slice(5).join(' '), l]));
  expect(byName.get('root/bin/tool')).toMatch(/^-rwxr-xr-x 0\/0 +18 1970-01-01 00:00/);
  expect(byName.get('root/big')).toMatch(/^-rw-r--r-- 0\/0 +70000 /);
  expect(byName.get('root/link -> bin/tool')).toMatch(/^lrwxrwxrwx 0\/0/);
  expect(byName.get('root/bin/')).toMatch(/^drwxr-xr-x 0\/0/);
  expect(byName.get(longName)).toMatch(/^-rw-r----- 0\/0 +5 /);
  execFileSync('tar', ['--extract', '--file', out, '--directory', dir]);
  expect(fs.readFileSync(path.join(dir, longName), 'utf8')).toBe('long\n');
  expect(fs.readFileSync(path.join(dir, 'root', 'big')).equals(Buffer.alloc(70_000, 7))).toBe(true);
});

test('the same entries give the same bytes', async () => {
  const first = await sample(path.join(dir, 'a.tar'));
  fs.rmSync(path.join(dir, 'src'), { recursive: true });
  expect(await sample(path.join(dir, 'b.tar'))).toBe(first);
});

test('a file that changes size while it is archived is an error, not a corrupt layer', async () => {
  const file = path.join(dir, 'f');
  fs.writeFileSync(file, 'abc');
  const entry = await entryFor(file, 'f');
  fs.writeFileSync(file, 'abcdef');
  await expect(writeLayer(path.join(dir, 'x.tar'), [entry], 'test')).rejects.toThrow(/changed size while it was archived \(3 → 6 bytes\)/);
});

test('a pax record counts its own length', () => {
  expect(paxRecord('path', 'a')).toBe('9 path=a\n');
  // One byte more crosses to two digits, which adds one more.
  expect(paxRecord('path', 'ab')).toBe('11 path=ab\n');
  const r = paxRecord('path', 'x'.repeat(95));
  expect(Buffer.byteLength(r)).toBe(Number(r.split(' ')[0]));
});

test('a socket or device cannot go into a layer', async () => {
  await expect(entryFor('/dev/null', 'null')).rejects.toThrow(/neither a file, a folder nor a symlink/);
});
