// The package as a release publishes it: `npm pack` (its prepack build) on a copy of the repository, the tarball
// installed into a scratch cdk8s app on the Node running this test, the app type-checked with the compiler
// options `cdk8s init typescript-app` writes, synthesized, and the bin run from there. It needs no cluster; it is
// here because packing and installing take minutes. npm installs from its cache when it can (--prefer-offline) and
// asks the registry for what the cache lacks.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../../cluster/repo-root';

/** Each step's deadline: a cold npm cache or a busy machine makes them slow, never this slow. */
const STEP_MS = 10 * 60_000;
/** A test runs up to three steps. */
const TEST_MS = 3 * STEP_MS;

interface Ran {
  readonly stdout: string;
  readonly stderr: string;
}

function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, env: { ...process.env, ...env }, timeout: STEP_MS, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${cmd} ${args.join(' ')} in ${cwd} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

const installedVersion = (pkg: string): string => (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

/** The repository as a fresh clone has it: no dist/, no tests; node_modules linked (the bundled client-node comes from it). */
function stageRepository(into: string): void {
  const left = new Set(['node_modules', 'dist', 'test', 'snapshots', 'coverage', '.git']);
  for (const entry of readdirSync(REPO_ROOT)) if (!left.has(entry)) cpSync(join(REPO_ROOT, entry), join(into, entry), { recursive: true });
  // A real copy, not a symlink: npm packs the bundled client-node with its dependencies from the package's own
  // node_modules, and through a symlink it records them at paths outside the package. Hard links when the temporary
  // folder is on the same file system (instant), a full copy otherwise.
  const from = join(REPO_ROOT, 'node_modules');
  const to = join(into, 'node_modules');
  try {
    execFileSync('cp', ['-al', from, to], { stdio: 'ignore' });
  } catch {
    rmSync(to, { recursive: true, force: true });
    execFileSync('cp', ['-a', from, to], { stdio: 'ignore' });
  }
}

/** The options `cdk8s init typescript-app` writes: CommonJS, node10 resolution, no skipLibCheck. */
const APP_TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true, declaration: true, experimentalDecorators: true, inlineSourceMap: true, inlineSources: true, lib: ['es2016'],
    module: 'CommonJS', noEmitOnError: true, noFallthroughCasesInSwitch: true, noImplicitAny: true, noImplicitReturns: true,
    noImplicitThis: true, noUnusedLocals: true, noUnusedParameters: true, resolveJsonModule: true, strict: true,
    strictNullChecks: true, strictPropertyInitialization: true, stripInternal: true, target: 'ES2017',
  },
  include: ['**/*.ts'],
  exclude: ['node_modules'],
};

const APP_MAIN = `import { App, Chart } from 'cdk8s';
import { AlluxioCache, CacheOutput } from 'fluid-cdk8s';
import { AlluxioRuntimeSpecTieredstoreLevelsMediumtype as Medium, AlluxioRuntimeSpecTieredstoreLevelsQuota as Quota } from 'fluid-cdk8s/imports/alluxioruntimes';

const app = new App();
const chart = new Chart(app, 'web', { namespace: 'team-a' });
new AlluxioCache(chart, 'cache', {
  name: 'web',
  dataset: { mounts: [{ mountPoint: 'https://downloads.example.org/datasets/', name: 'web' }], accessModes: ['ReadOnlyMany'] },
  runtime: { replicas: 2, tieredstore: { levels: [{ mediumtype: Medium.MEM, path: '/dev/shm', quota: Quota.fromString('2Gi') }] } },
  output: process.env.OUTPUT === 'all' ? CacheOutput.ALL : CacheOutput.CUSTOM_RESOURCES,
});
app.synth();
`;

