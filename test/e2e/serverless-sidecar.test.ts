// Fluid's serverless mode for real, on the real node: the operator, its pod webhook and the CSI plugin installed as
// users install them, the ThinRuntime example (rclone mounting the S3 bucket of examples/seaweedfs/) Bound, and
// application pods labelled `serverless.fluid.io/inject: "true"` that mount its PVC. The live webhook injects the
// fuse container as a sidecar and rewrites the PVC volume to the fuse's host folder; the application reads known
// bytes through that mount at its very start (no retry: the sidecar's postStart check holds it back until the fuse
// is mounted), in the legacy mode and then as a native sidecar, and nothing is left mounted once the pod is done.
import { createHash, randomBytes } from 'node:crypto';
import type * as k8s from '@kubernetes/client-node';
import { applyObject, deleteObject, getObject } from '../../cluster/apply-object';
import { FluidOnRealNode, installFluidOnRealNode } from '../../cluster/real-node/fluid-install';
import { mountsUnder } from '../../cluster/real-node/mounts';
import { seaweedfsExampleObjects } from '../../cluster/seaweedfs-example/example-objects';
import { deletePodAndWait } from '../../cluster/seaweedfs-example/reader-pod';
import { UfsBucket } from '../../cluster/seaweedfs-example/ufs-bucket';
import { OPERATOR_NAME } from '../../constructs/operator/operator-install';
import { kubeRequest } from '../../operator/kube/kube-request';
import { createNamespace, done, loadKubeConfig, notYet, startNamespaceDeletion, waitFor } from '../integration/support/cluster-client';
import { clusterEnv } from '../integration/support/cluster-env';
import { clusterImages, kubectl, onRealNode, realNodeName } from '../integration/support/real-node';
import { acquireOperatorLock, OPERATOR_LOCK_DEADLINE_MS, releaseOperatorLock } from './support/operator-lock';

const kc = loadKubeConfig();
const MANAGER = 'e2e-serverless-sidecar';
const DATASET = 'bucket-thin';
/** Image present on the node: create → Running in about a second, plus the fuse's mount. */
const POD_DEADLINE_MS = 90_000;
const BOUND_DEADLINE_MS = 120_000;
/** A new operator pod from the image on the node, and its webhook serving the certificates kept in the Secret. */
const ROLLOUT_DEADLINE_MS = 120_000;
const DELETION_DEADLINE_MS = 90_000;
const MiB = 1 << 20;

const mountRoot = clusterEnv('mountRoot');
const files = { 'hello.txt': Buffer.from('hello through the sidecar\n'), 'big.bin': randomBytes(8 * MiB) };
/** `sha256sum` output for the files under /data, as the bucket's bytes give it. */
const expectedSums = Object.entries(files).map(([name, data]) => `${createHash('sha256').update(data).digest('hex')}  /data/${name}\n`).join('');
const READ = `sha256sum ${Object.keys(files).map((f) => `/data/${f}`).join(' ')}`;

let ns = '';
let fluid: FluidOnRealNode | undefined;
let ufs: UfsBucket;
const figures: Record<string, string> = {};

/** The fuse's mount point on the host: the PV's fluid_path, which the sidecar mounts through its hostPath. */
const fluidPath = (): string => `${mountRoot}/thin/${ns}/${DATASET}/thin-fuse`;

function appPod(name: string, script: string): Record<string, any> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels: { 'serverless.fluid.io/inject': 'true' } },
    spec: {
      ...onRealNode(),
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 10,
      containers: [{ name: 'app', image: clusterImages().busybox, imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', script], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: DATASET } }],
    },
  };
}

async function createPod(pod: Record<string, any>, dryRun = false): Promise<k8s.V1Pod> {
  return (await kubeRequest(kc, 'POST', `/api/v1/namespaces/${ns}/pods${dryRun ? '?dryRun=All' : ''}`, pod)).body as k8s.V1Pod;
}

async function getPod(name: string): Promise<k8s.V1Pod | undefined> {
  return (await getObject(kc, 'Pod', name, ns)) as k8s.V1Pod | undefined;
}

/** The sidecar the webhook puts in a dry-run pod: the webhook answers only once its certificate is published. */
async function waitForInjection(mode: 'legacy' | 'native-sidecar'): Promise<void> {
  await waitFor(`the pod webhook to inject the fuse sidecar (${mode})`, ROLLOUT_DEADLINE_MS, async () => {
    const pod = await createPod(appPod('probe', 'true'), true);
    const where = mode === 'legacy' ? pod.spec?.containers : pod.spec?.initContainers;
    const names = (where ?? []).map((c) => c.name);
    return names[0] === 'fluid-fuse-0' ? done(true) : notYet(`containers ${JSON.stringify(pod.spec?.containers?.map((c) => c.name))}, init containers ${JSON.stringify(pod.spec?.initContainers?.map((c) => c.name))}`);
  }, { intervalMs: 500 });
}

