// `fluid-cdk8s validate` end to end, through the real binary (built by `npm test` before jest runs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSampleIndex, REPO_ROOT, samplePath } from '../../../scripts/fluid-samples';

const BIN = join(REPO_ROOT, 'bin', 'fluid-cdk8s.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

const index = loadSampleIndex() ?? [];
const describeIfSamples = index.length ? describe : describe.skip;

describeIfSamples('fluid-cdk8s validate on Fluid samples', () => {
  const accepted = index.filter((e) => e.expect === 'accept').map(samplePath);

  it('exits 0 on every accept file, one ok or skip line per document', () => {
    const result = run('validate', ...accepted);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.every((l) => /^(ok|skip|warn) \S+#\d+ /.test(l))).toBe(true);
    // Fluid's dataflow-affinity page names its DataLoads loadA and loadB, which no apiserver accepts.
    const warnings = lines.filter((l) => l.startsWith('warn '));
    expect(warnings).toHaveLength(4);
    for (const w of warnings) expect(w).toMatch(/dataflow-affinity-0[23]-\S+\.yaml#\d+ DataLoad default\/load[AB]: metadata\.name: "load[AB]" is not a valid object name/);
    expect(lines.filter((l) => l.startsWith('ok ')).length).toBeGreaterThan(100);
  });

  describe('with one misspelled field', () => {
    let dir: string;
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'fluid-cdk8s-validate-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('exits 1 and names the field, the object and the nearest known name', () => {
      const entry = index.find((e) => e.file === 'alluxio/accelerate-dataset.yaml');
      expect(entry).toBeDefined();
      const original = readFileSync(samplePath(entry!), 'utf8');
      const copy = join(dir, 'dataset.yaml');
      expect(original).toContain('mountPoint:');
      writeFileSync(copy, original.replace('mountPoint:', 'mountPiont:'));
      const result = run('validate', copy);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain(`error ${copy}#0 Dataset default/hbase: spec.mounts[0].mountPiont: unknown field; did you mean "mountPoint"?`);
      expect(result.stdout).toContain(`error ${copy}#0 Dataset default/hbase: spec.mounts[0].mountPoint: required field is missing`);
      expect(result.stdout).toContain(`ok ${copy}#1 AlluxioRuntime default/hbase`);
    });
  });
});

describe('fluid-cdk8s validate on bad input', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'fluid-cdk8s-validate-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports invalid YAML with file and document index, and exits 1 without a stack trace', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'apiVersion: data.fluid.io/v1alpha1\nkind: Dataset\nmetadata: {name: x}\n---\nspec:\n\tmounts: []\n');
    const result = run('validate', file);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`ok ${file}#0 Dataset default/x`);
    expect(result.stdout).toMatch(new RegExp(`^error ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#1: invalid YAML: `, 'm'));
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('reports a missing file and exits 1', () => {
    const result = run('validate', join(dir, 'absent.yaml'));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('cannot read file: ENOENT');
  });

  it('skips documents of other API groups', () => {
    const file = join(dir, 'pod.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n');
    const result = run('validate', file);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(`skip ${file}#0 Pod p: not a data.fluid.io object`);
  });
});

describe('fluid-cdk8s validate naming and -o json', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'fluid-cdk8s-validate-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const DOCS = [
    'apiVersion: data.fluid.io/v1alpha1\nkind: Dataset\nmetadata: {name: demo}\nspec: {mounts: [{mountPiont: "https://x/", name: a}]}\n',
    'apiVersion: data.fluid.io/v1alpha1\nkind: AlluxioRuntime\nmetadata: {name: demo, namespace: team}\nspec: {}\n',
    'apiVersion: data.fluid.io/v1alpha1\nkind: ThinRuntimeProfile\nmetadata: {name: nfs}\nspec: {fileSystemType: nfs}\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n',
  ].join('---\n');

  it('names an object without a namespace as synth does (Kind default/name), -n choosing the namespace; cluster-scoped kinds keep a bare name', () => {
    const file = join(dir, 'mixed.yaml');
    writeFileSync(file, DOCS);
    const plain = run('validate', file);
    expect(plain.stdout).toContain(`error ${file}#0 Dataset default/demo: spec.mounts[0].mountPiont: unknown field`);
    expect(plain.stdout).toContain(`ok ${file}#1 AlluxioRuntime team/demo`);
    expect(plain.stdout).toContain(`ok ${file}#2 ThinRuntimeProfile nfs`);
    expect(plain.stdout).toContain(`skip ${file}#3 Pod p: not a data.fluid.io object`);
    const other = run('validate', '-n', 'prod', file);
    expect(other.stdout).toContain(`error ${file}#0 Dataset prod/demo: spec.mounts[0].mountPiont: unknown field`);
    expect(other.stdout).toContain(`ok ${file}#1 AlluxioRuntime team/demo`);
  });

  it('prints every document\'s result as one JSON object with -o json, and still exits 1 on an error', () => {
    const file = join(dir, 'mixed.yaml');
    writeFileSync(file, DOCS);
    const result = run('validate', '-o', 'json', file, join(dir, 'absent.yaml'));
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.errors).toBe(3);
    expect(report.documents.map((d: { result: string }) => d.result)).toEqual(['error', 'ok', 'ok', 'skip', 'error']);
    expect(report.documents[0]).toMatchObject({ file, index: 0, kind: 'Dataset', namespace: 'default', name: 'demo', warnings: [] });
    expect(report.documents[0].errors).toEqual(
      expect.arrayContaining([{ path: 'spec.mounts[0].mountPiont', message: 'unknown field; did you mean "mountPoint"?' }, { path: 'spec.mounts[0].mountPoint', message: 'required field is missing' }]),
    );
    expect(report.documents[4]).toEqual({ file: join(dir, 'absent.yaml'), index: 0, result: 'error', errors: [{ path: '', message: 'cannot read file: ENOENT' }], warnings: [] });
  });

  it('refuses an unknown -o format', () => {
    const result = run('validate', '-o', 'yaml', join(dir, 'mixed.yaml'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("argument 'yaml' is invalid. Allowed choices are text, json.");
  });
});
