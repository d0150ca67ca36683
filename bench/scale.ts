// `npm run bench:scale -- --pairs N --kind Thin|Alluxio`: what many Dataset + runtime pairs created at once cost.
// Starts a local cluster of KWOK nodes only, runs the operator as a process of its own (so /proc tells its CPU and
// memory), creates N pairs as fast as the apiserver takes them, and prints:
//   - the time from the first create to all Bound, and that time divided by N (the issue's "per pair");
//   - each pair's own create → Bound latency, p50 and p99;
//   - the operator's API writes per pair, by verb and resource (its fluid_cdk8s_api_writes_total, leases left out);
//   - the operator's peak RSS (VmHWM) and the CPU seconds it used from the first create to all Bound.
// Flags after `--`: --pairs (default 50), --kind (Thin), --nodes (Thin: 3; Alluxio: pairs + 2, as each Exclusive
// dataset's workers take a node), --deadline seconds (600), --keep (keep the cluster folder and the operator log),
// --cpu-prof (write a V8 CPU profile of the operator into the cluster folder; implies --keep), and any other
// --heap-snapshot N (write a V8 heap snapshot of the operator into the cluster folder when N Datasets are Bound;
// implies --keep), --node-options "..." (the operator's NODE_OPTIONS; by default what its Deployment sets for the
// default 512Mi limit, constructs/operator/operator-heap.ts), and any other `--flag value` pairs are passed to the
// operator (e.g. --workers 8).
import * as k8s from '@kubernetes/client-node';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalCluster } from '../cluster/local-cluster';
import { REPO_ROOT } from '../cluster/repo-root';
import { installCrds } from '../operator/kube/crd-installer';
import { kubeRequest } from '../operator/kube/kube-request';
import { resourceOf, resourcePath } from '../operator/kube/resources';
import type { AppliedObject } from '../operator/kube/server-side-apply';
import { done, notYet, waitFor } from '../operator/kube/wait';
import { installManifests } from '../cli/install';
import { parseAllDocuments } from 'yaml';
import { printRows, runBench } from './bench-output';
import { DEFAULT_OPERATOR_RESOURCES } from '../constructs/operator/operator-deployment';
import { operatorNodeOptions } from '../constructs/operator/operator-heap';
import { processUsage, quantile } from './process-usage';

const NAMESPACE = 'bench';
const LEASE_NAMESPACE = 'fluid-system';
/** Creates in flight at once: enough to keep the apiserver busy, few enough not to starve the operator. */
const CREATE_CONCURRENCY = 16;
const HEAP_SNAPSHOT_SIGNAL = 'SIGUSR2';

interface Options {
  readonly pairs: number;
  readonly kind: 'Thin' | 'Alluxio';
  readonly nodes: number;
  readonly deadlineMs: number;
  readonly keep: boolean;
  readonly cpuProf: boolean;
  /** Bound Datasets at which the operator writes a heap snapshot; undefined: none. */
  readonly heapSnapshotAt?: number;
  /** NODE_OPTIONS of the operator process: by default what the Deployment sets for its default memory limit. */
  readonly nodeOptions: string;
  readonly operatorArgs: readonly string[];
}

