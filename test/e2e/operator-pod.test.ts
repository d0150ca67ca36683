// The operator as users run it: `fluid-cdk8s install` applied as it is (pinned to the real node by its own flags),
// the operator in a container from its own image, under its ServiceAccount with in-cluster config.
import * as k8s from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { installManifests } from '../../cli/install';
import { OPERATOR_NAME } from '../../constructs/operator/operator-install';
import { defaultOperatorImage } from '../../constructs/operator/operator-image';
import { REAL_NODE_LABEL } from '../../cluster/real-node/kubelet-config';
import { kubeRequest } from '../../operator/kube/kube-request';
import { resourceOf, resourcePath } from '../../operator/kube/resources';
import { AppliedObject } from '../../operator/kube/server-side-apply';
import { installCrds } from '../../operator/kube/crd-installer';
import { createNamespace, done, loadKubeConfig, notYet, startNamespaceDeletion, waitFor } from '../integration/support/cluster-client';
import { kubectl, realNodeName } from '../integration/support/real-node';
import { isCsiPluginObject } from './support/csi-objects';
import { installObjectPath } from './support/install-objects';
import { acquireOperatorLock, OPERATOR_LOCK_DEADLINE_MS, releaseOperatorLock } from './support/operator-lock';

const kc = loadKubeConfig();
const NAMESPACE = 'fluid-system';
const POD_DEADLINE_MS = 90_000;
const BOUND_DEADLINE_MS = 120_000;
const namespaces: string[] = [];
let installed: AppliedObject[] = [];

async function apply(obj: AppliedObject, manager = 'e2e-user'): Promise<void> {
  await kubeRequest(kc, 'PATCH', `${installObjectPath(obj)}?fieldManager=${manager}&force=true`, obj, 'application/apply-patch+yaml');
}

async function operatorPods(): Promise<k8s.V1Pod[]> {
  const selector = encodeURIComponent(`app.kubernetes.io/name=${OPERATOR_NAME}`);
  return (await kubeRequest(kc, 'GET', `/api/v1/namespaces/${NAMESPACE}/pods?labelSelector=${selector}`)).body.items as k8s.V1Pod[];
}

/** The one operator pod that runs and is Ready (a deleted one may still be terminating). */
async function waitReadyPod(description: string, not?: string): Promise<k8s.V1Pod> {
  return waitFor(description, POD_DEADLINE_MS, async () => {
    const pods = await operatorPods();
    const ready = pods.filter((p) => p.metadata?.name !== not && !p.metadata?.deletionTimestamp
      && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    return ready.length === 1 ? done(ready[0]) : notYet(pods.map((p) => `${p.metadata?.name}: ${p.status?.phase} ${JSON.stringify(p.status?.containerStatuses?.[0]?.state)}`).join('; ') || 'no pod');
  }, { intervalMs: 250 });
}

function thinPair(namespace: string, name: string): AppliedObject[] {
  return [
    { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name, namespace }, spec: { mounts: [{ name: 'data', mountPoint: 'nfs://nfs.example.org/exports/data' }] } },
    { apiVersion: 'data.fluid.io/v1alpha1', kind: 'ThinRuntime', metadata: { name, namespace }, spec: { profileName: 'e2e-pod-nfs' } },
  ] as AppliedObject[];
}

const PROFILE = {
  apiVersion: 'data.fluid.io/v1alpha1', kind: 'ThinRuntimeProfile', metadata: { name: 'e2e-pod-nfs' },
  spec: { fileSystemType: 'nfs', fuse: { image: 'registry.example.org/fluid/nfs-fuse', imageTag: 'v1.0.0', command: ['/usr/local/bin/mount-nfs.sh'] } },
} as AppliedObject;

async function waitAllBound(namespace: string, names: readonly string[]): Promise<void> {
  await waitFor(`Datasets ${names.join(', ')} in ${namespace} to be Bound`, BOUND_DEADLINE_MS, async () => {
    const phases = await Promise.all(names.map(async (n) => (await kubeRequest(kc, 'GET', resourcePath(resourceOf('Dataset'), namespace, n))).body.status?.phase ?? '(none)'));
    return phases.every((p) => p === 'Bound') ? done(true) : notYet(names.map((n, i) => `${n}=${phases[i]}`).join(', '));
  }, { intervalMs: 250 });
}

/** Through the apiserver's pod proxy to `port` (install's: metrics 8080, probes 8081, controller-runtime's). */
function proxy(pod: k8s.V1Pod, port: number, path: string): Promise<{ status: number; body: any }> {
  return kubeRequest(kc, 'GET', `/api/v1/namespaces/${NAMESPACE}/pods/${pod.metadata!.name}:${port}/proxy${path}`, undefined, 'application/json', '*/*');
}

beforeAll(async () => {
  await acquireOperatorLock('operator-pod.test.ts');
  // Exactly what a user pipes into `kubectl apply --server-side`, with the flags that pin it to the real node; all but
  // the CSI plugin, which csi.test.ts installs with the real node's kubelet folder.
  installed = parseAllDocuments(installManifests({
    namespace: NAMESPACE, nodeSelector: { [REAL_NODE_LABEL]: 'true' }, tolerations: [{ key: REAL_NODE_LABEL, operator: 'Exists' }],
  })).map((d) => d.toJS() as AppliedObject);
  await installCrds(kc, installed.filter((d) => d.kind === 'CustomResourceDefinition'), 'fluid-cdk8s-test');
  for (const doc of installed.filter((d) => d.kind !== 'CustomResourceDefinition' && !isCsiPluginObject(d))) await apply(doc, 'fluid-cdk8s-test');
  await apply(PROFILE);
}, OPERATOR_LOCK_DEADLINE_MS + 120_000);

