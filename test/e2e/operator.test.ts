// The operator end to end on the real control plane (KWOK nodes make pods Ready), running as its own process under
// the ServiceAccount and RBAC `fluid-cdk8s install` prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../../cluster/repo-root';
import { builtinEngines } from '../../constructs/runtimes/builtin-engines';
import { synthesize } from '../../operator/reconcilers/synthesize';
import { isOperationKind } from '../../constructs/operations/operation-rules';
import { kubeRequest } from '../../operator/kube/kube-request';
import { resourceOf, resourcePath } from '../../operator/kube/resources';
import { createNamespace, done, loadKubeConfig, notYet, startNamespaceDeletion, waitFor } from '../integration/support/cluster-client';
import { kubectl } from '../integration/support/real-node';
import { acquireOperatorLock, OPERATOR_LOCK_DEADLINE_MS, releaseOperatorLock } from './support/operator-lock';
import { installOperatorRbac, OperatorProcess, serviceAccountKubeconfig } from './support/operator-process';

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: any }; spec?: any; status?: any; data?: Record<string, string> };

const kc = loadKubeConfig();
const BOUND_DEADLINE_MS = 90_000;
let operator: OperatorProcess;
let saKubeconfig: string;
const namespaces: string[] = [];

async function apply(obj: Obj): Promise<void> {
  const r = resourceOf(obj.kind);
  await kubeRequest(kc, 'PATCH', `${resourcePath(r, obj.metadata.namespace, obj.metadata.name)}?fieldManager=e2e-user&force=true`, obj, 'application/apply-patch+yaml');
}

async function get(kind: string, name: string, namespace?: string): Promise<Obj | undefined> {
  try {
    return (await kubeRequest(kc, 'GET', resourcePath(resourceOf(kind), namespace, name))).body as Obj;
  } catch (e) {
    if ((e as { status?: number }).status === 404) return undefined;
    throw e;
  }
}

async function list(kind: string, namespace?: string, labelSelector?: string): Promise<Obj[]> {
  const query = labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : '';
  const r = resourceOf(kind);
  const path = r.namespaced && !namespace ? `${resourcePath(r, 'x').replace('/namespaces/x', '')}` : resourcePath(r, namespace);
  return (await kubeRequest(kc, 'GET', path + query)).body.items as Obj[];
}

async function remove(kind: string, name: string, namespace?: string): Promise<void> {
  await kubeRequest(kc, 'DELETE', resourcePath(resourceOf(kind), namespace, name)).catch((e) => {
    if ((e as { status?: number }).status !== 404) throw e;
  });
}

function docs(file: string, namespace: string): Obj[] {
  return parseAllDocuments(readFileSync(join(REPO_ROOT, file), 'utf8')).map((d) => {
    const obj = d.toJS() as Obj;
    return obj.kind.endsWith('Profile') || obj.kind.endsWith('Class') ? obj : { ...obj, metadata: { ...obj.metadata, namespace } };
  });
}

async function newNamespace(prefix: string): Promise<string> {
  const ns = await createNamespace(kc, prefix);
  namespaces.push(ns);
  return ns;
}

async function waitForPhase(name: string, namespace: string, phase: string, deadline = BOUND_DEADLINE_MS): Promise<Obj> {
  return waitFor(`Dataset ${namespace}/${name} to be ${phase}`, deadline, async () => {
    const ds = await get('Dataset', name, namespace);
    const operations = ds?.status?.operationRef ? `; operationRef ${JSON.stringify(ds.status.operationRef)}` : '';
    return ds?.status?.phase === phase ? done(ds) : notYet(`phase ${ds?.status?.phase ?? '(none)'}; conditions ${JSON.stringify(ds?.status?.conditions ?? [])}${operations}`);
  }, { intervalMs: 250 });
}

async function waitGone(kind: string, name: string, namespace?: string, deadline = 60_000): Promise<void> {
  await waitFor(`${kind} ${namespace ?? ''}/${name} to be gone`, deadline, async () => ((await get(kind, name, namespace)) ? notYet('still there') : done(true)), { intervalMs: 250 });
}

/** The placeholder UID of synth's owner references, replaced with the owner's real one. */
function withOwnerUid(obj: object, uid: string): Obj {
  const copy = JSON.parse(JSON.stringify(obj)) as Obj;
  for (const ref of (copy.metadata.ownerReferences ?? []) as { uid: string }[]) ref.uid = uid;
  return copy;
}

/**
 * Paths where `expected` is not contained in `actual`. The apiserver adds defaults, so extra fields are fine; and it
 * stores Go structs with omitempty, so a zero value we sent (`hostPID: false`, `value: ""`) reads back absent.
 */
