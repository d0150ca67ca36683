// `fluid-cdk8s synth` through the real binary: every engine sample renders, and each kind of inconsistent input
// exits 1 with a message naming the object and the field.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { REPO_ROOT } from '../../../scripts/fluid-samples';
import { snapshotInputs } from '../../../scripts/snapshot-inputs';

const BIN = join(REPO_ROOT, 'bin', 'fluid-cdk8s.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

function runAsync(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'fluid-cdk8s-synth-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('synth on every engine sample', () => {
  const inputs = snapshotInputs().filter((i) => i.golden.startsWith('fluid-samples/'));

  it('covers every engine with public samples', () => {
    expect(new Set(inputs.flatMap((i) => i.runtimeKinds))).toEqual(
      new Set(['AlluxioRuntime', 'JindoRuntime', 'JuiceFSRuntime', 'ThinRuntime', 'CacheRuntime', 'VineyardRuntime']),
    );
  });

  it('exits 0 for each sample with its Dataset (and profile or class)', async () => {
    const files = inputs.map((input, i) => write(`sample-${i}.yaml`, input.documents.map((d) => stringify(d)).join('---\n')));
    const failures: string[] = [];
    // A few at a time: each run is a separate node process.
    for (let i = 0; i < files.length; i += 6) {
      const batch = files.slice(i, i + 6);
      const results = await Promise.all(batch.map((f) => runAsync(['synth', '-f', f])));
      results.forEach((r, j) => {
        if (r.status !== 0) failures.push(`${inputs[i + j].golden}: exit ${r.status}: ${r.stderr}`);
      });
    }
    expect(failures).toEqual([]);
    // One node process per sample (about 70 of them): minutes on a busy 2-core machine.
  }, 300_000);
});

