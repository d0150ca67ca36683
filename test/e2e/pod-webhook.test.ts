// The pod webhook end to end: the apiserver calls the operator's webhook (a process on this host, reached by URL on
// loopback) for pods that opt in, under the operator's install RBAC. Cache placement on KWOK nodes, the fuse sidecar
// in both modes, `synth --mutate` against the live mutation, admission with the webhook down, and a certificate
// renewal while it serves.
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:net';
import * as tls from 'node:tls';
import { App } from 'cdk8s';
import { builtinEngines } from '../../constructs/runtimes/builtin-engines';
import { WebhookConfiguration } from '../../constructs/webhook/webhook-configuration';
import { applyObject, getObject } from '../../cluster/apply-object';
import { kubeRequest } from '../../operator/kube/kube-request';
import { resourceOf, resourcePath } from '../../operator/kube/resources';
import { DEFAULT_PROFILE } from '../../webhook/plugins-profile';
import { CERT_SECRET } from '../../webhook/pod-webhook';
import { previewMutation } from '../../webhook/preview-mutation';
import { Chart } from 'cdk8s';
import { createNamespace, done, loadKubeConfig, notYet, startNamespaceDeletion, waitFor } from '../integration/support/cluster-client';
import { acquireOperatorLock, OPERATOR_LOCK_DEADLINE_MS, releaseOperatorLock } from './support/operator-lock';
import { installOperatorRbac, OPERATOR_NAMESPACE, OperatorProcess, serviceAccountKubeconfig } from './support/operator-process';

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: any }; spec?: any; status?: any; data?: Record<string, string> };

const kc = loadKubeConfig();
/** Certificates renewed after two thirds of this: within the test, while pods keep being admitted. */
const CERT_VALIDITY_S = 45;
let operator: OperatorProcess;
let saKubeconfig: string;
let port = 0;
let ns = '';

// The harness's own server-side apply and get (cluster/apply-object.ts), as a user's field manager.
const apply = (obj: Obj): Promise<void> => applyObject(kc, obj as never, 'e2e-user');
const get = (kind: string, name: string, namespace?: string): Promise<Obj | undefined> => getObject(kc, kind, name, namespace);

async function createPod(pod: Obj): Promise<Obj> {
  return (await kubeRequest(kc, 'POST', resourcePath(resourceOf('Pod'), pod.metadata.namespace), pod)).body as Obj;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const p = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return p;
}

function startOperator(extra: string[] = []): Promise<OperatorProcess> {
  return OperatorProcess.start(saKubeconfig, [
    '--webhook-port', String(port), '--webhook-listen-address', '127.0.0.1', '--webhook-host', '127.0.0.1', '--webhook-cert-validity', String(CERT_VALIDITY_S), ...extra,
  ]);
}

const runtime = (namespace: string): Obj[] => [
  {
    apiVersion: 'data.fluid.io/v1alpha1',
    kind: 'CacheRuntimeClass',
    metadata: { name: 'e2e-webhookfs' },
    fileSystemType: 'demofs',
    topology: {
      master: { service: { headless: {} }, template: { spec: { containers: [{ name: 'master', image: 'demofs/master:v1' }] } } },
      worker: { service: { headless: {} }, template: { spec: { containers: [{ name: 'worker', image: 'demofs/worker:v1' }] } } },
      client: { template: { spec: { containers: [{ name: 'client', image: 'demofs/client:v1' }] } } },
    },
  } as unknown as Obj,
  { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: 'cached', namespace }, spec: { mounts: [{ mountPoint: 'demofs:///data', name: 'data' }] } },
  { apiVersion: 'data.fluid.io/v1alpha1', kind: 'CacheRuntime', metadata: { name: 'cached', namespace }, spec: { runtimeClassName: 'e2e-webhookfs', worker: { replicas: 1 } } },
];

