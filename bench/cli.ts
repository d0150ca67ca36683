// `npm run bench:cli`: what a cold `fluid-cdk8s synth` of one runtime costs next to `helm template` of Fluid's own
// chart for the same runtime, plus `validate` of one file and `--help`. Whole processes, as a user runs them:
// wall seconds, CPU seconds and peak resident memory, the median of BENCH_RUNS runs (default 10) after one warm-up,
// the two sides of the comparison alternating so that a machine that slows down slows both.
//
// Needs: /usr/bin/time (Debian's `time` package) for CPU and peak memory; Go, to build helm once
// (hack/helm/build.sh, cached); a git checkout of fluid-cloudnative/fluid for its alluxio chart (FLUID_GIT_DIR, by
// default the mirror these machines keep), extracted into a temporary folder at each run and removed after.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runBuildScript } from '../cluster/build-script';
import { REPO_ROOT } from '../cluster/repo-root';
import { printRows, runBench } from './bench-output';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const TIME = '/usr/bin/time';
const FLUID_GIT_DIR = process.env.FLUID_GIT_DIR ?? '/work/.mirror/fluid-cloudnative+fluid/repo';
const CLI = path.join(REPO_ROOT, 'bin', 'fluid-cdk8s.js');
const EXAMPLE = path.join(REPO_ROOT, 'examples', 'alluxio-demo.yaml');

/**
 * Values for Fluid's alluxio chart that ask for what the example asks of the AlluxioRuntime engine: the example's
 * name, two workers, fuse, one MEM tier of 2Gi at /dev/shm with its watermarks (Fluid's engine writes the same keys
 * when it renders the chart; the chart's short-circuit PVC is not something the engine renders, so it is off).
 */
const HELM_VALUES = {
  fullnameOverride: 'demo-web',
  worker: { replicaCount: 2 },
  fuse: { enabled: true, clientEnabled: true },
  shortCircuit: { enabled: false },
  tieredstore: { levels: [{ level: 0, alias: 'MEM', mediumtype: 'MEM', path: '/dev/shm', type: 'emptyDir', quota: '2Gi', high: '0.95', low: '0.7' }] },
};

interface Run {
  readonly wallS: number;
  readonly cpuS: number;
  readonly peakMiB: number;
}

/** One whole-process run under /usr/bin/time; a non-zero exit fails the benchmark (a failing command is no figure). */
function measure(command: readonly string[], scratch: string): Run {
  const report = path.join(scratch, 'time.out');
  const started = process.hrtime.bigint();
  const result = spawnSync(TIME, ['-f', '%U %S %M', '-o', report, ...command], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command.join(' ')} exited ${result.status}: ${result.stderr}`);
  const [user, sys, maxKb] = fs.readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wallS, cpuS: user + sys, peakMiB: maxKb / 1024 };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs the commands in turn (A B C A B C ...) after one warm-up each; every command's runs, in order. */
function alternate(commands: readonly (readonly string[])[], scratch: string): Run[][] {
  for (const c of commands) measure(c, scratch);
  const runs: Run[][] = commands.map(() => []);
  for (let i = 0; i < RUNS; i++) commands.forEach((c, j) => runs[j].push(measure(c, scratch)));
  return runs;
}

function row(label: string, runs: readonly Run[]): [string, string] {
  const m = (f: (r: Run) => number) => median(runs.map(f));
  return [label, `${m((r) => r.wallS).toFixed(3)} s wall   ${m((r) => r.cpuS).toFixed(3)} s cpu   ${m((r) => r.peakMiB).toFixed(1)} MiB peak`];
}

/** The median of the pair-by-pair ratios a/b: pairs taken together keep the ratio honest on a drifting machine. */
function ratioRow(label: string, a: readonly Run[], b: readonly Run[]): [string, string] {
  const r = (f: (x: Run) => number) => median(a.map((x, i) => f(x) / f(b[i]))).toFixed(2);
  return [label, `${r((x) => x.wallS)}x wall   ${r((x) => x.cpuS)}x cpu   ${r((x) => x.peakMiB)}x peak`];
}

async function main(): Promise<void> {
  if (!fs.existsSync(TIME)) throw new Error(`${TIME} is missing; install it (Debian: apt-get install time)`);
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing; run `npx tsc -p .` first');
  const helm = path.join(await runBuildScript(path.join(REPO_ROOT, 'hack', 'helm', 'build.sh'), ['helm'], process.stderr), 'helm');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fluid-cdk8s-bench-cli-'));
  try {
    // The chart links its library chart (charts/alluxio/charts/library -> ../../library): both are needed.
    const archive = execFileSync('git', ['-C', FLUID_GIT_DIR, 'archive', 'HEAD', 'charts/alluxio', 'charts/library'], { maxBuffer: 64 << 20 });
    execFileSync('tar', ['-x', '-C', scratch], { input: archive });
    const chart = path.join(scratch, 'charts', 'alluxio');
    const values = path.join(scratch, 'values.json');
    fs.writeFileSync(values, JSON.stringify(HELM_VALUES));
    // One runtime: the example's Dataset and AlluxioRuntime, without its DataLoad (the chart renders no DataLoad).
    const input = path.join(scratch, 'one-runtime.yaml');
    const docs = parseAllDocuments(fs.readFileSync(EXAMPLE, 'utf8')).filter((d) => ['Dataset', 'AlluxioRuntime'].includes(String(d.get('kind'))));
    fs.writeFileSync(input, docs.map((d) => d.toString()).join('---\n'));

    const synth = [process.execPath, CLI, 'synth', '-f', input];
    const template = [helm, 'template', 'demo-web', chart, '-n', 'default', '-f', values];
    const [synthRuns, helmRuns] = alternate([synth, template], scratch);
    const [validateRuns, helpRuns] = alternate([[process.execPath, CLI, 'validate', EXAMPLE], [process.execPath, CLI, '--help']], scratch);
    const [nodeRuns] = alternate([[process.execPath, '-e', '0']], scratch);
    const helmVersion = execFileSync(helm, ['version', '--short'], { encoding: 'utf8' }).trim();
    process.stdout.write(`node ${process.version}, helm ${helmVersion}, ${os.cpus().length} cores; medians of ${RUNS} runs after 1 warm-up, alternating\n`);
    printRows([
      row('fluid-cdk8s synth (Dataset + AlluxioRuntime)', synthRuns),
      row("helm template (Fluid's alluxio chart)", helmRuns),
      ratioRow('synth / helm template', synthRuns, helmRuns),
      row('fluid-cdk8s validate (examples/alluxio-demo.yaml)', validateRuns),
      row('fluid-cdk8s --help', helpRuns),
      row('node -e 0 (the floor)', nodeRuns),
    ]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

runBench(main);
