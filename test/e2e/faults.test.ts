// Bad input and refusals, end to end on the real control plane with the operator as its own process: names too long
// for Kubernetes' limits, objects the apiserver refuses, a Dataset lost to another runtime, invalid Datasets, Event
// repeats, and a missing Lease namespace. Each says what is wrong once, and nothing is retried hot.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../../cluster/repo-root';
import { EventRecorder } from '../../operator/kube/events';
import { applyObject, getObject } from '../../cluster/apply-object';
import { kubeRequest } from '../../operator/kube/kube-request';
import { resourceOf, resourcePath } from '../../operator/kube/resources';
import { clusterEnv } from '../integration/support/cluster-env';
import { createNamespace, done, loadKubeConfig, notYet, startNamespaceDeletion, waitFor } from '../integration/support/cluster-client';
import { silentLogger } from '../support/capture-logger';
import { acquireOperatorLock, OPERATOR_LOCK_DEADLINE_MS, releaseOperatorLock } from './support/operator-lock';
import { installOperatorRbac, OperatorProcess, serviceAccountKubeconfig } from './support/operator-process';

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: any }; spec?: any; status?: any };

const kc = loadKubeConfig();
/** The acceptance: the condition and the Event within 10 s. */
const CONDITION_DEADLINE_MS = 10_000;
const BOUND_DEADLINE_MS = 120_000;
let operator: OperatorProcess;
const namespaces: string[] = [];

// The harness's own server-side apply and get (cluster/apply-object.ts), as a user's field manager.
const apply = (obj: Obj): Promise<void> => applyObject(kc, obj as never, 'e2e-user');
const get = (kind: string, name: string, namespace?: string): Promise<Obj | undefined> => getObject(kc, kind, name, namespace);

async function list(kind: string, namespace: string): Promise<Obj[]> {
  return (await kubeRequest(kc, 'GET', resourcePath(resourceOf(kind), namespace))).body.items as Obj[];
}

async function events(namespace: string, regardingName: string): Promise<Obj[]> {
  const all = (await kubeRequest(kc, 'GET', `/apis/events.k8s.io/v1/namespaces/${namespace}/events`)).body.items as (Obj & { regarding: { name: string } })[];
  return all.filter((e) => e.regarding.name === regardingName);
}

async function newNamespace(prefix: string): Promise<string> {
  const ns = await createNamespace(kc, prefix);
  namespaces.push(ns);
  return ns;
}

const condition = (obj: Obj | undefined, type: string) => (obj?.status?.conditions as { type: string; status: string; reason?: string; message?: string; observedGeneration?: number }[] | undefined)?.find((c) => c.type === type);

/** Reconciles the runtime controller has finished, whatever their result. */
async function runtimeReconciles(): Promise<number> {
  const text = await operator.metrics();
  return text.split('\n').filter((l) => l.startsWith('fluid_cdk8s_reconciles_total{') && l.includes('controller="runtime"')).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

/** Touches a label of the runtime (no new generation) and waits for the reconcile that follows. */
async function nudge(kind: string, name: string, namespace: string): Promise<void> {
  const before = await runtimeReconciles();
  await kubeRequest(kc, 'PATCH', resourcePath(resourceOf(kind), namespace, name), { metadata: { labels: { nudged: String(Date.now()) } } }, 'application/merge-patch+json');
  await waitFor(`a reconcile of ${kind} ${namespace}/${name} after the nudge`, 30_000, async () => ((await runtimeReconciles()) > before ? done(true) : notYet(`${before} reconciles`)), { intervalMs: 100 });
}

const dataset = (name: string, namespace: string, mounts: object[] = [{ mountPoint: 'https://example.org/data/', name: 'web' }]): Obj => ({ apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name, namespace }, spec: { mounts } });
const alluxio = (name: string, namespace: string, spec: object = {}): Obj => ({
  apiVersion: 'data.fluid.io/v1alpha1', kind: 'AlluxioRuntime', metadata: { name, namespace }, spec: { replicas: 1, tieredstore: { levels: [{ mediumtype: 'MEM', path: '/dev/shm', quota: '1Gi' }] }, ...spec },
});

beforeAll(async () => {
  await acquireOperatorLock('faults.test.ts');
  await installOperatorRbac(kc);
  operator = await OperatorProcess.start(await serviceAccountKubeconfig(kc));
}, OPERATOR_LOCK_DEADLINE_MS + 120_000);

afterAll(async () => {
  await operator?.stop();
  releaseOperatorLock();
  await Promise.all(namespaces.map((ns) => startNamespaceDeletion(kc, ns)));
});