function subsetDifferences(expected: unknown, actual: unknown, path = ''): string[] {
  if (actual === undefined && (expected === false || expected === '' || expected === 0)) return [];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${path}: ${JSON.stringify(expected)} != ${JSON.stringify(actual)}`];
    return expected.flatMap((e, i) => subsetDifferences(e, actual[i], `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path}: missing`];
    return Object.entries(expected).flatMap(([k, v]) => subsetDifferences(v, (actual as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return expected === actual ? [] : [`${path}: ${JSON.stringify(expected)} != ${JSON.stringify(actual)}`];
}

function readerPod(namespace: string, claim: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `reader-${claim}`, namespace },
    spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'reader', image: 'busybox' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] },
  };
}

beforeAll(async () => {
  await acquireOperatorLock('operator.test.ts');
  await installOperatorRbac(kc);
  saKubeconfig = await serviceAccountKubeconfig(kc);
  operator = await OperatorProcess.start(saKubeconfig);
}, OPERATOR_LOCK_DEADLINE_MS + 120_000);

afterAll(async () => {
  await operator?.stop();
  releaseOperatorLock();
  await Promise.all(namespaces.map((ns) => startNamespaceDeletion(kc, ns)));
});

const cacheRuntime = (ns: string): Obj[] => [
  {
    apiVersion: 'data.fluid.io/v1alpha1',
    kind: 'CacheRuntimeClass',
    metadata: { name: 'e2e-demofs' },
    fileSystemType: 'demofs',
    topology: {
      master: { service: { headless: {} }, template: { spec: { containers: [{ name: 'master', image: 'demofs/master:v1' }] } } },
      worker: { service: { headless: {} }, template: { spec: { containers: [{ name: 'worker', image: 'demofs/worker:v1' }] } } },
      client: { template: { spec: { containers: [{ name: 'client', image: 'demofs/client:v1' }] } } },
    },
    dataOperationSpecs: [{ name: 'DataLoad', command: ['sh', '-c'], args: ['demofs load $FLUID_DATALOAD_DATA_PATH'] }],
  } as unknown as Obj,
  { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: 'demo-cache', namespace: ns }, spec: { mounts: [{ mountPoint: 'demofs:///data', name: 'data' }] } },
  { apiVersion: 'data.fluid.io/v1alpha1', kind: 'CacheRuntime', metadata: { name: 'demo-cache', namespace: ns }, spec: { runtimeClassName: 'e2e-demofs', worker: { replicas: 1 } } },
];

const ENGINES: [string, string, string, string, (ns: string) => Obj[]][] = [
  ['AlluxioRuntime', 'demo-web', 'fuse.alluxio-fuse', 'alluxio-fuse', (ns) => docs('examples/alluxio-demo.yaml', ns)],
  ['JindoRuntime', 'demo-oss', 'jindo', 'jindofs-fuse', (ns) => docs('examples/jindo-oss-demo.yaml', ns)],
  ['JuiceFSRuntime', 'demo-jfs', 'JuiceFS', 'juicefs-fuse', (ns) => docs('examples/juicefs-community-demo.yaml', ns)],
  ['ThinRuntime', 'demo-nfs', 'nfs', 'thin-fuse', (ns) => docs('examples/thin-nfs-demo.yaml', ns)],
  ['CacheRuntime', 'demo-cache', 'cache', 'cache-fuse', cacheRuntime],
  ['VineyardRuntime', 'demo-v6d', 'vineyard-fuse', 'vineyard-fuse', (ns) => docs('examples/vineyard-demo.yaml', ns)],
  ['EFCRuntime', 'demo-nas', 'alifuse.aliyun-alinas-efc', 'efc-fuse', (ns) => docs('examples/efc-demo.yaml', ns)],
];

/** Where each engine's dataset was brought to Bound, for the data operations that follow. */
const boundIn = new Map<string, string>();

describe.each(ENGINES)('%s', (kind, name, mountType, fuseDir, objects) => {
  it('reaches Bound with its PV and PVC, and a pod using the PVC is scheduled', async () => {
    const ns = await newNamespace(`e2e-${kind.toLowerCase().replace('runtime', '')}`);
    boundIn.set(kind, ns);
    const started = Date.now();
    for (const obj of objects(ns)) await apply(obj);
    const ds = await waitForPhase(name, ns, 'Bound');
    process.stdout.write(`${kind}: create to Bound in ${Date.now() - started} ms\n`);
    expect(ds.status.runtimes).toEqual([expect.objectContaining({ name, namespace: ns, category: 'Accelerate' })]);

    const pv = await waitFor(`PV ${ns}-${name} bound`, 30_000, async () => {
      const v = await get('PersistentVolume', `${ns}-${name}`);
      return v?.status?.phase === 'Bound' ? done(v) : notYet(`phase ${v?.status?.phase ?? 'absent'}`);
    });
    expect(pv.spec.csi).toMatchObject({ driver: 'fuse.csi.fluid.io', volumeHandle: `${ns}-${name}` });
    if (kind === 'VineyardRuntime') {
      // Vineyard hands pods a socket folder by symlink, whatever the runtime's metadataList says.
      expect(pv.metadata.labels?.['fluid.io/node-publish-method']).toBe('symlink');
      expect(pv.spec.csi.volumeAttributes.node_publish_method).toBe('symlink');
    }
    if (kind === 'EFCRuntime') {
      // EFC writes its own PV: the session manager's folder, and no fuse selector key (create_volume.go).
      expect(pv.spec.csi.volumeAttributes.efc_sessmgr_workdir).toBe('/runtime-mnt/efc-sock');
      expect('mount_pod_node_selector_key' in pv.spec.csi.volumeAttributes).toBe(false);
    }
    expect(pv.spec.csi.volumeAttributes).toMatchObject({ mount_type: mountType, fluid_path: `/runtime-mnt/${kind === 'CacheRuntime' ? 'cache' : kind.replace('Runtime', '').toLowerCase()}/${ns}/${name}/${fuseDir}`, runtime_name: name, runtime_namespace: ns });
    // The PV controller binds the claim in a second step after the volume.
    await waitFor(`PVC ${ns}/${name} bound`, 30_000, async () => {
      const pvc = await get('PersistentVolumeClaim', name, ns);
      return pvc?.status?.phase === 'Bound' ? done(true) : notYet(`phase ${pvc?.status?.phase ?? 'absent'}`);
    });

    // Status and labels other Fluid components read, as Fluid writes them, and kept by the apiserver as written.
    const status = (await get(kind, name, ns))!.status;
    expect(status.setupDuration).toMatch(/^\d/);
    if (kind !== 'CacheRuntime') expect(status.masterPhase).toBe(kind === 'JuiceFSRuntime' || kind === 'ThinRuntime' ? '' : 'Ready');
    expect('cacheAffinity' in status).toBe(kind !== 'ThinRuntime');
    const [fuse] = await list('DaemonSet', ns);
    const pvcLabels = (await get('PersistentVolumeClaim', name, ns))!.metadata.labels;
    expect(pvcLabels?.['fuse.runtime.fluid.io/generation']).toBe(String(fuse.metadata.generation));
    if (kind === 'JindoRuntime') {
      await waitFor('a Jindo cache node labelled with runtime type jindocache', 30_000, async () => {
        const nodes = (await list('Node')).filter((n) => n.metadata.labels?.[`fluid.io/s-jindocache-${ns}-${name}`] === 'true');
        return nodes.length > 0 ? done(true) : notYet('no node labelled');
      });
    }

    // synth (and so every golden file) prints exactly what the operator applied: each field, owner references too.
    const live = (await get(kind, name, ns))!;
    const runtimeUid = live.metadata.uid as string;
    // The runtime's files only: the examples' data operations name their Dataset's namespace (default) in their spec.
    // The host ports the operator allocated are given to synth as the operator records them, on the runtime.
    const ports = live.metadata.annotations?.['fluid-cdk8s.io/host-ports'];
    const files = objects(ns).filter((o) => !isOperationKind(o.kind))
      .map((o) => (o.kind === kind && ports ? { ...o, metadata: { ...o.metadata, annotations: { 'fluid-cdk8s.io/host-ports': ports } } } : o));
    const synthed = synthesize(files, builtinEngines());
    if (!synthed.ok) throw new Error(synthed.errors.map((e) => e.message).join('\n'));
    const runtimeGroup = synthed.groups.find((g) => g.source === `${kind} ${ns}/${name}`)!;
    for (const obj of runtimeGroup.objects) {
      // runtime.json carries the component pods the operator observed; files have none to show.
      if (kind === 'CacheRuntime' && obj.metadata.name.startsWith('fluid-runtime-config-')) continue;
      // So do EFC's worker endpoints.
      if (kind === 'EFCRuntime' && obj.metadata.name.endsWith('-worker-endpoints')) continue;
      const expected = withOwnerUid(obj, runtimeUid);
      const applied = (await get(obj.kind, obj.metadata.name, obj.kind === 'PersistentVolume' ? undefined : ns))!;
      expect({ object: `${obj.kind}/${obj.metadata.name}`, differences: subsetDifferences(expected, applied) }).toEqual({ object: `${obj.kind}/${obj.metadata.name}`, differences: [] });
    }

    if (kind === 'CacheRuntime') {
      // runtime.json lists each component's pods as they come up (the CacheRuntime guide's topology section).
      await waitFor('runtime.json to list the worker pod and its IP', 30_000, async () => {
        const cm = await get('ConfigMap', 'fluid-runtime-config-demo-cache', ns);
        const config = JSON.parse(cm?.data?.['runtime.json'] ?? '{}');
        const workers = config.topology?.worker?.podConfigs ?? [];
        return workers.some((p: { podName: string; podIP: string }) => p.podName === 'demo-cache-worker-0' && /^10\./.test(p.podIP)) ? done(true) : notYet(JSON.stringify(config.topology ?? {}));
      });
    }

    if (kind === 'EFCRuntime') {
      // Master and fuse find the cache through the running workers' RPC endpoints (pkg/ddc/efc/worker.go).
      const port = JSON.parse(live.metadata.annotations?.['fluid-cdk8s.io/host-ports'] ?? '{}')['worker-rpc'];
      await waitFor('the worker-endpoints ConfigMap to list the worker', 30_000, async () => {
        const cm = await get('ConfigMap', 'demo-nas-worker-endpoints', ns);
        const endpoints: string[] = JSON.parse(cm?.data?.['efc-worker-endpoints.json'] ?? '{}').containerendpoints ?? [];
        return endpoints.length === 1 && endpoints[0].endsWith(`:${port}`) ? done(true) : notYet(JSON.stringify(endpoints));
      });
    }

    await apply(readerPod(ns, name));
    const pod = await waitFor(`pod reader-${name} scheduled`, 30_000, async () => {
      const p = await get('Pod', `reader-${name}`, ns);
      return p?.spec?.nodeName ? done(p) : notYet(`conditions ${JSON.stringify(p?.status?.conditions ?? [])}`);
    });
    expect(pod.spec.nodeName).toMatch(/^kwok-node-/);
    await remove('Pod', `reader-${name}`, ns);
  });
});

describe('AlluxioRuntime lifecycle', () => {
  let ns: string;
  const dataset = (n: string): Obj => ({ apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: 'scale', namespace: n }, spec: { mounts: [{ mountPoint: 'https://example.org/scale/', name: 'scale' }], placement: 'Shared' } });
  const runtime = (n: string, replicas: number): Obj => ({ apiVersion: 'data.fluid.io/v1alpha1', kind: 'AlluxioRuntime', metadata: { name: 'scale', namespace: n }, spec: { replicas } });

  async function waitWorkers(n: string, replicas: number): Promise<void> {
    await waitFor(`workers scaled to ${replicas}`, 60_000, async () => {
      const sts = await get('StatefulSet', 'scale-worker', n);
      const rt = await get('AlluxioRuntime', 'scale', n);
      const ok = sts?.spec?.replicas === replicas && sts?.status?.readyReplicas === replicas && rt?.status?.desiredWorkerNumberScheduled === replicas && rt?.status?.workerNumberReady === replicas;
      return ok ? done(true) : notYet(`sts ${sts?.spec?.replicas}/${sts?.status?.readyReplicas} ready, status ${rt?.status?.desiredWorkerNumberScheduled}/${rt?.status?.workerNumberReady}`);
    }, { intervalMs: 250 });
  }

  it('scales workers 1 → 5 → 2: the StatefulSet and the status follow, node labels too', async () => {
    ns = await newNamespace('e2e-scale');
    await apply(dataset(ns));
    await apply(runtime(ns, 1));
    await waitForPhase('scale', ns, 'Bound');
    await waitWorkers(ns, 1);
    await apply(runtime(ns, 5));
    await waitWorkers(ns, 5);
    const labelKey = `fluid.io/s-${ns}-scale`;
    await waitFor('five cache nodes labelled', 30_000, async () => {
      const nodes = (await list('Node')).filter((n) => n.metadata.labels?.[labelKey] === 'true');
      return nodes.length === 5 ? done(true) : notYet(`${nodes.length} labelled`);
    });
    await apply(runtime(ns, 2));
    await waitWorkers(ns, 2);
    await waitFor('two cache nodes labelled', 30_000, async () => {
      const nodes = (await list('Node')).filter((n) => n.metadata.labels?.[labelKey] === 'true');
      return nodes.length === 2 ? done(true) : notYet(`${nodes.length} labelled`);
    });
    const rt = await get('AlluxioRuntime', 'scale', ns);
    expect(rt?.status?.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'WorkersScaledIn', status: 'True' })]));
  });

  it('writes nothing to the API for 60 s once everything is Bound and idle', async () => {
    // Scaling in just ended: pods are still going away, and each step is written. Wait for that to settle first.
    await operator.waitForQuiet(5_000, 60_000);
    const before = await operator.apiWrites();
    const logged = operator.lines.length;
    // An observation window, not a synchronisation: the assertion is that nothing happens in it.
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    const plans = operator.lines.slice(logged).filter((l) => l.msg === 'Applied plan');
    expect({ writes: await operator.apiWrites(), plans }).toEqual({ writes: before, plans: [] });
  }, 150_000);

  it('`kubectl scale` of the worker StatefulSet and a hand edit of its ConfigMap are reverted, at once', async () => {
    const scaled = await kubectl(['-n', ns, 'scale', 'statefulset', 'scale-worker', '--replicas=7']);
    expect(scaled.code).toBe(0);
    await waitFor('the worker StatefulSet back at 2 replicas', 30_000, async () => {
      const sts = await get('StatefulSet', 'scale-worker', ns);
      return sts?.spec?.replicas === 2 ? done(true) : notYet(`replicas ${sts?.spec?.replicas}`);
    }, { intervalMs: 100 });
    const edited = await kubectl(['-n', ns, 'patch', 'configmap', 'scale-config', '--type=merge', '-p', '{"data":{"ALLUXIO_JAVA_OPTS":"edited by hand"}}']);
    expect(edited.code).toBe(0);
    await waitFor('the ConfigMap value restored', 30_000, async () => {
      const cm = await get('ConfigMap', 'scale-config', ns);
      return cm?.data?.ALLUXIO_JAVA_OPTS !== 'edited by hand' ? done(true) : notYet('still edited');
    }, { intervalMs: 100 });
    await waitWorkers(ns, 2);
  });

  it('deleting a dataset in use waits for the pod, then the runtime and all our objects go', async () => {
    await apply(readerPod(ns, 'scale'));
    await waitFor('reader scheduled', 30_000, async () => ((await get('Pod', 'reader-scale', ns))?.spec?.nodeName ? done(true) : notYet('pending')));
    await remove('Dataset', 'scale', ns);
    await waitFor('an ErrorDeleteDataset event naming the pod', 30_000, async () => {
      const events = (await list('Event', ns)) as unknown as { reason?: string; note?: string }[];
      const held = events.find((e) => e.reason === 'ErrorDeleteDataset' && e.note?.includes('reader-scale'));
      return held ? done(true) : notYet(`${events.length} events`);
    });
    expect((await get('Dataset', 'scale', ns))?.metadata.deletionTimestamp).toBeDefined();
    await remove('Pod', 'reader-scale', ns);
    await waitGone('Dataset', 'scale', ns);
    await waitGone('AlluxioRuntime', 'scale', ns);
    await waitGone('PersistentVolume', `${ns}-scale`);
    await waitFor('no object of ours left', 60_000, async () => {
      const left = [...(await list('StatefulSet', ns)), ...(await list('DaemonSet', ns)), ...(await list('ConfigMap', ns, 'app.kubernetes.io/managed-by=fluid-cdk8s')), ...(await list('PersistentVolumeClaim', ns))];
      return left.length ? notYet(left.map((o) => `${o.metadata.name}`).join(', ')) : done(true);
    });
    const labelled = (await list('Node')).filter((n) => n.metadata.labels?.[`fluid.io/s-${ns}-scale`]);
    expect(labelled).toEqual([]);
  }, 180_000);
});

describe('runtime then dataset deletion', () => {
  it('leaves none of our objects behind, and the Dataset is NotBound in between', async () => {
    const ns = await newNamespace('e2e-delete');
    for (const obj of docs('examples/juicefs-community-demo.yaml', ns)) await apply(obj);
    await waitForPhase('demo-jfs', ns, 'Bound');
    await remove('JuiceFSRuntime', 'demo-jfs', ns);
    await waitGone('JuiceFSRuntime', 'demo-jfs', ns);
    await waitForPhase('demo-jfs', ns, 'NotBound');
    await remove('Dataset', 'demo-jfs', ns);
    await waitGone('Dataset', 'demo-jfs', ns);
    await waitFor('no object of ours left', 60_000, async () => {
      const kinds = ['StatefulSet', 'DaemonSet', 'ConfigMap', 'Service', 'ServiceAccount', 'Role', 'RoleBinding', 'PersistentVolumeClaim'];
      const left = (await Promise.all(kinds.map((k) => list(k, ns, 'app.kubernetes.io/managed-by=fluid-cdk8s')))).flat();
      const pv = await get('PersistentVolume', `${ns}-demo-jfs`);
      return left.length || pv ? notYet([...left.map((o) => `${o.kind ?? ''} ${o.metadata.name}`), pv ? 'PV' : ''].join(', ')) : done(true);
    });
  }, 180_000);
});

describe('bad input', () => {
  it('a spec error becomes a condition and an Event naming the field; nothing is created and the operator keeps running', async () => {
    const ns = await newNamespace('e2e-bad');
    await apply({ apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: 'bad', namespace: ns }, spec: { mounts: [{ mountPoint: 's3://bucket/data', name: 'data' }] } });
    await apply({ apiVersion: 'data.fluid.io/v1alpha1', kind: 'JuiceFSRuntime', metadata: { name: 'bad', namespace: ns }, spec: {} });
    const rt = await waitFor('a Validated=False condition', 30_000, async () => {
      const r = await get('JuiceFSRuntime', 'bad', ns);
      const c = r?.status?.conditions?.find((x: { type: string }) => x.type === 'Validated');
      return c ? done(c) : notYet(JSON.stringify(r?.status ?? {}));
    });
    expect(rt.message).toContain('spec.mounts[0].mountPoint');
    await waitFor('an ErrorValidateSpecFields event', 30_000, async () => {
      const events = (await list('Event', ns)) as unknown as { reason?: string; note?: string }[];
      return events.some((e) => e.reason === 'ErrorValidateSpecFields' && e.note?.includes('juicefs://')) ? done(true) : notYet(`${events.length} events`);
    });
    expect(await list('StatefulSet', ns)).toEqual([]);
    expect(await get('Dataset', 'bad', ns)).toMatchObject({ spec: { mounts: [{ mountPoint: 's3://bucket/data' }] } });
    expect((await fetch(`http://127.0.0.1:${operator.port}/healthz`)).status).toBe(200);
  });
});

