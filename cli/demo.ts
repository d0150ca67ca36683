// `fluid-cdk8s demo`: the README's main job. Starts a local control plane unless KUBECONFIG is set, installs our
// CRDs, runs the operator, applies a Dataset with an AlluxioRuntime and one with a ThinRuntime, shows progress
// until both are Bound, prints them the way `kubectl get` would, waits for the example DataLoad to warm the Alluxio
// cache, prints it too, and stops everything it started (with --keep: once Ctrl-C is pressed).
import * as k8s from '@kubernetes/client-node';
import type { Command } from 'commander';
import { join } from 'node:path';
import { pino } from 'pino';
import { parse } from 'yaml';
import { LocalCluster } from '../cluster/local-cluster';
import { done, notYet, waitFor } from '../operator/kube/wait';
import { DEFAULT_MOUNT_ROOT } from '../constructs/object-names';
import { builtinEngines } from '../constructs/runtimes/builtin-engines';
import { crdFiles } from '../crds/crd-files';
import { formatErrors, validateObject } from '../crds/validate';
import { installCrds } from '../operator/kube/crd-installer';
import { kubeRequest } from '../operator/kube/kube-request';
import { resourceOf, resourcePath } from '../operator/kube/resources';
import { AppliedObject } from '../operator/kube/server-side-apply';
import { Operator } from '../operator/operator';
import { readDocuments } from './read-documents';
import { REPO_ROOT } from '../cluster/repo-root';
import { isOperationKind } from '../constructs/operations/operation-rules';
import { runRealDemo } from './demo-real';
import { keepUntilStopped } from './demo-keep';

const EXAMPLES = ['alluxio-demo.yaml', 'thin-nfs-demo.yaml'];
const BOUND_DEADLINE_MS = 120_000;
const LEASE_NAMESPACE = 'fluid-system';

const progress = (line: string): void => {
  process.stderr.write(`[demo] ${line}\n`);
};

/** The example objects, validated; a broken example stops the demo with the validator's message. */
function exampleObjects(): AppliedObject[] {
  return EXAMPLES.flatMap((f) => readDocuments(join(REPO_ROOT, 'examples', f))).map((doc) => {
    if (!doc.ok) throw new Error(`${doc.file}#${doc.index}: ${doc.error}`);
    const result = validateObject(doc.value);
    if (!result.ok) throw new Error(formatErrors(result.ref, result.errors).join('\n'));
    return doc.value as AppliedObject;
  });
}

async function apply(kc: k8s.KubeConfig, obj: AppliedObject): Promise<void> {
  const r = resourceOf(obj.kind!);
  await kubeRequest(kc, 'PATCH', `${resourcePath(r, obj.metadata.namespace, obj.metadata.name)}?fieldManager=fluid-cdk8s-demo&force=true`, obj, 'application/apply-patch+yaml');
}

async function get(kc: k8s.KubeConfig, kind: string, name: string, namespace?: string): Promise<any> {
  return (await kubeRequest(kc, 'GET', resourcePath(resourceOf(kind), namespace, name))).body;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('   ').trimEnd()).join('\n');
}

/**
 * Waits for every Dataset to be Bound, printing each phase change, and for its runtime to have recorded its setup
 * (the runtime writes its status just after it binds the Dataset, so the table would otherwise show blanks).
 */
async function waitBound(kc: k8s.KubeConfig, objects: AppliedObject[]): Promise<void> {
  const seen = new Map<string, string>();
  const datasets = objects.filter((o) => o.kind === 'Dataset');
  await waitFor('the example Datasets to be Bound', BOUND_DEADLINE_MS, async () => {
    const states = await Promise.all(
      datasets.map(async (d) => {
        const runtime = objects.find((o) => o.kind?.endsWith('Runtime') && o.metadata.name === d.metadata.name)!;
        const phase: string = (await get(kc, 'Dataset', d.metadata.name, d.metadata.namespace)).status?.phase ?? '(none)';
        const setUp = !!(await get(kc, runtime.kind!, runtime.metadata.name, runtime.metadata.namespace)).status?.setupDuration;
        return { name: d.metadata.name, phase, setUp };
      }),
    );
    for (const { name, phase } of states) {
      if (seen.get(name) !== phase) progress(`Dataset ${name}: ${phase}`);
      seen.set(name, phase);
    }
    return states.every((s) => s.phase === 'Bound' && s.setUp) ? done(true) : notYet(states.map((s) => `${s.name}=${s.phase}`).join(', '));
  }, { intervalMs: 250 });
}

/** Waits for every data operation to finish, printing each phase change; they start once their Dataset is Bound. */
async function waitFinished(kc: k8s.KubeConfig, operations: AppliedObject[]): Promise<void> {
  const seen = new Map<string, string>();
  await waitFor('the example data operations to finish', BOUND_DEADLINE_MS, async () => {
    const phases = await Promise.all(operations.map(async (o) => [`${o.kind} ${o.metadata.name}`, (await get(kc, o.kind!, o.metadata.name, o.metadata.namespace)).status?.phase || '(none)'] as const));
    for (const [name, phase] of phases) {
      if (seen.get(name) !== phase) progress(`${name}: ${phase}`);
      seen.set(name, phase);
    }
    return phases.every(([, p]) => p === 'Complete' || p === 'Failed') ? done(true) : notYet(phases.map(([n, p]) => `${n}=${p}`).join(', '));
  }, { intervalMs: 250 });
}

