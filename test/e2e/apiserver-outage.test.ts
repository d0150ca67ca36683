// The operator through an apiserver outage of two minutes, on a cluster of its own (KWOK nodes only): stopping the
// shared cluster's apiserver would break every other test file. Pairs are created and deleted just before the
// apiserver stops, so the operator is mid-work when it goes. The operator must stay up, log the outage in a few
// lines (not one per retry), and, within 30 s of the apiserver's return, have every pair Bound or gone as asked
// (a deleted runtime at most waiting for kube-controller-manager to release its PVC), with no object made twice.
import * as k8s from '@kubernetes/client-node';
import { LocalCluster } from '../../cluster/local-cluster';
import { kubeRequest } from '../../operator/kube/kube-request';
import { resourceOf, resourcePath } from '../../operator/kube/resources';
import { OWNER_ANNOTATION } from '../../operator/reconcilers/owner-tag';
import { done, notYet, waitFor } from '../integration/support/cluster-client';
import { installOperatorRbac, LogLine, OperatorProcess, serviceAccountKubeconfig } from './support/operator-process';

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: any }; spec?: any; status?: any };

const NAMESPACE = 'outage';
const OUTAGE_MS = 120_000;
const CONVERGE_AFTER_RETURN_MS = 30_000;
const MAX_OUTAGE_LOG_LINES = 50;
/** kube-controller-manager's reflectors back off up to 30 s plus as much jitter again. */
const KCM_RETURN_MS = 180_000;
/** Bound before the outage; of these, DELETED are deleted just before it. */
const FIRST = 12;
const DELETED = 6;
/** Created just before the outage. */
const SECOND = 6;

let cluster: LocalCluster;
let kc: k8s.KubeConfig;
let operator: OperatorProcess;

const names = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => `pair-${from + i}`);

function pair(name: string): Obj[] {
  const metadata = { name, namespace: NAMESPACE };
  return [
    { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata, spec: { mounts: [{ mountPoint: `nfs://nfs.example.org/exports/${name}`, name: 'data' }] } },
    { apiVersion: 'data.fluid.io/v1alpha1', kind: 'ThinRuntime', metadata, spec: { profileName: 'outage-nfs' } },
  ];
}

async function create(obj: Obj): Promise<void> {
  await kubeRequest(kc, 'POST', resourcePath(resourceOf(obj.kind), obj.metadata.namespace), obj);
}

async function remove(kind: string, name: string): Promise<void> {
  await kubeRequest(kc, 'DELETE', resourcePath(resourceOf(kind), NAMESPACE, name));
}

async function list(kind: string): Promise<Obj[]> {
  const r = resourceOf(kind);
  return (await kubeRequest(kc, 'GET', r.namespaced ? resourcePath(r, NAMESPACE) : resourcePath(r, undefined))).body.items as Obj[];
}

/**
 * What is left to converge: pairs not Bound, deleted pairs still there, children made twice or left behind.
 * `volumeProtection`: a deleted pair's runtime may still wait for its PVC, deleting and held only by
 * kube-controller-manager's pvc-protection finalizer, and then for its PV, held only by pv-protection; KCM's own
 * informers come back from the outage on client-go's
 * backoff, up to a minute, which is not the operator's to shorten.
 */
async function unconverged(kept: readonly string[], deleted: readonly string[], volumeProtection = false): Promise<string[]> {
  const problems: string[] = [];
  const datasets = new Map((await list('Dataset')).map((d) => [d.metadata.name, d]));
  const runtimes = new Set((await list('ThinRuntime')).map((r) => r.metadata.name));
  for (const name of kept) {
    const phase = datasets.get(name)?.status?.phase;
    if (phase !== 'Bound') problems.push(`Dataset ${name} is ${phase ?? 'missing'}`);
    if ((datasets.get(name)?.status?.runtimes ?? []).length > 1) problems.push(`Dataset ${name} lists ${datasets.get(name)!.status.runtimes.length} runtimes`);
  }
  const pvcs = new Map((await list('PersistentVolumeClaim')).map((c) => [c.metadata.name, c]));
  const pvs = await list('PersistentVolume');
  for (const name of deleted) {
    if (datasets.has(name)) problems.push(`Dataset ${name} not gone`);
    // A runtime goes once its PVC and then its PV have: kube-controller-manager lifts their protection finalizers.
    const pvc = pvcs.get(name);
    const pv = pvs.find((v) => v.metadata.annotations?.[OWNER_ANNOTATION] === `ThinRuntime/${NAMESPACE}/${name}`);
    const heldOnlyBy = (o: Obj | undefined, finalizer: string) => !!o?.metadata.deletionTimestamp && JSON.stringify(o.metadata.finalizers) === JSON.stringify([finalizer]);
    const heldByKcm = heldOnlyBy(pvc, 'kubernetes.io/pvc-protection') || (!pvc && heldOnlyBy(pv, 'kubernetes.io/pv-protection'));
    const volume = pvc ? `, PVC ${pvc.metadata.deletionTimestamp ? 'deleting' : 'present'} (finalizers ${pvc.metadata.finalizers ?? []})`
      : pv ? `, PV ${pv.metadata.deletionTimestamp ? 'deleting' : 'present'} (finalizers ${pv.metadata.finalizers ?? []})` : '';
    if (runtimes.has(name) && !(volumeProtection && heldByKcm)) problems.push(`ThinRuntime ${name} not gone${volume}`);
  }
  // One of each child per kept pair, none for a deleted one (or being deleted: PVC protection is KCM's to lift).
  for (const kind of ['ConfigMap', 'DaemonSet', 'PersistentVolumeClaim', 'PersistentVolume']) {
    const owners = (await list(kind)).filter((o) => !o.metadata.deletionTimestamp).map((o) => o.metadata.annotations?.[OWNER_ANNOTATION]).filter((o): o is string => o !== undefined);
    for (const name of kept) {
      const count = owners.filter((o) => o === `ThinRuntime/${NAMESPACE}/${name}`).length;
      if (count !== 1) problems.push(`${count} ${kind}s of ${name}`);
    }
    // The runtime deletes its PV and other children after the PVC (Fluid's order), which KCM's protection may hold.
    const afterVolume = volumeProtection && (kind === 'ConfigMap' || kind === 'DaemonSet' || kind === 'PersistentVolume');
    for (const name of deleted) if (!afterVolume && owners.includes(`ThinRuntime/${NAMESPACE}/${name}`)) problems.push(`${kind} of deleted ${name} left`);
  }
  return problems;
}

