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
    for (const w of warnings) expect(w).toMatch(/dataflow-affinity-0[23]-\S+\.yaml#\d+ DataLoad load[AB]: metadata\.name: "load[AB]" is not a valid object name/);
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
      expect(result.stdout).toContain(`error ${copy}#0 Dataset hbase: spec.mounts[0].mountPiont: unknown field; did you mean "mountPoint"?`);
      expect(result.stdout).toContain(`error ${copy}#0 Dataset hbase: spec.mounts[0].mountPoint: required field is missing`);
      expect(result.stdout).toContain(`ok ${copy}#1 AlluxioRuntime hbase`);
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
    expect(result.stdout).toContain(`ok ${file}#0 Dataset x`);
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
