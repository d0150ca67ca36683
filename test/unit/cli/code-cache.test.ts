// The CLI's code cache on Node 20 (cli/code-cache.ts): modules run from the cached code give what they give without
// it, an edited module runs its new source even at the same length (V8 checks only the length), and a run that
// compiled nothing new leaves the store as it was. Child processes, because the cache hooks Node's own loader,
// which jest replaces in its workers; they run the compiled dist/ as bin/ does.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../cluster/repo-root';

const CODE_CACHE = join(REPO_ROOT, 'dist', 'cli', 'code-cache.js');
const BIN = join(REPO_ROOT, 'bin', 'fluid-cdk8s.js');

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fluid-cdk8s-code-cache-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Loads `module` with the code cache of `store` on, and prints what it exports. */
function loadWithCache(store: string, module: string): string {
  const script = `require(${JSON.stringify(CODE_CACHE)}).enableCodeCache(${JSON.stringify(store)}); console.log(require(${JSON.stringify(module)}));`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

describe('the code cache', () => {
  it('runs cached code as the source says, and an edited module of the same length as edited', () => {
    const store = join(dir, 'store.bin');
    const module = join(dir, 'm.js');
    // require.resolve from inside a module run from the cache, too.
    writeFileSync(module, "module.exports = 'one ' + require('node:path').basename(require.resolve('./m.js'));\n");
    expect(loadWithCache(store, module)).toBe('one m.js\n');
    expect(existsSync(store)).toBe(true);
    expect(loadWithCache(store, module)).toBe('one m.js\n');
    writeFileSync(module, "module.exports = 'two ' + require('node:path').basename(require.resolve('./m.js'));\n");
    expect(loadWithCache(store, module)).toBe('two m.js\n');
  });

  it('leaves the store alone when a run compiled nothing new', () => {
    const store = join(dir, 'store.bin');
    const module = join(dir, 'm.js');
    writeFileSync(module, 'module.exports = 1;\n');
    loadWithCache(store, module);
    const before = statSync(store);
    loadWithCache(store, module);
    const after = statSync(store);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('ignores and never writes a store in a folder others can write (the temp folder is shared)', () => {
    const shared = join(dir, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    const store = join(shared, 'store.bin');
    const module = join(dir, 'm.js');
    writeFileSync(module, 'module.exports = 4;\n');
    expect(loadWithCache(store, module)).toBe('4\n');
    expect(existsSync(store)).toBe(false);
    chmodSync(shared, 0o700);
    expect(loadWithCache(store, module)).toBe('4\n');
    expect(existsSync(store)).toBe(true);
  });

  it('gives a module that is no script (a #! line) to Node\'s own compile', () => {
    const module = join(dir, 'hashbang.js');
    writeFileSync(module, '#!/usr/bin/env node\nmodule.exports = 3;\n');
    expect(loadWithCache(join(dir, 'store.bin'), module)).toBe('3\n');
  });

  it('bin: synth prints the same with the cache, cold and warm, as without it', () => {
    const args = [BIN, 'synth', '-f', join(REPO_ROOT, 'examples', 'alluxio-demo.yaml')];
    const env = { ...process.env, TMPDIR: dir };
    const plain = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...env, NODE_DISABLE_COMPILE_CACHE: '1' } });
    const cold = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    const warm = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    expect(plain.status).toBe(0);
    for (const r of [cold, warm]) expect([r.status, r.stdout, r.stderr]).toEqual([plain.status, plain.stdout, plain.stderr]);
    // Node 20 keeps our store; Node 22.1+ keeps its own cache instead.
    const folder = join(dir, `fluid-cdk8s-code-cache-${process.getuid!()}`);
    const ours = existsSync(folder) ? readdirSync(folder) : [];
    expect(ours).toEqual(process.versions.node.startsWith('20.') ? [`${process.version}-synth.bin`] : []);
  });
});
