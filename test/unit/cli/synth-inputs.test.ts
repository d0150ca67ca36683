// `fluid-cdk8s synth -f` through the real binary (built by `npm test` before jest runs): a folder (issue 15 said
// EISDIR), standard input, and a bad file beside good ones — reported, the good ones still rendered, exit 1.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../scripts/fluid-samples';

const BIN = join(REPO_ROOT, 'bin', 'fluid-cdk8s.js');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input });
const EXAMPLE = readFileSync(join(REPO_ROOT, 'examples', 'alluxio-demo.yaml'), 'utf8');

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'fluid-cdk8s-synth-in-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('synth -f', () => {
  it('reads a folder recursively, as the same files named one by one', () => {
    mkdirSync(join(dir, 'tree', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'tree', 'sub', 'demo.yaml'), EXAMPLE);
    writeFileSync(join(dir, 'tree', 'README.md'), '# not read');
    const fromFolder = run(['synth', '-f', join(dir, 'tree')]);
    const fromFile = run(['synth', '-f', join(dir, 'tree', 'sub', 'demo.yaml')]);
    expect(fromFolder.stderr).toBe('');
    expect(fromFolder.status).toBe(0);
    expect(fromFolder.stdout).toBe(fromFile.stdout);
    expect(fromFolder.stdout).toContain('kind: StatefulSet');
  });

  it('reads standard input with -f -', () => {
    const result = run(['synth', '-f', '-'], EXAMPLE);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('kind: StatefulSet');
  });

  it('reports a bad file, still renders the good one, and exits 1', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: v1\nkind: AlluxioRuntime\nmetadata: {name: typo}\n---\nc: &c\n  d: *c\n');
    const good = join(dir, 'good.yaml');
    writeFileSync(good, EXAMPLE);
    const result = run(['synth', '-f', bad, good]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `error: ${bad}#0: AlluxioRuntime typo: apiVersion: AlluxioRuntime is served as data.fluid.io/v1alpha1, got "v1"\n` +
        `error: ${bad}#1: invalid YAML: anchor 'c' value contains itself (line 6)\n`,
    );
    expect(result.stdout).toContain('kind: StatefulSet');
  });
});