async function waitConverged(kept: readonly string[], deleted: readonly string[], deadlineMs: number, volumeProtection = false): Promise<void> {
  await waitFor(`${kept.length} pairs Bound and ${deleted.length} gone`, deadlineMs, async () => {
    const problems = await unconverged(kept, deleted, volumeProtection);
    return problems.length === 0 ? done(true) : notYet(problems.slice(0, 8).join('; '));
  }, { intervalMs: 250 });
}

const linesBetween = (lines: readonly LogLine[], from: number, to: number): LogLine[] => lines.filter((l) => typeof l.time === 'number' && (l.time as number) >= from && (l.time as number) < to);

beforeAll(async () => {
  cluster = await LocalCluster.start({ nodes: 2, log: () => undefined });
  kc = new k8s.KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  await installOperatorRbac(kc);
  await create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
  await create({
    apiVersion: 'data.fluid.io/v1alpha1', kind: 'ThinRuntimeProfile', metadata: { name: 'outage-nfs' },
    spec: { fileSystemType: 'nfs', fuse: { image: 'registry.example.org/fluid/nfs-fuse', imageTag: 'v1.0.0', command: ['/usr/local/bin/mount-nfs.sh'] } },
  });
  operator = await OperatorProcess.start(await serviceAccountKubeconfig(kc));
}, 180_000);

afterAll(async () => {
  await operator?.stop();
  await cluster?.stop();
}, 60_000);

test('the operator stays up through a 120 s apiserver outage, logs it in a few lines, and converges within 30 s of its return', async () => {
  const first = names(0, FIRST);
  for (const name of first) for (const obj of pair(name)) await create(obj);
  await waitConverged(first, [], 90_000);

  // Mid-work when the apiserver goes: new pairs to set up, deleted ones to tear down.
  const second = names(FIRST, SECOND);
  const deleted = first.slice(0, DELETED);
  for (const name of second) for (const obj of pair(name)) await create(obj);
  for (const name of deleted) {
    await remove('ThinRuntime', name);
    await remove('Dataset', name);
  }
  const pid = operator.pid;
  const stoppedAt = Date.now();
  await cluster.stopApiServer();
  // The outage is the scenario, not a wait for a condition: the operator is watched for exiting meanwhile.
  const exitReport = (): string | undefined => (operator.exited ? `the operator exited: ${operator.lines.slice(-5).map((l) => l.msg).join(' | ')}` : undefined);
  await waitFor(`the outage to last ${OUTAGE_MS} ms with the operator running`, OUTAGE_MS + 10_000, async () => {
    return Date.now() - stoppedAt >= OUTAGE_MS ? done(true) : notYet(`${Date.now() - stoppedAt} ms into the outage`);
  }, { intervalMs: 1_000, abortIf: exitReport });
  await cluster.startApiServer();
  const returnedAt = Date.now();

  const kept = [...first.slice(DELETED), ...second];
  await waitConverged(kept, deleted, CONVERGE_AFTER_RETURN_MS, true);
  expect(operator.exited).toBe(false);
  expect(operator.pid).toBe(pid);
  const outageLines = linesBetween(operator.lines, stoppedAt, returnedAt);
  if (outageLines.length >= MAX_OUTAGE_LOG_LINES) throw new Error(`${outageLines.length} log lines during the outage:\n${outageLines.map((l) => JSON.stringify(l)).join('\n')}`);
  // The outage is told with its cause, and the return once.
  expect(outageLines.find((l) => l.msg === 'Lost connection to the API server; retrying with backoff')?.cause).toMatch(/ECONNREFUSED|ECONNRESET|UND_ERR|HTTP 5|PREMATURE/);
  expect(operator.lines.filter((l) => l.msg === 'Reconnected to the API server').length).toBeGreaterThanOrEqual(1);
  expect(operator.errors()).toEqual([]);
  // Then all the way, once kube-controller-manager has let the deleted PVCs go.
  await waitConverged(kept, deleted, KCM_RETURN_MS);
}, OUTAGE_MS + 400_000);