/** Pods of the ThinRuntime's fuse DaemonSet: the CSI way of mounting, which serverless pods must not need. */
async function daemonSetFuses(): Promise<string[]> {
  const selector = encodeURIComponent(`release=${DATASET},role=thin-fuse`);
  return ((await kubeRequest(kc, 'GET', `/api/v1/namespaces/${ns}/pods?labelSelector=${selector}`)).body.items as k8s.V1Pod[]).map((p) => p.metadata!.name!);
}

/** A container's state, waiting until it has terminated. */
async function terminated(pod: string, container: string, deadlineMs: number): Promise<k8s.V1ContainerStateTerminated> {
  return waitFor(`container ${container} of ${ns}/${pod} to finish`, deadlineMs, async () => {
    const p = await getPod(pod);
    const status = [...(p?.status?.containerStatuses ?? []), ...(p?.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
    return status?.state?.terminated ? done(status.state.terminated) : notYet(`${p?.status?.phase}: ${JSON.stringify(status?.state ?? {})}`);
  }, { intervalMs: 250 });
}

async function logs(pod: string, container: string): Promise<string> {
  return (await kubectl(['-n', ns, 'logs', pod, '-c', container])).stdout;
}

async function noMountLeft(what: string): Promise<void> {
  await waitFor(`no mount left at ${fluidPath()} (${what})`, DELETION_DEADLINE_MS, async () => {
    const left = mountsUnder(fluidPath());
    return left.length === 0 ? done(true) : notYet(left.join(', '));
  }, { intervalMs: 250 });
}

/** What the webhook made of the pod: the fuse first (in `fuses`), the PVC volume a hostPath at the fuse's mount. */
function expectInjected(pod: k8s.V1Pod, fuses: k8s.V1Container[] | undefined): void {
  const fuse = fuses?.[0];
  expect(fuse?.name).toBe('fluid-fuse-0');
  expect(fuse?.securityContext?.privileged).toBe(true);
  expect(fuse?.lifecycle?.postStart?.exec?.command).toEqual(expect.arrayContaining([fluidPath()]));
  expect(pod.spec?.volumes?.find((v) => v.name === 'data')).toEqual({ name: 'data', hostPath: { path: fluidPath(), type: '' } });
  expect(pod.spec?.containers.find((c) => c.name === 'app')?.volumeMounts?.[0]).toMatchObject({ mountPath: '/data', mountPropagation: 'HostToContainer' });
  expect(pod.metadata?.labels).toMatchObject({ 'done.sidecar.fluid.io/inject': 'true', 'dataset-name.sidecar.fluid.io/fluid-fuse-0': DATASET });
}

beforeAll(async () => {
  await acquireOperatorLock('serverless-sidecar.test.ts');
  const started = Date.now();
  fluid = await installFluidOnRealNode(kc, { clusterDir: clusterEnv('dir'), node: realNodeName(), mountRoot });
  ns = await createNamespace(kc, 'e2e-serverless');
  ufs = await UfsBucket.deploy(kc, ns, MANAGER);
  for (const [key, data] of Object.entries(files)) await ufs.put(key, data);
  for (const obj of seaweedfsExampleObjects('thin-runtime', { namespace: ns, ufsAddress: ufs.address })) await applyObject(kc, obj, MANAGER);
  await waitFor(`Dataset ${ns}/${DATASET} and its PVC to be Bound`, BOUND_DEADLINE_MS, async () => {
    const dataset = await getObject(kc, 'Dataset', DATASET, ns);
    const pvc = await getObject(kc, 'PersistentVolumeClaim', DATASET, ns);
    const state = `Dataset ${dataset?.status?.phase ?? '(none)'}, PVC ${pvc?.status?.phase ?? 'absent'}`;
    return state === 'Dataset Bound, PVC Bound' ? done(true) : notYet(state);
  }, { intervalMs: 250 });
  await waitForInjection('legacy');
  figures['install + UFS + ThinRuntime Bound + webhook injecting'] = `${Date.now() - started} ms`;
}, OPERATOR_LOCK_DEADLINE_MS + BOUND_DEADLINE_MS + ROLLOUT_DEADLINE_MS * 2);

afterAll(async () => {
  try {
    process.stderr.write(`\n[serverless-sidecar.test.ts] figures: ${JSON.stringify(figures, null, 1)}\n`);
    if (ns) {
      for (const name of ['legacy', 'native']) await deleteObject(kc, 'Pod', name, ns);
      // While the operator still runs, so the Dataset's and runtime's finalizers go with them.
      await deleteObject(kc, 'Dataset', DATASET, ns);
      await waitFor('the Dataset to be deleted', DELETION_DEADLINE_MS, async () => ((await getObject(kc, 'Dataset', DATASET, ns)) ? notYet('still there') : done(true)));
      await startNamespaceDeletion(kc, ns);
    }
    await deleteObject(kc, 'ThinRuntimeProfile', 'rclone-s3');
    await fluid?.uninstall();
  } finally {
    releaseOperatorLock();
  }
}, DELETION_DEADLINE_MS * 2 + 60_000);

test('legacy mode: the fuse joins the pod as its first container; the app reads the bucket\'s bytes at start through the sidecar\'s mount, and deleting the pod leaves no mount', async () => {
  const s3Before = await ufs.s3Requests();
  const started = Date.now();
  // A long-running app, as legacy mode suits (the fuse container never exits on its own), that stops on SIGTERM.
  const created = await createPod(appPod('legacy', `${READ}; trap 'exit 0' TERM; sleep 2147483647 & wait`));
  expectInjected(created, created.spec?.containers);
  expect(created.spec?.containers.map((c) => c.name)).toEqual(['fluid-fuse-0', 'app']);

  const running = await waitFor('pod legacy to run both containers', POD_DEADLINE_MS, async () => {
    const p = await getPod('legacy');
    const states = p?.status?.containerStatuses ?? [];
    return states.length === 2 && states.every((s) => s.state?.running) ? done(p!) : notYet(`${p?.status?.phase}: ${JSON.stringify(states.map((s) => [s.name, s.state]))}`);
  }, { intervalMs: 250 });
  figures['legacy: pod create → both containers running (fuse mounted)'] = `${Date.now() - started} ms`;
  expect(running.spec?.nodeName).toBe(realNodeName());
  const sums = await waitFor('the app to print its sums', POD_DEADLINE_MS, async () => {
    const out = await logs('legacy', 'app');
    return out.split('\n').length > Object.keys(files).length ? done(out) : notYet(JSON.stringify(out));
  }, { intervalMs: 250 });
  expect(sums).toBe(expectedSums);
  // Through the sidecar: the bucket served the reads, and no fuse of the CSI way runs.
  expect(await ufs.s3Requests()).toBeGreaterThan(s3Before);
  expect(await daemonSetFuses()).toEqual([]);
  expect(mountsUnder(fluidPath())).toEqual([fluidPath()]);
  expect(await logs('legacy', 'fluid-fuse-0')).toMatch(/fluid-check-mount: fuse mounted at/);

  const deleting = Date.now();
  await deletePodAndWait(kc, 'legacy', ns, DELETION_DEADLINE_MS);
  figures['legacy: pod delete → gone'] = `${Date.now() - deleting} ms`;
  await noMountLeft('after the legacy pod');
}, POD_DEADLINE_MS * 2 + DELETION_DEADLINE_MS * 2);

test('native-sidecar mode: the fuse is a restartable init container; the app reads the same bytes, exits, and the pod Succeeds with the sidecar stopped and nothing mounted', async () => {
  const patch = [{ op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--fuse-sidecar-injection-mode=native-sidecar' }];
  const patched = await kubectl(['-n', fluid!.namespace, 'patch', 'deployment', OPERATOR_NAME, '--type=json', '-p', JSON.stringify(patch)]);
  expect(patched).toMatchObject({ code: 0 });
  const rollout = Date.now();
  // One operator pod left, with the flag: none of the old pods can answer an admission any more.
  const selector = encodeURIComponent(`app.kubernetes.io/name=${OPERATOR_NAME}`);
  await waitFor('the operator Deployment to roll out the flag', ROLLOUT_DEADLINE_MS, async () => {
    const pods = (await kubeRequest(kc, 'GET', `/api/v1/namespaces/${fluid!.namespace}/pods?labelSelector=${selector}`)).body.items as k8s.V1Pod[];
    const ready = pods.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    const flagged = ready.filter((p) => p.spec?.containers[0].args?.includes(patch[0].value));
    return pods.length === 1 && flagged.length === 1 ? done(true) : notYet(pods.map((p) => `${p.metadata?.name}: ${p.status?.phase}${p.metadata?.deletionTimestamp ? ' (terminating)' : ''}`).join(', '));
  }, { intervalMs: 250 });
  await waitForInjection('native-sidecar');
  figures['operator rollout → webhook injecting native sidecars'] = `${Date.now() - rollout} ms`;

  const started = Date.now();
  const created = await createPod(appPod('native', READ));
  expectInjected(created, created.spec?.initContainers);
  expect(created.spec?.initContainers?.[0].restartPolicy).toBe('Always');
  expect(created.spec?.containers.map((c) => c.name)).toEqual(['app']);

  const app = await terminated('native', 'app', POD_DEADLINE_MS);
  figures['native: pod create → app done'] = `${Date.now() - started} ms`;
  expect(app.exitCode).toBe(0);
  expect(await logs('native', 'app')).toBe(expectedSums);
  const phase = await waitFor('pod native to Succeed once its app is done', DELETION_DEADLINE_MS, async () => {
    const p = await getPod('native');
    return p?.status?.phase === 'Succeeded' || p?.status?.phase === 'Failed' ? done(p.status.phase) : notYet(`${p?.status?.phase}: ${JSON.stringify(p?.status?.initContainerStatuses?.map((s) => s.state))}`);
  }, { intervalMs: 250 });
  figures['native: pod create → Succeeded'] = `${Date.now() - started} ms`;
  expect(phase).toBe('Succeeded');
  expect((await getPod('native'))?.status?.initContainerStatuses?.[0]?.state?.terminated).toBeDefined();
  expect(await daemonSetFuses()).toEqual([]);
  await noMountLeft('after the native pod finished');
}, ROLLOUT_DEADLINE_MS + POD_DEADLINE_MS + DELETION_DEADLINE_MS + 30_000);