describe('a runtime whose derived names break a limit', () => {
  it('gets a condition and one Event naming the 63-byte limit within 10 s, and no write is tried again', async () => {
    const ns = await newNamespace('faults-long');
    const name = 'a'.repeat(60);
    await apply(dataset(name, ns));
    await apply(alluxio(name, ns));
    const rt = await waitFor(`AlluxioRuntime ${name} to say Validated=False`, CONDITION_DEADLINE_MS, async () => {
      const obj = await get('AlluxioRuntime', name, ns);
      return condition(obj, 'Validated')?.status === 'False' ? done(obj!) : notYet(JSON.stringify(obj?.status?.conditions ?? []));
    }, { intervalMs: 100 });
    expect(condition(rt, 'Validated')?.message).toContain('over the 63-byte limit');
    const [event, ...more] = await waitFor('the Warning Event', CONDITION_DEADLINE_MS, async () => {
      const found = await events(ns, name);
      return found.length ? done(found) : notYet('none yet');
    }, { intervalMs: 100 });
    expect(more).toEqual([]);
    expect(event).toMatchObject({ type: 'Warning', reason: 'ErrorValidateSpecFields' });
    expect((event as { note?: string }).note).toContain('63-byte limit');
    // Nothing of the runtime was applied, and another reconcile tries nothing and records nothing new.
    expect(await list('ConfigMap', ns)).toEqual([expect.objectContaining({ metadata: expect.objectContaining({ name: 'kube-root-ca.crt' }) })]);
    const writes = await operator.apiWrites();
    await nudge('AlluxioRuntime', name, ns);
    expect(await operator.apiWrites()).toEqual(writes);
    expect(await events(ns, name)).toHaveLength(1);
  }, 60_000);
});

describe('an object the apiserver refuses', () => {
  it('is a condition on the runtime and the Dataset with one Event, holds until the spec changes, then goes ahead', async () => {
    const ns = await newNamespace('faults-422');
    const name = 'refused';
    await apply(dataset(name, ns));
    // Our checks pass it (the value is short), the apiserver refuses the label value's characters.
    await apply(alluxio(name, ns, { podMetadata: { labels: { team: 'not a label value!' } } }));
    const rt = await waitFor('the runtime to record the refusal', 30_000, async () => {
      const obj = await get('AlluxioRuntime', name, ns);
      return condition(obj, 'Validated')?.reason === 'ApplyRejected' ? done(obj!) : notYet(JSON.stringify(obj?.status?.conditions ?? []));
    }, { intervalMs: 200 });
    const validated = condition(rt, 'Validated')!;
    expect(validated).toMatchObject({ status: 'False', observedGeneration: rt.metadata.generation });
    expect(validated.message).toMatch(/^the apiserver refused StatefulSet .*\(422 Invalid\): .*not a label value!/);
    const ds = await get('Dataset', name, ns);
    expect(condition(ds, 'NotReady')).toMatchObject({ status: 'True', reason: 'ApplyRejected', message: validated.message });
    expect(await events(ns, name)).toEqual([expect.objectContaining({ type: 'Warning', reason: 'ApplyRejected', regarding: expect.objectContaining({ kind: 'AlluxioRuntime' }) })]);

    const writes = await operator.apiWrites();
    await nudge('AlluxioRuntime', name, ns);
    expect(await operator.apiWrites()).toEqual(writes);

    await apply(alluxio(name, ns, { podMetadata: { labels: { team: 'fixed' } } }));
    await waitFor('the master StatefulSet once the spec is fixed', 30_000, async () => ((await get('StatefulSet', `${name}-master`, ns)) ? done(true) : notYet('absent')), { intervalMs: 200 });
  }, 90_000);
});