function pod(name: string, labels: Record<string, string>, claim?: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: {
      terminationGracePeriodSeconds: 0,
      containers: [{ name: 'app', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [claim ? { name: 'data', persistentVolumeClaim: { claimName: claim } } : { name: 'data', emptyDir: {} }],
    },
  };
}

const SERVERFUL = { 'fuse.serverful.fluid.io/inject': 'true' };
const SERVERLESS = { 'serverless.fluid.io/inject': 'true' };

beforeAll(async () => {
  await acquireOperatorLock('pod-webhook.test.ts');
  await installOperatorRbac(kc);
  saKubeconfig = await serviceAccountKubeconfig(kc);
  port = await freePort();
  // The configuration `install` prints, reaching the operator on this host by URL instead of through a Service.
  const chart = new Chart(new App(), 'webhook');
  new WebhookConfiguration(chart, 'Configuration', { client: { url: `https://127.0.0.1:${port}` } });
  await kubeRequest(kc, 'DELETE', `/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/fluid-pod-admission-webhook`).catch(() => undefined);
  await kubeRequest(kc, 'DELETE', resourcePath(resourceOf('Secret'), OPERATOR_NAMESPACE, CERT_SECRET)).catch(() => undefined);
  await kubeRequest(kc, 'POST', '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations', chart.toJson()[0]);
  operator = await startOperator();
  ns = await createNamespace(kc, 'e2e-webhook');
  for (const obj of runtime(ns)) await apply(obj);
  await waitFor(`Dataset ${ns}/cached to be Bound`, 120_000, async () => {
    const ds = await get('Dataset', 'cached', ns);
    return ds?.status?.phase === 'Bound' ? done(true) : notYet(`phase ${ds?.status?.phase ?? '(none)'}`);
  }, { intervalMs: 500 });
}, OPERATOR_LOCK_DEADLINE_MS + 300_000);

afterAll(async () => {
  await operator?.stop();
  // Back to the configuration `install` prints, for the tests that follow.
  await kubeRequest(kc, 'DELETE', `/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/fluid-pod-admission-webhook`).catch(() => undefined);
  await installOperatorRbac(kc);
  releaseOperatorLock();
  if (ns) await startNamespaceDeletion(kc, ns);
});

describe('the pod webhook', () => {
  it('steers a pod that mounts a Dataset to its cache node, and one that mounts none away from cache nodes', async () => {
    const cacheLabel = `fluid.io/s-${ns}-cached`;
    const cacheNodes = await waitFor('a node labelled as holding the cache', 60_000, async () => {
      const nodes = ((await kubeRequest(kc, 'GET', `/api/v1/nodes?labelSelector=${encodeURIComponent(`${cacheLabel}=true`)}`)).body.items as Obj[]).map((n) => n.metadata.name);
      return nodes.length ? done(nodes) : notYet('no node labelled');
    }, { intervalMs: 500 });

    const reader = await createPod(pod('reader', SERVERFUL, 'cached'));
    expect(reader.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 100, preference: { matchExpressions: [{ key: cacheLabel, operator: 'In', values: ['true'] }] } },
    ]);
    expect(reader.spec.containers[0].volumeMounts[0].mountPropagation).toBe('HostToContainer');
    expect(reader.metadata.annotations['fluid.io/datasets-in-use']).toBe('cached');
    const node = await waitFor('the reader to be scheduled', 60_000, async () => {
      const p = await get('Pod', 'reader', ns);
      return p?.spec?.nodeName ? done(p.spec.nodeName as string) : notYet('not scheduled');
    }, { intervalMs: 250 });
    expect(cacheNodes).toContain(node);

    const plain = await createPod(pod('no-dataset', SERVERFUL));
    expect(plain.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 100, preference: { matchExpressions: [{ key: 'fluid.io/dataset-num', operator: 'DoesNotExist' }] } },
    ]);
    // A pod that asks for nothing is never sent to the webhook.
    const untouched = await createPod(pod('untouched', {}, 'cached'));
    expect(untouched.spec.affinity).toBeUndefined();
  });

  it('prints with synth --mutate the same mutation the live webhook made', async () => {
    const spec = pod('preview', SERVERFUL, 'cached');
    const live = await createPod(spec);
    const preview = previewMutation([...runtime(ns), spec], builtinEngines(), {}, DEFAULT_PROFILE, {});
    if (!preview.ok) throw new Error(preview.errors.join('\n'));
    const admitted = preview.pods[0].admitted!;
    expect(live.spec.affinity).toEqual(admitted.spec.affinity);
    expect(live.spec.containers[0].volumeMounts.filter((m: { name: string }) => m.name === 'data')).toEqual(admitted.spec.containers[0].volumeMounts);
    expect(live.metadata.annotations).toEqual(admitted.metadata.annotations);
    expect(live.metadata.labels).toEqual(admitted.metadata.labels);
  });

  it('injects the fuse DaemonSet\'s container as a sidecar of a serverless pod, its volume rewritten', async () => {
    const sidecarPod = await createPod(pod('serverless', SERVERLESS, 'cached'));
    const [daemonSet] = (await kubeRequest(kc, 'GET', `${resourcePath(resourceOf('DaemonSet'), ns)}`)).body.items as Obj[];
    const fuse = daemonSet.spec.template.spec.containers[0];
    const [sidecar, app] = sidecarPod.spec.containers;
    expect(app.name).toBe('app');
    expect(sidecar.name).toBe('fluid-fuse-0');
    expect(sidecar.image).toBe(fuse.image);
    expect(sidecar.securityContext).toEqual(fuse.securityContext);
    expect(sidecar.volumeMounts.filter((m: { name: string }) => !m.name.startsWith('kube-api-access')).map((m: { name: string }) => m.name))
      .toEqual(fuse.volumeMounts.map((m: { name: string }) => `${m.name}-0`));
    const pv = (await get('PersistentVolume', `${ns}-cached`))!;
    expect(sidecarPod.spec.volumes.find((v: { name: string }) => v.name === 'data')).toEqual({ name: 'data', hostPath: { path: pv.spec.csi.volumeAttributes.fluid_path, type: '' } });
    expect(sidecarPod.metadata.labels).toMatchObject({ 'done.sidecar.fluid.io/inject': 'true', [`dataset-name.sidecar.fluid.io/fluid-fuse-0`]: 'cached' });
  });

  it('renews its certificate before expiry and keeps admitting pods, with no restart', async () => {
    const secretPath = resourcePath(resourceOf('Secret'), OPERATOR_NAMESPACE, CERT_SECRET);
    const first = (await kubeRequest(kc, 'GET', secretPath)).body.data['tls.crt'] as string;
    const renewed = await waitFor('the webhook certificate to be renewed', CERT_VALIDITY_S * 1000 + 60_000, async () => {
      const now = (await kubeRequest(kc, 'GET', secretPath)).body.data['tls.crt'] as string;
      return now !== first ? done(Buffer.from(now, 'base64').toString('utf8')) : notYet('same certificate');
    }, { intervalMs: 1000 });
    const served = await waitFor('the webhook to serve the renewed certificate', 30_000, async () => {
      const serial = await new Promise<string>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
          resolve(socket.getPeerCertificate().serialNumber);
          socket.end();
        });
        socket.on('error', reject);
      });
      const wanted = new X509Certificate(renewed).serialNumber;
      return serial.toUpperCase() === wanted.toUpperCase() ? done(serial) : notYet(`serving ${serial}, stored ${wanted}`);
    }, { intervalMs: 500 });
    expect(served).toBeTruthy();
    expect(operator.lines.filter((l) => l.msg === 'Serving the pod admission webhook')).toHaveLength(1);
    const after = await createPod(pod('after-renewal', SERVERFUL, 'cached'));
    expect(after.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].key).toBe(`fluid.io/s-${ns}-cached`);
  });

  it('admits pods unchanged while the webhook is down, then injects a native sidecar once it is back', async () => {
    await operator.stop();
    const started = Date.now();
    const admitted = await createPod(pod('while-down', SERVERFUL, 'cached'));
    const tookMs = Date.now() - started;
    process.stdout.write(`pod admitted with the webhook down in ${tookMs} ms\n`);
    expect(admitted.spec.affinity).toBeUndefined();
    expect(tookMs).toBeLessThan(15_000 + 5_000);

    operator = await startOperator(['--fuse-sidecar-injection-mode', 'native-sidecar']);
    await waitFor('the webhook to listen again', 30_000, async () => (operator.lines.some((l) => l.msg === 'Serving the pod admission webhook') ? done(true) : notYet('not yet')), { intervalMs: 250 });
    const native = await createPod(pod('native', SERVERLESS, 'cached'));
    expect(native.spec.containers.map((c: { name: string }) => c.name)).toEqual(['app']);
    expect(native.spec.initContainers[0]).toMatchObject({ name: 'fluid-fuse-0', restartPolicy: 'Always' });
  });
});