function parseArgs(argv: readonly string[]): Options {
  const own: Record<string, string> = {};
  const operatorArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag.startsWith('--')) throw new Error(`bench:scale: unexpected argument ${JSON.stringify(flag)}`);
    const name = flag.slice(2);
    if (name === 'keep' || name === 'cpu-prof') {
      own[name] = 'true';
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`bench:scale: ${flag} needs a value`);
    if (['pairs', 'kind', 'nodes', 'deadline', 'heap-snapshot', 'node-options'].includes(name)) own[name] = value;
    else operatorArgs.push(flag, value);
  }
  const pairs = Number(own.pairs ?? 50);
  if (!Number.isInteger(pairs) || pairs < 1) throw new Error(`bench:scale: --pairs must be a positive integer, got ${own.pairs}`);
  const kind = own.kind ?? 'Thin';
  if (kind !== 'Thin' && kind !== 'Alluxio') throw new Error(`bench:scale: --kind must be Thin or Alluxio, got ${kind}`);
  const nodes = Number(own.nodes ?? (kind === 'Alluxio' ? pairs + 2 : 3));
  const cpuProf = own['cpu-prof'] === 'true';
  const heapSnapshotAt = own['heap-snapshot'] === undefined ? undefined : Number(own['heap-snapshot']);
  if (heapSnapshotAt !== undefined && !(Number.isInteger(heapSnapshotAt) && heapSnapshotAt >= 0)) throw new Error(`bench:scale: --heap-snapshot must be a count of Bound Datasets, got ${own['heap-snapshot']}`);
  const keep = cpuProf || heapSnapshotAt !== undefined || own.keep === 'true';
  const nodeOptions = own['node-options'] ?? operatorNodeOptions(DEFAULT_OPERATOR_RESOURCES.memoryLimit);
  return { pairs, kind, nodes, deadlineMs: Number(own.deadline ?? 600) * 1000, keep, cpuProf, heapSnapshotAt, nodeOptions, operatorArgs };
}

const progress = (line: string): void => {
  process.stderr.write(`[bench:scale] ${new Date().toISOString().slice(11, 19)} ${line}\n`);
};

function pairObjects(kind: Options['kind'], name: string): AppliedObject[] {
  const metadata = { name, namespace: NAMESPACE };
  if (kind === 'Thin') {
    return [
      { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata, spec: { mounts: [{ mountPoint: `nfs://nfs.example.org/exports/${name}`, name: 'data' }] } },
      { apiVersion: 'data.fluid.io/v1alpha1', kind: 'ThinRuntime', metadata, spec: { profileName: 'bench-nfs' } },
    ];
  }
  return [
    { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata, spec: { mounts: [{ mountPoint: `https://downloads.example.org/${name}/`, name: 'web' }] } },
    {
      apiVersion: 'data.fluid.io/v1alpha1', kind: 'AlluxioRuntime', metadata,
      spec: { replicas: 1, tieredstore: { levels: [{ mediumtype: 'MEM', path: '/dev/shm', quota: '1Gi', high: '0.95', low: '0.7' }] } },
    },
  ];
}

const THIN_PROFILE: AppliedObject = {
  apiVersion: 'data.fluid.io/v1alpha1', kind: 'ThinRuntimeProfile', metadata: { name: 'bench-nfs' },
  spec: { fileSystemType: 'nfs', fuse: { image: 'registry.example.org/fluid/nfs-fuse', imageTag: 'v1.0.0', command: ['/usr/local/bin/mount-nfs.sh'] } },
};

async function create(kc: k8s.KubeConfig, obj: AppliedObject): Promise<void> {
  await kubeRequest(kc, 'POST', resourcePath(resourceOf(obj.kind!), obj.metadata.namespace), obj);
}

/** The operator as a child process; its log goes to a file, and the lines are counted. */
class OperatorUnderTest {
  port = 0;
  lines = 0;
  private exited?: string;