describe('two runtimes for one Dataset', () => {
  it('the loser removes what it created; the winner and the user keep theirs', async () => {
    const ns = await newNamespace('faults-loser');
    const docs = parseAllDocuments(readFileSync(join(REPO_ROOT, 'examples/jindo-oss-demo.yaml'), 'utf8')).map((d) => d.toJS() as Obj).filter((o) => o.kind !== 'DataLoad');
    const [secret, ds, jindo] = ['Secret', 'Dataset', 'JindoRuntime'].map((kind) => ({ ...docs.find((o) => o.kind === kind)!, metadata: { ...docs.find((o) => o.kind === kind)!.metadata, namespace: ns } }));
    const name = ds.metadata.name;
    await apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-users-own`, namespace: ns } });
    await apply(secret);
    await apply(ds);
    // Its master can never schedule, so this runtime never binds: it is sure to lose once Jindo is ready.
    await apply(alluxio(name, ns, { master: { nodeSelector: { 'faults.test/nowhere': 'true' } } }));
    await waitFor('the Alluxio master StatefulSet', 30_000, async () => ((await get('StatefulSet', `${name}-master`, ns)) ? done(true) : notYet('absent')), { intervalMs: 200 });
    await apply(jindo);
    await waitFor(`Dataset ${ns}/${name} bound to Jindo`, BOUND_DEADLINE_MS, async () => {
      const d = await get('Dataset', name, ns);
      return d?.status?.phase === 'Bound' ? done(d) : notYet(`phase ${d?.status?.phase}`);
    }, { intervalMs: 500 });
    const owned = async (tag: string) => {
      const kinds = ['ConfigMap', 'Service', 'StatefulSet', 'DaemonSet'];
      const all = (await Promise.all(kinds.map((k) => list(k, ns)))).flat();
      return all.filter((o) => o.metadata.annotations?.['fluid-cdk8s.io/owner'] === tag && !o.metadata.deletionTimestamp).map((o) => `${o.kind}/${o.metadata.name}`);
    };
    await waitFor("the loser's objects to be removed", 30_000, async () => {
      const left = await owned(`AlluxioRuntime/${ns}/${name}`);
      return left.length === 0 ? done(true) : notYet(left.join(', '));
    }, { intervalMs: 250 });
    expect((await owned(`JindoRuntime/${ns}/${name}`)).length).toBeGreaterThan(1);
    expect(await get('ConfigMap', `${name}-users-own`, ns)).toBeDefined();
    expect(condition(await get('AlluxioRuntime', name, ns), 'Validated')?.message).toContain('already bound to a jindo');
  }, BOUND_DEADLINE_MS + 60_000);
});

describe('an invalid Dataset', () => {
  it('gets Validated=False naming the field and one ErrorCreateDataset Event; its runtime creates nothing', async () => {
    const ns = await newNamespace('faults-ds');
    await apply(dataset('dup', ns, [{ mountPoint: 'https://example.org/a/', name: 'web' }, { mountPoint: 'https://example.org/b/', name: 'web' }]));
    await apply(alluxio('dup', ns));
    const ds = await waitFor('the Dataset condition', CONDITION_DEADLINE_MS, async () => {
      const obj = await get('Dataset', 'dup', ns);
      return condition(obj, 'Validated') ? done(obj!) : notYet(JSON.stringify(obj?.status ?? {}));
    }, { intervalMs: 100 });
    expect(condition(ds, 'Validated')).toMatchObject({ status: 'False', message: expect.stringContaining('spec.mounts[1].name') });
    await waitFor('the runtime condition', CONDITION_DEADLINE_MS, async () => {
      const obj = await get('AlluxioRuntime', 'dup', ns);
      return condition(obj, 'Validated')?.message?.includes('mount names must be unique') ? done(true) : notYet(JSON.stringify(obj?.status?.conditions ?? []));
    }, { intervalMs: 100 });
    const dsEvents = (await events(ns, 'dup')).filter((e) => (e as unknown as { regarding: { kind: string } }).regarding.kind === 'Dataset');
    expect(dsEvents).toEqual([expect.objectContaining({ reason: 'ErrorCreateDataset' })]);
    expect(await list('StatefulSet', ns)).toEqual([]);
  }, 60_000);
});

describe('Event repeats', () => {
  it('three records of one Event are one object with series.count 3', async () => {
    const ns = await newNamespace('faults-events');
    const recorder = new EventRecorder({ kubeConfig: kc, identity: 'faults-test', logger: silentLogger, seriesUpdateIntervalMs: 200 });
    const regarding = { apiVersion: 'v1', kind: 'ConfigMap', name: 'held', namespace: ns, uid: '00000000-0000-0000-0000-000000000001' };
    const spec = { type: 'Warning' as const, reason: 'ErrorDeleteDataset', note: 'still in use by pod p', action: 'Delete' };
    const names = [];
    for (let i = 0; i < 3; i++) names.push(await recorder.record(regarding, spec));
    expect(new Set(names).size).toBe(1);
    const [event, ...more] = await waitFor('series.count 3', 10_000, async () => {
      const found = await events(ns, 'held');
      return (found[0] as { series?: { count?: number } } | undefined)?.series?.count === 3 ? done(found) : notYet(JSON.stringify(found.map((e) => (e as { series?: unknown }).series)));
    }, { intervalMs: 100 });
    expect(more).toEqual([]);
    expect(event.metadata.name).toBe(names[0]);
  });
});

describe('a missing Lease namespace', () => {
  it('stops the operator with a message saying how to fix it', async () => {
    const missing = `faults-nowhere-${Date.now()}`;
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'fluid-cdk8s.js'), 'operator', '--kubeconfig', clusterEnv('kubeconfig'), '--metrics-port', '0', '--lease-namespace', missing], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.resume();
    const code = await waitFor('the operator to exit', 60_000, async () => (child.exitCode !== null ? done(child.exitCode) : notYet('still running')), { intervalMs: 200 }).finally(() => {
      if (child.exitCode === null) child.kill();
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`kubectl create namespace ${missing}`);
    expect(stderr).toContain('--lease-namespace');
  }, 90_000);
});