describe('synth output', () => {
  it('matches the golden file and is the same on every run', () => {
    const first = run('synth', '-f', join(REPO_ROOT, 'examples', 'alluxio-demo.yaml'));
    const second = run('synth', '-f', join(REPO_ROOT, 'examples', 'alluxio-demo.yaml'));
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const golden = readFileSync(join(REPO_ROOT, 'snapshots', 'examples', 'alluxio-demo.yaml'), 'utf8');
    expect(golden.endsWith(first.stdout)).toBe(true);
  });

  it('writes one file per runtime with --output-dir, and a JSON List with -o json', () => {
    const out = join(dir, 'out');
    const result = run('synth', '-f', join(REPO_ROOT, 'examples', 'alluxio-demo.yaml'), join(REPO_ROOT, 'examples', 'thin-nfs-demo.yaml'), '--output-dir', out);
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['alluxioruntime-default-demo-web.yaml', 'dataload-default-demo-web-warmup.yaml', 'thinruntime-default-demo-nfs.yaml']);
    const json = JSON.parse(run('synth', '-o', 'json', '-f', join(REPO_ROOT, 'examples', 'thin-nfs-demo.yaml')).stdout);
    expect(json.kind).toBe('List');
    expect(json.items.map((o: { kind: string }) => o.kind)).toEqual(['ConfigMap', 'DaemonSet', 'PersistentVolume', 'PersistentVolumeClaim']);
  });

  it('writes JSON files with -o json --output-dir, each the List of one runtime', () => {
    const out = join(dir, 'out-json');
    const result = run('synth', '-o', 'json', '--output-dir', out, '-f', join(REPO_ROOT, 'examples', 'thin-nfs-demo.yaml'));
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${join(out, 'thinruntime-default-demo-nfs.json')}\n`);
    expect(readdirSync(out)).toEqual(['thinruntime-default-demo-nfs.json']);
    const list = JSON.parse(readFileSync(join(out, 'thinruntime-default-demo-nfs.json'), 'utf8'));
    expect(list.items.map((o: { kind: string }) => o.kind)).toEqual(['ConfigMap', 'DaemonSet', 'PersistentVolume', 'PersistentVolumeClaim']);
  });

  it('-o takes a format, not a folder: a folder name exits 1 pointing at --output-dir and writes nothing', () => {
    const result = spawnSync(process.execPath, [BIN, 'synth', '-o', 'json-out', '-f', join(REPO_ROOT, 'examples', 'thin-nfs-demo.yaml')], { encoding: 'utf8', cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("argument 'json-out' is invalid. expected yaml or json; to write files into a folder, use --output-dir json-out");
    expect(result.stdout).toBe('');
    expect(readdirSync(dir)).not.toContain('json-out');
  });

  it('loads a runtime author engine with --engine', () => {
    const result = run('synth', '--engine', join(REPO_ROOT, 'dist', 'examples', 'runtime-author', 'rclone-engine.js'), '-f', join(REPO_ROOT, 'examples', 'runtime-author', 'rclone-demo.yaml'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('# Source: RcloneRuntime default/photos');
  });
});

const DATASET = (name: string, mountPoint = 'https://example.org/data/') =>
  `apiVersion: data.fluid.io/v1alpha1\nkind: Dataset\nmetadata: {name: ${name}}\nspec: {mounts: [{mountPoint: "${mountPoint}", name: data}]}\n`;
const RUNTIME = (kind: string, name: string, spec = '{}') => `apiVersion: data.fluid.io/v1alpha1\nkind: ${kind}\nmetadata: {name: ${name}}\nspec: ${spec}\n`;
const LOAD = (name: string, dataset: string, extra = '') =>
  `apiVersion: data.fluid.io/v1alpha1\nkind: DataLoad\nmetadata: {name: ${name}}\nspec:\n  dataset: {name: ${dataset}, namespace: default}\n${extra ? `  ${extra}\n` : ''}`;

describe('synth refuses inconsistent input, naming the object and the field', () => {
  it.each([
    ['a runtime without its Dataset', RUNTIME('AlluxioRuntime', 'hbase'), 'error: AlluxioRuntime default/hbase: metadata.name: no Dataset default/hbase found; a runtime serves the Dataset of the same namespace and name\n'],
    [
      'a runtime whose name does not match its Dataset',
      `${DATASET('hbase')}---\n${RUNTIME('AlluxioRuntime', 'hbase-cache')}`,
      'error: AlluxioRuntime default/hbase-cache: metadata.name: no Dataset default/hbase-cache found; a runtime serves the Dataset of the same namespace and name; Datasets in default: hbase\n',
    ],
    [
      'an unknown runtime class',
      `${DATASET('demo', 'demofs:///')}---\n${RUNTIME('CacheRuntime', 'demo', '{runtimeClassName: nosuch}')}`,
      'error: CacheRuntime default/demo: spec.runtimeClassName: CacheRuntimeClass "nosuch" not found\n',
    ],
    [
      'an unknown runtime profile',
      `${DATASET('nfs')}---\n${RUNTIME('ThinRuntime', 'nfs', '{profileName: nosuch}')}`,
      'error: ThinRuntime default/nfs: spec.profileName: ThinRuntimeProfile "nosuch" not found\n',
    ],
    [
      'a mount scheme the engine does not support',
      `${DATASET('jfs', 's3://bucket/data')}---\n${RUNTIME('JuiceFSRuntime', 'jfs')}`,
      'error: Dataset default/jfs: spec.mounts[0].mountPoint: JuiceFSRuntime mounts juicefs:///<subdir> only; got "s3://bucket/data"\n',
    ],
    [
      'a second runtime for one Dataset',
      `${DATASET('d')}---\n${RUNTIME('AlluxioRuntime', 'd')}---\n${RUNTIME('JindoRuntime', 'd')}`,
      'error: JindoRuntime default/d: metadata.name: Dataset default/d is already served by AlluxioRuntime default/d; a dataset binds one runtime\n',
    ],
    [
      'a mount point the EFC engine cannot mount',
      `${DATASET('v', 'nfs://nas.example.org:/data')}---\n${RUNTIME('EFCRuntime', 'v')}`,
      'error: Dataset default/v: spec.mounts[0].mountPoint: "nfs://nas.example.org:/data" is not a NAS mount point of the form nfs://<id>.<region>.nas.aliyuncs.com:/<dir>\n',
    ],
    ['a schema error', `${DATASET('x')}---\n${RUNTIME('AlluxioRuntime', 'x', '{replica: 2}')}`, 'error: AlluxioRuntime default/x: spec.replica: unknown field; did you mean "replicas"?\n'],
    ['a runtime without spec whose kind requires fields', `${DATASET('c')}---\n${RUNTIME('CacheRuntime', 'c', 'null')}`, 'error: CacheRuntime default/c: spec.runtimeClassName: required field is missing\n'],
    [
      'a DataLoad without its Dataset',
      LOAD('warm', 'nope'),
      'error: DataLoad default/warm: spec.dataset: no Dataset default/nope in these files; give the Dataset and its runtime with the DataLoad\n',
    ],
    [
      'a DataLoad whose Dataset has no runtime',
      `${DATASET('d')}---\n${LOAD('warm', 'd')}`,
      'error: DataLoad default/warm: spec.dataset: no runtime serves Dataset default/d in these files; give the Dataset and its runtime with the DataLoad\n',
    ],
    [
      'a Cron DataLoad without a schedule',
      `${DATASET('d')}---\n${RUNTIME('AlluxioRuntime', 'd')}---\n${LOAD('warm', 'd', 'policy: Cron')}`,
      'error: DataLoad default/warm: spec.schedule: the Cron policy needs a cron schedule, e.g. "0 * * * *"\n',
    ],
    [
      'an option the engine does not know',
      `${DATASET('d')}---\n${RUNTIME('AlluxioRuntime', 'd')}---\n${LOAD('warm', 'd', 'options: {threads: "4"}')}`,
      'error: DataLoad default/warm: spec.options.threads: the Alluxio DataLoad takes no options\n',
    ],
    [
      'an operation the engine does not run',
      `${DATASET('d')}---\n${RUNTIME('AlluxioRuntime', 'd')}---\napiVersion: data.fluid.io/v1alpha1\nkind: DataMigrate\nmetadata: {name: mv}\nspec: {from: {dataset: {name: d, namespace: default}}, to: {externalStorage: {uri: "s3://b/x"}}}\n`,
      'error: DataMigrate default/mv: kind: AlluxioRuntime does not run DataMigrate; it runs DataBackup, DataLoad, DataProcess\n',
    ],
    ['invalid YAML', 'kind: [', /^error: \S+#0: invalid YAML: /],
  ])('%s', (_what, text, expected) => {
    const result = run('synth', '-f', write('case.yaml', text));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    if (typeof expected === 'string') expect(result.stderr).toBe(expected);
    else expect(result.stderr).toMatch(expected);
  });
});
