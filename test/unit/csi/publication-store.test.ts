// The plugin's records on disk and its stat probe, against a temporary folder (no mounts needed).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PathProber } from '../../../csi/path-probe';
import { Publication } from '../../../csi/publication';
import { PublicationStore } from '../../../csi/publication-store';

const dir = mkdtempSync(path.join(tmpdir(), 'csi-store-'));
const record = (target: string): Publication => ({ volumeId: 'ns-data', targetPath: target, method: 'bind', fluidPath: '/f', mountType: '', subPath: '', readOnly: false });

test('records survive as files: saved, listed, removed; a missing folder lists none', async () => {
  expect(await new PublicationStore(path.join(dir, 'absent')).list()).toEqual([]);
  const store = new PublicationStore(path.join(dir, 'records'));
  await store.save(record('/t1'));
  await store.save(record('/t2'));
  await store.save({ ...record('/t1'), readOnly: true });
  expect((await store.list()).map((p) => [p.targetPath, p.readOnly]).sort()).toEqual([['/t1', true], ['/t2', false]]);
  await store.remove('/t1');
  await store.remove('/never');
  expect((await store.list()).map((p) => p.targetPath)).toEqual(['/t2']);
});

test('an unreadable record is reported and skipped, never fatal', async () => {
  const store = new PublicationStore(path.join(dir, 'bad'));
  await store.save(record('/t'));
  writeFileSync(path.join(dir, 'bad', 'broken.json'), '{');
  const bad: string[] = [];
  expect((await store.list((file) => bad.push(path.basename(file)))).map((p) => p.targetPath)).toEqual(['/t']);
  expect(bad).toEqual(['broken.json']);
});

test('a stat probe says ok (and whether a folder), or missing', async () => {
  const prober = new PathProber();
  writeFileSync(path.join(dir, 'file'), 'x');
  expect(await prober.probe(dir)).toEqual({ kind: 'ok', isDirectory: true });
  expect(await prober.probe(path.join(dir, 'file'))).toEqual({ kind: 'ok', isDirectory: false });
  expect(await prober.probe(path.join(dir, 'nothing', 'here'))).toEqual({ kind: 'missing' });
});