type Doc = { kind: string; metadata: { name: string; namespace?: string } };
const synthesized = (app: string): string[] =>
  parseAllDocuments(readFileSync(join(app, 'dist', 'web.k8s.yaml'), 'utf8')).map((d) => d.toJS() as Doc).map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`);

describe('the npm package', () => {
  const work = mkdtempSync(join(tmpdir(), 'fcdk-package-'));
  const src = join(work, 'src');
  const app = join(work, 'app');
  let files: string[] = [];
  let tarball = '';
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('npm pack builds it in prepack and holds what runs, not tests, snapshots, sources or CI files', async () => {
    mkdirSync(src);
    stageRepository(src);
    const packed = await run('npm', ['pack', '--json', '--pack-destination', work], src);
    const [info] = JSON.parse(packed.stdout) as { filename: string; size: number; unpackedSize: number; files: { path: string }[]; bundled: string[] }[];
    tarball = join(work, info.filename);
    files = info.files.map((f) => f.path);
    process.stderr.write(`[package] ${info.filename}: ${(info.size / 1e6).toFixed(1)} MB, ${(info.unpackedSize / 1e6).toFixed(1)} MB unpacked, ${files.length} files, ${info.bundled.length} bundled packages\n`);
    expect(files).toEqual(expect.arrayContaining([
      'package.json', 'README.md', 'bin/fluid-cdk8s.js', 'dist/cli/main.js', 'dist/constructs/caches/index.js', 'dist/constructs/caches/index.d.ts',
      'dist/constructs/runtimes/index.d.ts', 'dist/crds/schema/index.d.ts', 'dist/imports/alluxioruntimes.d.ts', 'hack/control-plane/build.sh',
      'examples/alluxio-demo.yaml', 'node_modules/@kubernetes/client-node/package.json', 'node_modules/undici/package.json',
    ]));
    const own = files.filter((f) => !f.startsWith('node_modules/'));
    expect(own.filter((f) => /^(test|snapshots|\.ci|dist\/(test|bench|scripts|examples))\//.test(f))).toEqual([]);
    expect(own.filter((f) => (f.endsWith('.ts') && !f.endsWith('.d.ts')) || f.endsWith('.map'))).toEqual([]);
  }, TEST_MS);

  test('installed into a scratch cdk8s app, it type-checks and synthesizes a Dataset and an AlluxioRuntime', async () => {
    expect(tarball).not.toBe('');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch-cdk8s-app', version: '1.0.0', private: true }));
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(APP_TSCONFIG));
    writeFileSync(join(app, 'main.ts'), APP_MAIN);
    const wanted = ['cdk8s', 'constructs', 'typescript', '@types/node'].map((p) => `${p}@${installedVersion(p)}`);
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...wanted], app);
    // Node 20 consumers get the bundled undici 7: client-node's own range (^8) needs Node 22.19.
    const undici = JSON.parse(readFileSync(join(app, 'node_modules', 'fluid-cdk8s', 'node_modules', 'undici', 'package.json'), 'utf8')) as { version: string };
    expect(undici.version).toMatch(/^7\./);

    const checked = await run(join(app, 'node_modules', '.bin', 'tsc'), ['-p', '.', '--extendedDiagnostics'], app);
    const figure = (name: string) => checked.stdout.match(new RegExp(`^${name}:\\s+(.*)$`, 'm'))?.[1];
    const listed = (await run(join(app, 'node_modules', '.bin', 'tsc'), ['-p', '.', '--listFilesOnly'], app)).stdout.trim().split('\n');
    const ours = listed.filter((f) => f.includes('/node_modules/fluid-cdk8s/'));
    const oursBytes = ours.reduce((sum, f) => sum + statSync(f).size, 0);
    process.stderr.write(`[package] consumer type-check: ${figure('Files')} files, total ${figure('Total time')} (check ${figure('Check time')}); ${ours.length} of them fluid-cdk8s declarations, ${(oursBytes / 1e6).toFixed(2)} MB\n`);
    // The main entry's declarations name the per-kind imports and cdk8s only: no schemas, engines or operator.
    expect(ours.filter((f) => /\/dist\/(crds|operator|cli|cluster)\/|cacheruntimeclasses/.test(f))).toEqual([]);
    expect(oursBytes).toBeLessThan(2e6);

    await run(process.execPath, ['main.js'], app);
    expect(synthesized(app)).toEqual(['Dataset team-a/web', 'AlluxioRuntime team-a/web']);
    await run(process.execPath, ['main.js'], app, { OUTPUT: 'all' });
    expect(synthesized(app)).toEqual(expect.arrayContaining([
      'Dataset team-a/web', 'AlluxioRuntime team-a/web', 'StatefulSet team-a/web-master', 'StatefulSet team-a/web-worker',
      'DaemonSet team-a/web-fuse', 'PersistentVolume /team-a-web', 'PersistentVolumeClaim team-a/web',
    ]));
  }, TEST_MS);

  test('its bin runs from the installed package: version, help, and synth of the app\'s output', async () => {
    const bin = join(app, 'node_modules', '.bin', 'fluid-cdk8s');
    const version = await run(bin, ['--version'], app);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
    const help = await run(bin, ['--help'], app);
    expect(help.stdout).toMatch(/^Usage: fluid-cdk8s/);
    expect(help.stdout).toContain('synth');
    await run(process.execPath, ['main.js'], app);
    const synth = await run(bin, ['synth', '-f', join('dist', 'web.k8s.yaml')], app);
    expect(synth.stdout).toContain('name: web-worker');
  }, TEST_MS);
});