describe('an object the user already has', () => {
  it('is left untouched, with an Event saying why', async () => {
    const ns = await newNamespace('e2e-foreign');
    await apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'demo-web-config', namespace: ns }, data: { mine: 'yes' } } as Obj);
    for (const obj of docs('examples/alluxio-demo.yaml', ns)) await apply(obj);
    await waitFor('an ErrorProcessRuntime event about the ConfigMap', 30_000, async () => {
      const events = (await list('Event', ns)) as unknown as { reason?: string; note?: string }[];
      return events.some((e) => e.reason === 'ErrorProcessRuntime' && e.note?.includes(`ConfigMap ${ns}/demo-web-config already exists`)) ? done(true) : notYet(`${events.length} events`);
    });
    const cm = await get('ConfigMap', 'demo-web-config', ns);
    expect(cm?.data).toEqual({ mine: 'yes' });
    expect(cm?.metadata.annotations?.['fluid-cdk8s.io/owner']).toBeUndefined();
  });
});

describe('a missing Secret', () => {
  it('is reported against the field naming it, and setup continues once the Secret exists', async () => {
    const ns = await newNamespace('e2e-secret');
    const [secret, ...fluid] = docs('examples/juicefs-community-demo.yaml', ns);
    for (const obj of fluid) await apply(obj);
    const condition = await waitFor('a Validated=False condition naming the Secret', 30_000, async () => {
      const c = (await get('JuiceFSRuntime', 'demo-jfs', ns))?.status?.conditions?.find((x: { type: string }) => x.type === 'Validated');
      return c ? done(c) : notYet('no condition yet');
    });
    expect(condition.message).toContain(`Dataset ${ns}/demo-jfs: spec.mounts[0].encryptOptions[0].valueFrom.secretKeyRef.name: Secret "jfs-secret" not found in namespace ${ns}`);
    expect(await list('StatefulSet', ns)).toEqual([]);
    await apply(secret);
    await waitForPhase('demo-jfs', ns, 'Bound');
    const rt = await get('JuiceFSRuntime', 'demo-jfs', ns);
    expect(rt?.status?.conditions?.find((x: { type: string }) => x.type === 'Validated')).toBeUndefined();
  }, 120_000);
});

