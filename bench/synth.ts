// `npm run bench`: time to build and synthesize one runtime's construct tree, per engine.
// For each engine, one representative input (its richest Fluid sample by object count) is rendered WARMUP times,
// then RUNS times under measurement; p50/p99 per tree and objects per second are printed as a table.
import { performance } from 'node:perf_hooks';
import { renderRuntime } from '../constructs/render-runtime';
import { collectInputs, resolveRuntimes } from '../constructs/runtime-inputs';
import { builtinEngines } from '../constructs/runtimes/builtin-engines';
import { DEFAULT_SETTINGS } from '../constructs/render-documents';
import { snapshotInputs } from '../scripts/snapshot-inputs';

const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 2000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function main(): void {
  const registry = builtinEngines();
  const byEngine = new Map<string, { source: string; engine: ReturnType<typeof resolveRuntimes>['resolved'][number]; objects: number }>();
  for (const input of snapshotInputs()) {
    const { inputs } = collectInputs(input.documents, registry, 'default');
    const { resolved } = resolveRuntimes(inputs, registry, DEFAULT_SETTINGS);
    for (const r of resolved) {
      const objects = renderRuntime(r.engine, r.input).objects.length;
      const best = byEngine.get(r.engine.kind);
      if (!best || objects > best.objects) byEngine.set(r.engine.kind, { source: input.golden, engine: r, objects });
    }
  }
  const rows = [['engine', 'input', 'objects', 'p50 ms', 'p99 ms', 'objects/s']];
  for (const [kind, { source, engine, objects }] of [...byEngine].sort()) {
    for (let i = 0; i < WARMUP; i++) renderRuntime(engine.engine, engine.input);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      renderRuntime(engine.engine, engine.input);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const total = times.reduce((a, b) => a + b, 0) / 1000;
    rows.push([kind, source, String(objects), percentile(times, 50).toFixed(3), percentile(times, 99).toFixed(3), Math.round((objects * RUNS) / total).toString()]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  process.stdout.write(`node ${process.version}, ${RUNS} runs after ${WARMUP} warm-up runs per engine\n`);
  for (const r of rows) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`);
}

main();
