// `npm run bench:yaml`: reading a large multi-document file. Writes a 20 MB file of small Fluid documents (about
// 113 k, the size issue 16 reported) into a temporary folder, runs `fluid-cdk8s validate` on it RUNS times through
// the real binary and prints the median wall time, CPU time and peak memory; then `synth` on growing slices of the
// same kind of input, to show its time grows linearly with the number of documents.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printRows, runBench } from './bench-output';

const REPO_ROOT = join(__dirname, '..', '..');
const BIN = join(REPO_ROOT, 'bin', 'fluid-cdk8s.js');
const PRELOAD = join(__dirname, 'max-rss-on-exit.js');
const TARGET_BYTES = Number(process.env.BENCH_YAML_BYTES ?? 20 * 1024 * 1024);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SYNTH_PAIRS = (process.env.BENCH_SYNTH_PAIRS ?? '1000,2000,4000').split(',').map(Number);

/** A Dataset or, every other document, its AlluxioRuntime: the shapes users write, ~185 bytes each. */
function documentAt(i: number): string {
  const name = `ds-${Math.floor(i / 2)}`;
  if (i % 2 === 0) {
    return `apiVersion: data.fluid.io/v1alpha1\nkind: Dataset\nmetadata:\n  name: ${name}\n  namespace: team-${i % 7}\nspec:\n  mounts:\n  - mountPoint: s3://bucket/${name}\n    name: ${name}\n`;
  }
  return `apiVersion: data.fluid.io/v1alpha1\nkind: AlluxioRuntime\nmetadata:\n  name: ${name}\n  namespace: team-${(i - 1) % 7}\nspec:\n  replicas: 1\n  tieredstore:\n    levels:\n    - mediumtype: MEM\n      path: /dev/shm\n      quota: 2Gi\n`;
}

function writeInput(path: string, limit: (count: number, bytes: number) => boolean): number {
  const parts: string[] = [];
  let bytes = 0;
  let count = 0;
  while (limit(count, bytes)) {
    const doc = `${documentAt(count)}---\n`;
    parts.push(doc);
    bytes += doc.length;
    count++;
  }
  writeFileSync(path, parts.join(''));
  return count;
}

interface Run {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMiB: number;
  readonly status: number | null;
}

function runCli(dir: string, args: string[]): Run {
  const rssFile = join(dir, 'rss.json');
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', PRELOAD, BIN, ...args], {
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKiB: number; cpuMs: number };
  return { wallMs, cpuMs: usage.cpuMs, maxRssMiB: usage.maxRssKiB / 1024, status: result.status };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fluid-cdk8s-bench-yaml-'));
  try {
    const big = join(dir, 'big.yaml');
    const count = writeInput(big, (_n, bytes) => bytes < TARGET_BYTES);
    const runs = Array.from({ length: RUNS }, () => runCli(dir, ['validate', big]));
    if (runs.some((r) => r.status !== 0)) throw new Error(`validate exited ${runs.map((r) => r.status).join(', ')}`);
    const rows: [string, string][] = [
      ['node', process.version],
      ['input', `${(TARGET_BYTES / 1024 / 1024).toFixed(0)} MiB, ${count} documents`],
      [`validate wall (median of ${RUNS})`, `${(median(runs.map((r) => r.wallMs)) / 1000).toFixed(2)} s`],
      ['validate CPU', `${(median(runs.map((r) => r.cpuMs)) / 1000).toFixed(2)} s`],
      ['validate peak RSS', `${median(runs.map((r) => r.maxRssMiB)).toFixed(0)} MiB`],
    ];
    for (const pairs of SYNTH_PAIRS) {
      const file = join(dir, `synth-${pairs}.yaml`);
      writeInput(file, (n) => n < pairs * 2);
      const run = runCli(dir, ['synth', '-f', file, '-o', join(dir, `out-${pairs}`)]);
      if (run.status !== 0) throw new Error(`synth of ${pairs} runtimes exited ${run.status}`);
      rows.push([`synth ${pairs} runtimes (${pairs * 2} documents)`, `${(run.wallMs / 1000).toFixed(2)} s wall, ${(run.cpuMs / 1000).toFixed(2)} s CPU, ${run.maxRssMiB.toFixed(0)} MiB`]);
    }
    printRows(rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