describe('restart', () => {
  it('an operator SIGKILLed mid-setup and restarted converges with no duplicate objects', async () => {
    const ns = await newNamespace('e2e-kill');
    for (const obj of docs('examples/jindo-oss-demo.yaml', ns)) await apply(obj);
    await waitFor('the master StatefulSet created', 30_000, async () => ((await get('StatefulSet', 'demo-oss-jindofs-master', ns)) ? done(true) : notYet('absent')));
    await operator.stop('SIGKILL');
    operator = await OperatorProcess.start(saKubeconfig);
    await waitForPhase('demo-oss', ns, 'Bound');
    const statefulSets = (await list('StatefulSet', ns)).map((o) => o.metadata.name).sort();
    expect(statefulSets).toEqual(['demo-oss-jindofs-master', 'demo-oss-jindofs-worker']);
    expect((await list('DaemonSet', ns)).map((o) => o.metadata.name)).toEqual(['demo-oss-jindofs-fuse']);
    expect((await list('PersistentVolumeClaim', ns)).map((o) => o.metadata.name)).toEqual(['demo-oss']);
    expect(operator.errors()).toEqual([]);
  }, 180_000);
});


// Data operations run through the same operator; KWOK completes Job pods, fails those annotated
// fluid-cdk8s.test/fail and keeps those annotated fluid-cdk8s.test/hold running (hack/control-plane/kwok-stages.yaml).
describe('data operations', () => {
  const dataLoad = (name: string, namespace: string, dataset: string, spec: object = {}): Obj => ({
    apiVersion: 'data.fluid.io/v1alpha1',
    kind: 'DataLoad',
    metadata: { name, namespace },
    spec: { dataset: { name: dataset, namespace }, target: [{ path: '/', replicas: 1 }], ...spec },
  });
  const annotated = (key: 'fail' | 'hold') => ({ podMetadata: { annotations: { [`fluid-cdk8s.test/${key}`]: 'true' } } });

  async function waitForOperation(kind: string, name: string, namespace: string, phase: string, deadline = 60_000): Promise<Obj> {
    return waitFor(`${kind} ${namespace}/${name} to be ${phase}`, deadline, async () => {
      const op = await get(kind, name, namespace);
      return op?.status?.phase === phase ? done(op) : notYet(`phase ${op?.status?.phase || '(none)'}; conditions ${JSON.stringify(op?.status?.conditions ?? [])}`);
    }, { intervalMs: 250 });
  }

  /** A DataMigrate from the JuiceFS Dataset demo-jfs to an object store. */
  const jfsMigrate = (name: string, namespace: string, spec: object = {}): Obj => ({
    apiVersion: 'data.fluid.io/v1alpha1',
    kind: 'DataMigrate',
    metadata: { name, namespace },
    spec: { from: { dataset: { name: 'demo-jfs', namespace } }, to: { externalStorage: { uri: 's3://backup/jfs' } }, ...spec },
  });

  /** The worker StatefulSet of a parallel DataMigrate at `replicas`, and (when `ready`) all of them ready. */
  const migrateWorkers = (namespace: string, name: string, replicas: number, ready: boolean) =>
    waitFor(`StatefulSet ${name} at ${replicas} replicas${ready ? ', all ready' : ''}`, 60_000, async () => {
      const sts = await get('StatefulSet', name, namespace);
      const readyReplicas = sts?.status?.readyReplicas ?? 0;
      return sts?.spec.replicas === replicas && (!ready || readyReplicas === replicas) ? done(sts) : notYet(`spec ${sts?.spec.replicas}, ready ${readyReplicas}`);
    }, { intervalMs: 250 });

  async function succeededJobPod(namespace: string, job: string): Promise<Obj> {
    return waitFor(`a Succeeded pod of Job ${job}`, 60_000, async () => {
      const pods = await list('Pod', namespace, `job-name=${job}`);
      const pod = pods.find((p) => p.status?.phase === 'Succeeded');
      return pod ? done(pod) : notYet(pods.map((p) => `${p.metadata.name}: ${p.status?.phase}`).join(', ') || 'no pods');
    }, { intervalMs: 250 });
  }

  async function events(namespace: string, name: string): Promise<{ reason?: string; note?: string; type?: string }[]> {
    return ((await list('Event', namespace)) as unknown as { reason?: string; note?: string; type?: string; regarding?: { name?: string } }[]).filter((e) => e.regarding?.name === name);
  }

  const LOADERS: [string, string, string, RegExp][] = [
    ['AlluxioRuntime', 'demo-web', 'alluxio', /alluxio_dataload\.sh/],
    ['JindoRuntime', 'demo-oss', 'jindocache', /jindo_dataload\.sh/],
    ['JuiceFSRuntime', 'demo-jfs', 'juicefs', /juicefs_dataload\.sh/],
    ['CacheRuntime', 'demo-cache', 'cache', /demofs load/],
  ];

  it.each(LOADERS)('%s: a Once DataLoad reaches Complete; its Job has Fluid\'s name, labels and the engine\'s command', async (kind, dataset, app, command) => {
    const ns = boundIn.get(kind)!;
    await apply(dataLoad('warm', ns, dataset));
    const op = await waitForOperation('DataLoad', 'warm', ns, 'Complete');
    expect(op.status).toMatchObject({ duration: expect.stringMatching(/^\d+(ms|s)$|m/), conditions: [expect.objectContaining({ type: 'Complete', status: 'True' })] });
    const job = await get('Job', 'warm-loader-job', ns);
    expect(job?.metadata.labels).toMatchObject({ release: 'warm-loader', role: 'dataload-job', app, targetDataset: dataset, 'fluid.io/dataset-id': `${ns}-${dataset}` });
    expect(job?.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'DataLoad', name: 'warm', controller: true })]);
    const container = job?.spec.template.spec.containers[0];
    expect(container.name).toBe('dataloader');
    expect([...(container.command ?? []), ...(container.args ?? [])].join(' ')).toMatch(command);
    await waitFor('the Dataset to list no running DataLoad', 30_000, async () => {
      const ds = await get('Dataset', dataset, ns);
      return ds?.status?.operationRef?.DataLoad ? notYet(JSON.stringify(ds.status.operationRef)) : done(true);
    });
    await waitFor('Events for the start and the success', 30_000, async () => {
      const reasons = (await events(ns, 'warm')).map((e) => e.reason);
      return reasons.includes('DataOperationExecuting') && reasons.includes('DataOperationSucceed') ? done(true) : notYet(reasons.join(', '));
    });
  });

  it('a DataLoad created before its Dataset is Bound waits with a condition, then runs', async () => {
    const ns = await newNamespace('e2e-dl-wait');
    const [dataset, runtime] = docs('examples/alluxio-demo.yaml', ns);
    const waitingFor = (reason: string) =>
      waitFor(`DataLoad early to wait with ${reason}`, 30_000, async () => {
        const op = await get('DataLoad', 'early', ns);
        const c = op?.status?.conditions?.[0];
        return op?.status?.phase === 'Pending' && c?.type === 'Waiting' && c.reason === reason ? done(op) : notYet(JSON.stringify(op?.status ?? {}));
      }, { intervalMs: 250 });
    await apply(dataLoad('early', ns, 'demo-web'));
    await waitingFor('TargetDatasetNotFound');
    await apply(dataset);
    await waitingFor('RuntimeNotReady');
    // The status is written before the Event is recorded: wait for the Event too.
    await waitFor('an Event for each wait', 30_000, async () => {
      const reasons = (await events(ns, 'early')).map((e) => e.reason);
      return reasons.includes('TargetDatasetNotFound') && reasons.includes('RuntimeNotReady') ? done(true) : notYet(reasons.join(', '));
    });
    expect(await get('Job', 'early-loader-job', ns)).toBeUndefined();
    await apply(runtime);
    await waitForPhase('demo-web', ns, 'Bound');
    await waitForOperation('DataLoad', 'early', ns, 'Complete');
  });

  it('a DataLoad whose Job fails ends Failed with the reason in its condition and an Event', async () => {
    const ns = boundIn.get('JindoRuntime')!;
    await apply(dataLoad('broken', ns, 'demo-oss', annotated('fail')));
    const op = await waitForOperation('DataLoad', 'broken', ns, 'Failed', 90_000);
    expect(op.status.conditions).toEqual([expect.objectContaining({ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' })]);
    await waitFor('a DataOperationFailed Warning', 30_000, async () => {
      const found = (await events(ns, 'broken')).find((e) => e.reason === 'DataOperationFailed');
      return found ? done(found) : notYet('no event yet');
    });
  }, 120_000);

  it('runAfter holds the second DataLoad until the first completes', async () => {
    const ns = boundIn.get('AlluxioRuntime')!;
    await apply(dataLoad('second', ns, 'demo-web', { runAfter: { kind: 'DataLoad', name: 'first' } }));
    const held = await waitFor('second to wait for first', 30_000, async () => {
      const op = await get('DataLoad', 'second', ns);
      return op?.status?.waitingFor?.operationComplete === true ? done(op) : notYet(JSON.stringify(op?.status ?? {}));
    });
    expect(held.status.conditions).toEqual([expect.objectContaining({ reason: 'DataOperationNotFound' })]);
    await apply(dataLoad('first', ns, 'demo-web'));
    const first = await waitForOperation('DataLoad', 'first', ns, 'Complete');
    const second = await waitForOperation('DataLoad', 'second', ns, 'Complete');
    const firstDone = Date.parse(first.status.conditions[0].lastTransitionTime);
    const secondJob = await get('Job', 'second-loader-job', ns);
    expect(Date.parse(secondJob!.metadata.creationTimestamp)).toBeGreaterThanOrEqual(firstDone);
    expect(second.status.waitingFor).toEqual({ operationComplete: false });
  });

  /**
   * A DataLoad `<prefix>-load` then a DataProcess `<prefix>-process` that runs after it with `policy`, both run to
   * Complete on the Alluxio Dataset: the DataLoad's status, the node its pod ran on, and the DataProcess's one Job.
   */
  async function dataFlow(prefix: string, policy: 'Require' | 'Prefer'): Promise<{ load: Obj; loadNode: string; processJob: Obj; ns: string }> {
    const ns = boundIn.get('AlluxioRuntime')!;
    await apply({
      apiVersion: 'data.fluid.io/v1alpha1',
      kind: 'DataProcess',
      metadata: { name: `${prefix}-process`, namespace: ns },
      spec: {
        dataset: { name: 'demo-web', namespace: ns, mountPath: '/data' },
        processor: { script: { image: 'busybox', source: 'ls /data' } },
        runAfter: { kind: 'DataLoad', name: `${prefix}-load`, affinityStrategy: { policy } },
      },
    });
    await apply(dataLoad(`${prefix}-load`, ns, 'demo-web'));
    const load = await waitForOperation('DataLoad', `${prefix}-load`, ns, 'Complete');
    const loadNode = (await succeededJobPod(ns, `${prefix}-load-loader-job`)).spec.nodeName as string;
    await waitForOperation('DataProcess', `${prefix}-process`, ns, 'Complete');
    const jobs = (await list('Job', ns)).filter((j) => j.metadata.ownerReferences?.some((o: { kind: string; name: string }) => o.kind === 'DataProcess' && o.name === `${prefix}-process`));
    expect(jobs).toHaveLength(1);
    return { load, loadNode, processJob: jobs[0], ns };
  }

  it('data-flow affinity: a DataProcess after a DataLoad with the Require strategy runs on the node the DataLoad ran on', async () => {
    const { load, loadNode, processJob, ns } = await dataFlow('flow', 'Require');
    expect(load.status.nodeAffinity).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [loadNode] }] }] },
    });
    expect(processJob.spec.template.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual(load.status.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution);
    expect((await succeededJobPod(ns, processJob.metadata.name)).spec.nodeName).toBe(loadNode);
  });

  it('data-flow affinity: a DataProcess after a DataLoad with the Prefer strategy prefers the DataLoad\'s node, and is scheduled there', async () => {
    const { loadNode, processJob, ns } = await dataFlow('prefer', 'Prefer');
    const nodeAffinity = processJob.spec.template.spec.affinity?.nodeAffinity;
    expect(nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
    expect(nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 100, preference: { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [loadNode] }] } },
    ]);
    expect((await succeededJobPod(ns, processJob.metadata.name)).spec.nodeName).toBe(loadNode);
  });

  it('a Cron DataLoad creates a CronJob on its schedule, and a run shows in status', async () => {
    const ns = boundIn.get('AlluxioRuntime')!;
    await apply(dataLoad('nightly', ns, 'demo-web', { policy: 'Cron', schedule: '* * * * *' }));
    const cron = await waitFor('the CronJob', 30_000, async () => {
      const c = await get('CronJob', 'nightly-loader-job', ns);
      return c ? done(c) : notYet('absent');
    });
    expect(cron.spec.schedule).toBe('* * * * *');
    expect(cron.metadata.labels).toMatchObject({ role: 'dataload-cronjob', 'fluid.io/jobPolicy': 'cron', dataload: 'nightly' });
    // The CronJob controller starts a run at the next full minute.
    const op = await waitFor('a scheduled run to complete', 100_000, async () => {
      const o = await get('DataLoad', 'nightly', ns);
      return o?.status?.lastScheduleTime && o.status.phase === 'Complete' ? done(o) : notYet(JSON.stringify(o?.status ?? {}));
    }, { intervalMs: 500 });
    expect(op.status.conditions).toEqual([expect.objectContaining({ type: 'Complete', status: 'True' })]);
    await remove('DataLoad', 'nightly', ns);
    await waitGone('CronJob', 'nightly-loader-job', ns);
    await waitGone('DataLoad', 'nightly', ns);
  }, 150_000);

  it('deleting a running DataLoad removes its Job', async () => {
    const ns = boundIn.get('AlluxioRuntime')!;
    await apply(dataLoad('stopme', ns, 'demo-web', annotated('hold')));
    await waitForOperation('DataLoad', 'stopme', ns, 'Executing');
    await waitFor('the Dataset to list it', 30_000, async () => {
      const ds = await get('Dataset', 'demo-web', ns);
      return ds?.status?.operationRef?.DataLoad?.split(',').includes('stopme') ? done(true) : notYet(JSON.stringify(ds?.status?.operationRef ?? {}));
    });
    await remove('DataLoad', 'stopme', ns);
    await waitGone('Job', 'stopme-loader-job', ns);
    await waitGone('DataLoad', 'stopme', ns);
    const ds = await get('Dataset', 'demo-web', ns);
    expect(ds?.status?.operationRef?.DataLoad ?? '').not.toContain('stopme');
  });

  it('a running DataMigrate holds its Dataset in DataMigrating; Bound again once it is gone', async () => {
    const ns = boundIn.get('JuiceFSRuntime')!;
    const phaseIs = (phase: string) => waitForPhase('demo-jfs', ns, phase, 30_000);
    await apply(jfsMigrate('mv', ns, annotated('hold')));
    await waitForOperation('DataMigrate', 'mv', ns, 'Executing');
    const migrating = await phaseIs('DataMigrating');
    expect(migrating.status.operationRef.DataMigrate).toBe('mv');
    // The runtime keeps reconciling the Dataset meanwhile; its status writes must not put Bound back.
    const runtimeStatus = (await get('JuiceFSRuntime', 'demo-jfs', ns))!.status;
    expect(runtimeStatus.workerPhase).toBeDefined();
    await remove('DataMigrate', 'mv', ns);
    await waitGone('DataMigrate', 'mv', ns);
    await phaseIs('Bound');
  });

  it('a DataMigrate with parallelism 3 creates Fluid\'s parallel layout and completes; the Dataset is DataMigrating while it runs', async () => {
    const ns = boundIn.get('JuiceFSRuntime')!;
    const phaseIs = (phase: string) => waitForPhase('demo-jfs', ns, phase, 30_000);
    const workersReady = (replicas: number) => migrateWorkers(ns, 'spread-migrate-workers', replicas, true);
    // The launcher is held running (KWOK) until the layout has been checked, then let go.
    await apply(jfsMigrate('spread', ns, { parallelism: 3, parallelOptions: { sshSecretName: 'spread-ssh', sshPort: '2022' }, ...annotated('hold') }));
    await waitForOperation('DataMigrate', 'spread', ns, 'Executing');
    const migrating = await phaseIs('DataMigrating');
    expect(migrating.status.operationRef.DataMigrate.split(',')).toContain('spread');

    const job = (await get('Job', 'spread-migrate-migrate', ns))!;
    expect(job.metadata.labels).toMatchObject({ release: 'spread-migrate', role: 'datamigrate-job', app: 'juicefs', parallelism: '3' });
    const launcher = job.spec.template.spec.containers[0];
    const env = Object.fromEntries(launcher.env.map((e: { name: string; value?: string }) => [e.name, e.value]));
    expect(env).toMatchObject({ PARALLELISM: '3', TARGET_SSH_PORT: '2022', WORKER_NAME_FORMAT: 'spread-migrate-workers-{}.spread-migrate-workers' });
    expect(launcher.volumeMounts).toContainEqual({ name: 'data-migrate-ssh', mountPath: '/root/.ssh', subPath: '.ssh' });
    const sts = await workersReady(2);
    expect(sts.spec.serviceName).toBe('spread-migrate-workers');
    expect(sts.spec.template.metadata.labels).toEqual({ app: 'spread-migrate-workers', 'fluid.io/operation': `migrate-${ns}-demo-jfs` });
    expect(sts.spec.template.spec.volumes[0].secret.secretName).toBe('spread-ssh');
    const svc = (await get('Service', 'spread-migrate-workers', ns))!;
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.selector).toEqual({ app: 'spread-migrate-workers' });
    // Only referenced: the operator neither created nor needed the SSH Secret.
    expect(await get('Secret', 'spread-ssh', ns)).toBeUndefined();

    const [pod] = await list('Pod', ns, 'job-name=spread-migrate-migrate');
    await kubeRequest(kc, 'PATCH', resourcePath(resourceOf('Pod'), ns, pod.metadata.name), { metadata: { annotations: { 'fluid-cdk8s.test/hold': 'false' } } }, 'application/merge-patch+json');
    await waitForOperation('DataMigrate', 'spread', ns, 'Complete');
    await workersReady(0);
    await phaseIs('Bound');
    await remove('DataMigrate', 'spread', ns);
    await waitGone('StatefulSet', 'spread-migrate-workers', ns);
    await waitGone('Service', 'spread-migrate-workers', ns);
  }, 180_000);

  it('a parallel Cron DataMigrate: each run starts suspended, is resumed once the workers are scaled up, and they go back to zero after it', async () => {
    const ns = boundIn.get('JuiceFSRuntime')!;
    const workerReplicas = (replicas: number) => migrateWorkers(ns, 'nightly-mv-migrate-workers', replicas, false);
    await apply(jfsMigrate('nightly-mv', ns, { parallelism: 2, parallelOptions: { sshSecretName: 'nightly-ssh' }, policy: 'Cron', schedule: '* * * * *' }));
    const cron = await waitFor('the CronJob', 30_000, async () => {
      const c = await get('CronJob', 'nightly-mv-migrate-migrate', ns);
      return c ? done(c) : notYet('absent');
    });
    expect(cron.spec.jobTemplate.spec.suspend).toBe(true);
    await workerReplicas(0);
    // The CronJob controller starts a run at the next full minute; the operator resumes it.
    const run = await waitFor('a resumed run of the CronJob', 100_000, async () => {
      const jobs = (await list('Job', ns)).filter((j) => j.metadata.ownerReferences?.some((o: { kind: string; name: string }) => o.kind === 'CronJob' && o.name === 'nightly-mv-migrate-migrate'));
      const resumed = jobs.find((j) => j.spec.suspend === false);
      return resumed ? done(resumed) : notYet(jobs.map((j) => `${j.metadata.name} suspend=${j.spec.suspend}`).join(', ') || 'no run yet');
    }, { intervalMs: 500 });
    expect(run.metadata.labels).toMatchObject({ role: 'datamigrate-cronjob', 'fluid.io/jobPolicy': 'cron' });
    const op = await waitFor('the run to complete', 60_000, async () => {
      const o = await get('DataMigrate', 'nightly-mv', ns);
      return o?.status?.lastScheduleTime && o.status.phase === 'Complete' ? done(o) : notYet(JSON.stringify(o?.status ?? {}));
    }, { intervalMs: 500 });
    expect(op.status.conditions).toEqual([expect.objectContaining({ type: 'Complete', status: 'True' })]);
    // Created at 0, scaled to 1 for the run, back to 0: each a new generation (the run itself is too short to watch).
    const after = await workerReplicas(0);
    expect(after.metadata.generation).toBeGreaterThanOrEqual(3);
    await remove('DataMigrate', 'nightly-mv', ns);
    await waitGone('CronJob', 'nightly-mv-migrate-migrate', ns);
    await waitGone('StatefulSet', 'nightly-mv-migrate-workers', ns);
  }, 200_000);

  it('deleting the Dataset while a DataLoad runs stops the Job; the DataLoad stays, Failed, saying why', async () => {
    const ns = boundIn.get('AlluxioRuntime')!;
    await apply(dataLoad('orphan', ns, 'demo-web', annotated('hold')));
    await waitForOperation('DataLoad', 'orphan', ns, 'Executing');
    await remove('Dataset', 'demo-web', ns);
    await waitGone('Dataset', 'demo-web', ns);
    const op = await waitForOperation('DataLoad', 'orphan', ns, 'Failed');
    expect(op.status.conditions).toEqual([expect.objectContaining({ type: 'Failed', reason: 'TargetDatasetNotFound' })]);
    await waitGone('Job', 'orphan-loader-job', ns);
    expect(await get('DataLoad', 'warm', ns)).toBeDefined();
  });
});