afterAll(async () => {
  try {
    await kubeRequest(kc, 'DELETE', resourcePath(resourceOf('Deployment'), NAMESPACE, OPERATOR_NAME)).catch(() => undefined);
    await waitFor('the operator pods to be gone', POD_DEADLINE_MS, async () => {
      const left = await operatorPods();
      return left.length === 0 ? done(true) : notYet(left.map((p) => p.metadata?.name).join(', '));
    });
  } finally {
    releaseOperatorLock();
    await Promise.all(namespaces.map((ns) => startNamespaceDeletion(kc, ns)));
  }
}, POD_DEADLINE_MS + 30_000);

test('the operator runs in a pod from its own image on the real node and takes a Dataset + ThinRuntime to Bound', async () => {
  const pod = await waitReadyPod('the operator pod to be Ready');
  expect(pod.spec?.nodeName).toBe(realNodeName());
  expect(pod.spec?.serviceAccountName).toBe(OPERATOR_NAME);
  expect(pod.spec?.containers[0]).toMatchObject({ image: defaultOperatorImage(), imagePullPolicy: 'IfNotPresent' });
  // A real container: the kubelet reports the image it ran and when it started.
  expect(pod.status?.containerStatuses?.[0]).toMatchObject({ ready: true, restartCount: 0, state: { running: expect.anything() } });
  expect(pod.status?.containerStatuses?.[0].imageID).toMatch(/sha256:[0-9a-f]{64}/);

  const ns = await createNamespace(kc, 'e2e-pod');
  namespaces.push(ns);
  for (const obj of thinPair(ns, 'one')) await apply(obj);
  await waitAllBound(ns, ['one']);
  expect((await kubeRequest(kc, 'GET', resourcePath(resourceOf('PersistentVolumeClaim'), ns, 'one'))).body.status.phase).toBe('Bound');
}, POD_DEADLINE_MS + BOUND_DEADLINE_MS);

test('its /healthz, /readyz and /metrics answer through the pod, and `kubectl logs` shows its JSON log', async () => {
  const pod = await waitReadyPod('the operator pod to be Ready');
  for (const endpoint of ['/healthz', '/readyz']) {
    const res = await proxy(pod, 8081, endpoint);
    expect({ status: res.status, body: String(res.body).trim() }).toEqual({ status: 200, body: 'ok' });
  }
  const metrics = (await proxy(pod, 8080, '/metrics')).body as string;
  expect(metrics).toMatch(/^fluid_cdk8s_api_writes_total\{.*resource="datasets".*\} [1-9]/m);
  // controller-runtime's and client-go's series, as their dashboards query them.
  expect(metrics).toMatch(/^controller_runtime_reconcile_total\{controller="dataset",result="success"\} [1-9]/m);
  expect(metrics).toMatch(/^workqueue_adds_total\{name="runtime",controller="runtime"\} [1-9]/m);
  expect(metrics).toMatch(/^rest_client_requests_total\{code="200",method="GET",host="[^"]+"\} [1-9]/m);
  expect(metrics).toMatch(/^leader_election_master_status\{name="fluid-cdk8s-operator"\} 1$/m);
  const logs = await kubectl(['-n', NAMESPACE, 'logs', pod.metadata!.name!]);
  expect(logs.code).toBe(0);
  const lines = logs.stdout.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; identity?: string; level: number; logger?: string });
  expect(lines.find((l) => l.msg === 'Started leading')?.identity).toBe(pod.metadata!.name);
  expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  // The logger's name has a key of its own; `name` is only ever an object's, inside `object`.
  expect(new Set(lines.map((l) => l.logger))).toEqual(new Set(['fluid-cdk8s']));
  expect(lines.filter((l) => 'name' in l)).toEqual([]);
});

test('deleting the operator pod while runtimes set up converges once the Deployment has restarted it', async () => {
  const before = await waitReadyPod('the operator pod to be Ready');
  const ns = await createNamespace(kc, 'e2e-pod-restart');
  namespaces.push(ns);
  const names = ['a', 'b', 'c', 'd', 'e'];
  for (const name of names) for (const obj of thinPair(ns, name)) await apply(obj);
  await kubeRequest(kc, 'DELETE', `/api/v1/namespaces/${NAMESPACE}/pods/${before.metadata!.name}`);
  const after = await waitReadyPod('a new operator pod to be Ready', before.metadata!.name);
  expect(after.metadata?.name).not.toBe(before.metadata?.name);
  await waitAllBound(ns, names);
  const pvcs = (await kubeRequest(kc, 'GET', resourcePath(resourceOf('PersistentVolumeClaim'), ns))).body.items as k8s.V1PersistentVolumeClaim[];
  expect(pvcs.map((p) => p.metadata?.name).sort()).toEqual(names);
}, POD_DEADLINE_MS * 2 + BOUND_DEADLINE_MS);