  constructor(readonly child: ChildProcess, readonly logFile: string) {
    const out = fs.createWriteStream(logFile);
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out.write(chunk);
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const part of parts) {
        this.lines++;
        if (this.port === 0 && part.includes('Serving /healthz')) this.port = Number(JSON.parse(part).port);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => out.write(chunk));
    child.once('exit', (code, signal) => (this.exited = `exited with ${signal ?? code}`));
  }

  static start(kubeconfig: string, dir: string, options: Options): OperatorUnderTest {
    const node = [
      ...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []),
      ...(options.heapSnapshotAt !== undefined ? [`--heapsnapshot-signal=${HEAP_SNAPSHOT_SIGNAL}`, `--diagnostic-dir=${dir}`] : []),
    ];
    const args = [...node, path.join(REPO_ROOT, 'bin', 'fluid-cdk8s.js'), 'operator', '--kubeconfig', kubeconfig, '--metrics-port', '0', '--lease-namespace', LEASE_NAMESPACE, ...options.operatorArgs];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: options.nodeOptions } });
    return new OperatorUnderTest(child, path.join(dir, 'operator.log'));
  }

  get pid(): number {
    return this.child.pid!;
  }

  async leading(): Promise<void> {
    await waitFor('the operator to serve /metrics and lead', 120_000, async () => {
      if (this.exited) throw new Error(`the operator ${this.exited}; see ${this.logFile}`);
      const log = fs.readFileSync(this.logFile, 'utf8');
      return this.port && log.includes('"Started leading"') ? done(true) : notYet(`${this.lines} log lines`);
    }, { intervalMs: 200 });
  }

  /** fluid_cdk8s_api_writes_total by `verb resource`, leases left out (renewals are time, not work). */
  async writes(): Promise<Map<string, number>> {
    const text = await (await fetch(`http://127.0.0.1:${this.port}/metrics`)).text();
    const counts = new Map<string, number>();
    for (const line of text.split('\n')) {
      const m = /^fluid_cdk8s_api_writes_total\{verb="([^"]+)",resource="([^"]+)"\} (\d+)/.exec(line);
      if (m && m[2] !== 'leases') counts.set(`${m[1]} ${m[2]}`, Number(m[3]));
    }
    return counts;
  }

  /** The V8 heap in use and reserved, MiB, from prom-client's nodejs_heap_size_*_bytes. */
  async heap(): Promise<{ usedMiB: number; totalMiB: number }> {
    const text = await (await fetch(`http://127.0.0.1:${this.port}/metrics`)).text();
    const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
    return { usedMiB: gauge('nodejs_heap_size_used_bytes'), totalMiB: gauge('nodejs_heap_size_total_bytes') };
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await gone;
  }
}

/**
 * Watches the bench namespace's Datasets and notes when each first shows phase Bound. A watch that ends (client-node
 * gives up on one that is quiet for a while, e.g. while the operator writes a heap snapshot) is started again.
 */
async function watchBound(kc: k8s.KubeConfig, boundAt: Map<string, number>): Promise<AbortController> {
  const stopped = new AbortController();
  const watch = new k8s.Watch(kc);
  let current: AbortController | undefined;
  const start = async (): Promise<void> => {
    if (stopped.signal.aborted) return;
    current = await watch.watch(`/apis/data.fluid.io/v1alpha1/namespaces/${NAMESPACE}/datasets`, {}, (_type, obj: { metadata: { name: string }; status?: { phase?: string } }) => {
      if (obj.status?.phase === 'Bound' && !boundAt.has(obj.metadata.name)) boundAt.set(obj.metadata.name, Date.now());
    }, (err) => {
      if (stopped.signal.aborted) return;
      if (err && (err as Error).name !== 'AbortError') progress(`watch ended (${String(err)}); watching again`);
      setTimeout(() => void start().catch((e) => progress(`watch failed: ${String(e)}`)), 500);
    });
  };
  stopped.signal.addEventListener('abort', () => current?.abort());
  await start();
  return stopped;
}

async function createPairs(kc: k8s.KubeConfig, options: Options, createdAt: Map<string, number>): Promise<void> {
  const names = Array.from({ length: options.pairs }, (_, i) => `p-${String(i).padStart(4, '0')}`);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < names.length; i = next++) {
      const [dataset, runtime] = pairObjects(options.kind, names[i]);
      await create(kc, dataset);
      await create(kc, runtime);
      createdAt.set(names[i], Date.now());
    }
  };
  await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, worker));
}