// Host-network runtimes get their ports from the operator's range, so several of one engine share nodes (Fluid's
// allocator, --runtime-node-port-range); the allocation survives a restart and is freed with its runtime.
describe('host ports', () => {
  const ENGINE_FILES: [string, string, string][] = [
    ['AlluxioRuntime', 'demo-web', 'examples/alluxio-demo.yaml'],
    ['JindoRuntime', 'demo-oss', 'examples/jindo-oss-demo.yaml'],
    ['JuiceFSRuntime', 'demo-jfs', 'examples/juicefs-community-demo.yaml'],
  ];
  const label = `e2e-ports-${Math.random().toString(36).slice(2, 8)}`;
  const namespacesUsed: string[] = [];

  /** The example's Dataset and runtime only, its workers shared and held to the three labelled nodes. */
  function onThreeNodes(file: string, ns: string): Obj[] {
    return docs(file, ns).filter((o) => !isOperationKind(o.kind)).map((o) => o.kind !== 'Dataset' ? o : {
      ...o,
      spec: { ...o.spec, placement: 'Shared', nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: label, operator: 'In', values: ['true'] }] }] } } },
    });
  }

  async function allPorts(): Promise<Map<string, Record<string, number>>> {
    const found = new Map<string, Record<string, number>>();
    for (const ns of namespacesUsed) {
      for (const [kind, name] of ENGINE_FILES) {
        const rt = await get(kind, name, ns);
        const text = rt?.metadata.annotations?.['fluid-cdk8s.io/host-ports'];
        if (text) found.set(`${kind}/${ns}/${name}`, JSON.parse(text) as Record<string, number>);
      }
    }
    return found;
  }

  it('two runtimes of each engine on the same three nodes all reach Bound with distinct ports, kept across a restart', async () => {
    const nodes = (await list('Node')).filter((n) => n.metadata.name.startsWith('kwok-node-')).slice(0, 3);
    for (const n of nodes) await kubeRequest(kc, 'PATCH', resourcePath(resourceOf('Node'), undefined, n.metadata.name), { metadata: { labels: { [label]: 'true' } } }, 'application/merge-patch+json');
    for (const prefix of ['e2e-ports-a', 'e2e-ports-b']) {
      const ns = await newNamespace(prefix);
      namespacesUsed.push(ns);
      for (const [, , file] of ENGINE_FILES) for (const obj of onThreeNodes(file, ns)) await apply(obj);
    }
    for (const ns of namespacesUsed) for (const [, name] of ENGINE_FILES) await waitForPhase(name, ns, 'Bound');
    const before = await allPorts();
    expect(before.size).toBe(6);
    const every = [...before.values()].flatMap((p) => Object.values(p));
    expect(new Set(every).size).toBe(every.length);
    for (const port of every) expect(port).toBeGreaterThanOrEqual(20000);
    // Workers of one engine share a node now, which the same host port would forbid: all of them run.
    for (const ns of namespacesUsed) {
      const workers = (await list('Pod', ns)).filter((p) => /worker/.test(p.metadata.name));
      expect(workers.every((p) => p.status?.phase === 'Running')).toBe(true);
    }

    await operator.stop();
    operator = await OperatorProcess.start(saKubeconfig);
    await operator.waitForQuiet(5_000, 60_000);
    expect(await allPorts()).toEqual(before);
  }, 240_000);

  it('a deleted runtime\'s ports go to the next runtime that needs them', async () => {
    const [ns] = namespacesUsed;
    const freed = new Set(Object.values((await allPorts()).get(`AlluxioRuntime/${ns}/demo-web`)!));
    await remove('AlluxioRuntime', 'demo-web', ns);
    await waitGone('AlluxioRuntime', 'demo-web', ns);
    const again = await newNamespace('e2e-ports-c');
    namespacesUsed.push(again);
    for (const obj of onThreeNodes('examples/alluxio-demo.yaml', again)) await apply(obj);
    await waitForPhase('demo-web', again, 'Bound');
    const ports = Object.values((await allPorts()).get(`AlluxioRuntime/${again}/demo-web`)!);
    expect(ports.every((p) => freed.has(p))).toBe(true);
  }, 180_000);
});