async function operationTable(kc: k8s.KubeConfig, operations: AppliedObject[]): Promise<string> {
  const rows = [['NAMESPACE', 'KIND', 'NAME', 'DATASET', 'PHASE', 'DURATION']];
  for (const op of operations) {
    const o = await get(kc, op.kind!, op.metadata.name, op.metadata.namespace);
    rows.push([o.metadata.namespace, op.kind!, op.metadata.name, o.spec?.dataset?.name ?? '', o.status?.phase ?? '', o.status?.duration ?? '']);
  }
  return table(rows);
}

async function statusTable(kc: k8s.KubeConfig, objects: AppliedObject[]): Promise<string> {
  const rows = [['NAMESPACE', 'DATASET', 'PHASE', 'RUNTIME', 'MASTER', 'WORKERS', 'FUSE', 'PVC', 'SETUP']];
  for (const ds of objects.filter((o) => o.kind === 'Dataset')) {
    const ns = ds.metadata.namespace ?? 'default';
    const runtime = objects.find((o) => o.kind?.endsWith('Runtime') && o.metadata.name === ds.metadata.name)!;
    const d = await get(kc, 'Dataset', ds.metadata.name, ns);
    const r = (await get(kc, runtime.kind!, runtime.metadata.name, ns)).status ?? {};
    const pvc = await get(kc, 'PersistentVolumeClaim', ds.metadata.name, ns);
    // Fluid's flat runtime status, or CacheRuntime's block per component (master, worker, client).
    const workers = `${r.workerNumberReady ?? r.worker?.readyReplicas ?? 0}/${r.desiredWorkerNumberScheduled ?? r.worker?.desiredReplicas ?? 0} ${r.workerPhase ?? r.worker?.phase ?? ''}`.trim();
    const master = r.masterPhase || r.master?.phase || '-';
    const fuse = r.fusePhase ?? r.client?.phase ?? '';
    rows.push([ns, ds.metadata.name, d.status?.phase ?? '', runtime.kind!, master, workers, fuse, `${pvc.metadata.name} (${pvc.status?.phase})`, r.setupDuration ?? '']);
  }
  return table(rows);
}

interface DemoRun {
  readonly keep: boolean;
  readonly kubeconfig: string;
  /** The local cluster's kubectl, when the demo started one. */
  readonly kubectl?: string;
}

async function runDemo(kc: k8s.KubeConfig, run: DemoRun): Promise<void> {
  progress('Installing the data.fluid.io CRDs');
  await installCrds(kc, [...crdFiles().values()].map((text) => parse(text) as AppliedObject));
  await apply(kc, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: LEASE_NAMESPACE } });
  const operator = new Operator({
    kc,
    registry: builtinEngines(),
    settings: { mountRoot: DEFAULT_MOUNT_ROOT, env: {} },
    // Start-up noise (CRDs still initialising, write races retried) is expected here; only errors are news.
    logger: pino({ level: 'error' }),
    metricsPort: 0,
    lease: { namespace: LEASE_NAMESPACE, name: 'fluid-cdk8s-demo' },
    identity: `demo-${process.pid}`,
  });
  progress('Starting the operator');
  await operator.start();
  try {
    const objects = exampleObjects();
    for (const obj of objects) {
      progress(`Applying ${obj.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`);
      await apply(kc, obj);
    }
    await waitBound(kc, objects);
    process.stdout.write(`${await statusTable(kc, objects)}\n`);
    const operations = objects.filter((o) => isOperationKind(o.kind));
    if (operations.length) {
      await waitFinished(kc, operations);
      process.stdout.write(`\n${await operationTable(kc, operations)}\n`);
    }
    if (run.keep) {
      await keepUntilStopped(progress, run.kubeconfig, run.kubectl);
    }
  } finally {
    progress('Stopping the operator');
    await operator.stop();
  }
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('start a local control plane (unless KUBECONFIG is set) and the operator, apply two example datasets, wait for Bound')
    .option('--real', 'the data path on a local cluster with a real node (needs root): a pod reads a SeaweedFS-cached S3 bucket through its PVC')
    .option('--keep', 'leave the cluster, the operator and the examples running afterwards, to look around with kubectl, until Ctrl-C')
    .action(async (opts: { real?: boolean; keep?: boolean }) => {
      const keep = opts.keep === true;
      if (opts.real) {
        // Its own cluster: the examples need a real node with the SeaweedFS images, which KUBECONFIG's may lack.
        await runRealDemo(progress, statusTable, keep);
        return;
      }
      const kc = new k8s.KubeConfig();
      if (process.env.KUBECONFIG) {
        progress(`Using the cluster of KUBECONFIG=${process.env.KUBECONFIG}`);
        kc.loadFromDefault();
        await runDemo(kc, { keep, kubeconfig: process.env.KUBECONFIG });
        return;
      }
      progress('No KUBECONFIG: starting a local control plane (the first run builds it from Go modules, ~13 min)');
      const cluster = await LocalCluster.start({ log: progress });
      try {
        progress(`Control plane ready in ${(cluster.startupMs / 1000).toFixed(1)} s`);
        kc.loadFromFile(cluster.kubeconfig);
        await runDemo(kc, { keep, kubeconfig: cluster.kubeconfig, kubectl: cluster.kubectl });
      } finally {
        progress('Stopping the local control plane');
        await cluster.stop();
      }
    });
}