function writeRows(before: Map<string, number>, after: Map<string, number>, pairs: number): [string, string][] {
  const delta = [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const total = delta.reduce((sum, [, v]) => sum + v, 0);
  return [
    ['API writes per pair', `${(total / pairs).toFixed(2)} (${total} in all)`],
    ...delta.map(([k, v]): [string, string] => [`  ${k}`, `${(v / pairs).toFixed(2)}`]),
  ];
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  progress(`${options.pairs} ${options.kind} pairs on ${options.nodes} KWOK nodes; operator flags: ${options.operatorArgs.join(' ') || '(defaults)'}; NODE_OPTIONS=${options.nodeOptions}`);
  const cluster = await LocalCluster.start({ nodes: options.nodes, keepDir: options.keep, log: (l) => progress(l) });
  let operator: OperatorUnderTest | undefined;
  try {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(cluster.kubeconfig);
    const docs = parseAllDocuments(installManifests({ namespace: LEASE_NAMESPACE })).map((d) => d.toJS() as AppliedObject);
    await installCrds(kc, docs.filter((d) => d.kind === 'CustomResourceDefinition'), 'bench-scale');
    for (const ns of [LEASE_NAMESPACE, NAMESPACE]) await create(kc, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    if (options.kind === 'Thin') await create(kc, THIN_PROFILE);
    operator = OperatorUnderTest.start(cluster.kubeconfig, cluster.dir, options);
    await operator.leading();
    const writesBefore = await operator.writes();
    const boundAt = new Map<string, number>();
    const createdAt = new Map<string, number>();
    const watching = await watchBound(kc, boundAt);
    const usageBefore = processUsage(operator.pid);
    progress(`operator leading; RSS ${usageBefore.rssMiB.toFixed(0)} MiB`);
    let snapshotSent = false;
    const started = Date.now();
    await createPairs(kc, options, createdAt);
    const createdMs = Date.now() - started;
    progress(`created ${options.pairs} pairs in ${(createdMs / 1000).toFixed(1)} s`);
    let lastReport = 0;
    await waitFor(`all ${options.pairs} Datasets to be Bound`, options.deadlineMs, async () => {
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        const u = processUsage(operator!.pid);
        progress(`${boundAt.size}/${options.pairs} Bound; operator RSS ${u.rssMiB.toFixed(0)} MiB, CPU ${(u.cpuSeconds - usageBefore.cpuSeconds).toFixed(1)} s`);
      }
      if (!snapshotSent && options.heapSnapshotAt !== undefined && boundAt.size >= options.heapSnapshotAt) {
        snapshotSent = true;
        progress(`${boundAt.size} Bound: asking the operator for a heap snapshot (RSS ${processUsage(operator!.pid).rssMiB.toFixed(0)} MiB)`);
        process.kill(operator!.pid, HEAP_SNAPSHOT_SIGNAL);
      }
      return boundAt.size >= options.pairs ? done(true) : notYet(`${boundAt.size} Bound`);
    }, { intervalMs: 100 });
    const allBoundMs = Math.max(...boundAt.values()) - started;
    const usage = processUsage(operator.pid);
    const heap = await operator.heap();
    // Writes still in flight when the last Dataset turned Bound (its Event, the other runtimes' last status).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const writesAfter = await operator.writes();
    watching.abort();
    const latencies = [...boundAt].map(([name, at]) => at - (createdAt.get(name) ?? started));
    printRows([
      ['pairs', `${options.pairs} ${options.kind} on ${options.nodes} KWOK nodes${options.operatorArgs.length ? `, operator ${options.operatorArgs.join(' ')}` : ''}`],
      ['operator NODE_OPTIONS', options.nodeOptions || '(none)'],
      ['created in', `${(createdMs / 1000).toFixed(1)} s`],
      ['first create → all Bound', `${(allBoundMs / 1000).toFixed(1)} s (${(allBoundMs / options.pairs).toFixed(0)} ms per pair)`],
      ['create → Bound per pair', `p50 ${quantile(latencies, 0.5)} ms, p99 ${quantile(latencies, 0.99)} ms`],
      ...writeRows(writesBefore, writesAfter, options.pairs),
      ['operator peak RSS', `${usage.peakRssMiB.toFixed(0)} MiB (now ${usage.rssMiB.toFixed(0)} MiB, ${usageBefore.rssMiB.toFixed(0)} MiB before the creates)`],
      ['operator V8 heap at all Bound', `${heap.usedMiB.toFixed(0)} MiB used of ${heap.totalMiB.toFixed(0)} MiB`],
      ['operator CPU, first create → all Bound', `${(usage.cpuSeconds - usageBefore.cpuSeconds).toFixed(1)} s`],
      ['operator log lines', `${operator.lines}`],
    ]);
  } finally {
    await operator?.stop();
    if (options.keep) progress(`operator log and cluster folder: ${cluster.dir}`);
    await cluster.stop();
  }
}

runBench(main);
