// The fuse.csi.fluid.io node plugin on the real node, installed as users install it (`fluid-cdk8s install` pinned to
// the real node, with its kubelet folder and the cluster's shared mount root), serving a ThinRuntime whose "fuse" is
// busybox mounting a tmpfs: real FUSE comes with SeaweedFS. Application pods mount the Dataset's PVC through the
// kubelet, which stages and publishes through the plugin; the tests read what the fuse wrote, break the fuse and
// watch the plugin repair the mounts, and check that nothing stays mounted once the pods are gone.
import * as fs from 'node:fs';
import * as k8s from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { installManifests } from '../../cli/install';
import { mountsUnder } from '../../cluster/real-node/mounts';
import { nodePaths } from '../../cluster/real-node/node-paths';
import { REAL_NODE_LABEL } from '../../cluster/real-node/kubelet-config';
import { CSI_PLUGIN_NAME } from '../../constructs/csi/csi-install';
import { OPERATOR_NAME } from '../../constructs/operator/operator-install';
import { parseMountInfo } from '../../csi/mount-table';
import { installCrds } from '../../operator/kube/crd-installer';
import { kubeRequest } from '../../operator/kube/kube-request';
import { resourceOf, resourcePath } from '../../operator/kube/resources';
import { installObjectPath } from './support/install-objects';
import { AppliedObject } from '../../operator/kube/server-side-apply';
import { createNamespace, done, loadKubeConfig, notYet, startNamespaceDeletion, waitFor } from '../integration/support/cluster-client';
import { clusterEnv } from '../integration/support/cluster-env';
import { clusterImages, kubectl, onRealNode, realNodeName } from '../integration/support/real-node';
import { acquireOperatorLock, OPERATOR_LOCK_DEADLINE_MS, releaseOperatorLock } from './support/operator-lock';

const kc = loadKubeConfig();
const SYSTEM_NS = 'fluid-system';
const PROFILE = 'e2e-csi-tmpfs';
const DATASET = 'data';
const POD_DEADLINE_MS = 90_000;
const BOUND_DEADLINE_MS = 120_000;
const RECOVERY_DEADLINE_MS = 90_000;

const kubeletDir = nodePaths(clusterEnv('dir'), realNodeName()).kubeletRoot;
const mountRoot = clusterEnv('mountRoot');
let ns = '';
const fluidPath = () => `${mountRoot}/thin/${ns}/${DATASET}/thin-fuse`;
const labelKey = () => `fluid.io/f-${ns}-${DATASET}`;
const figures: Record<string, string> = {};

// The "fuse": mounts a tmpfs where a FUSE client would mount, writes known files, and waits on a child that stands
// for the FUSE daemon. When that child dies the container exits and leaves its mount, as a crashed FUSE client
// leaves a dead one; its successor deletes the old file system's files (a dead FUSE serves none either; folders stay,
// as a dead FUSE's do), lazily unmounts it (real-node.md, trap 5) and mounts a new one with a new generation. Asked
// to stop, it unmounts.
const FUSE_SCRIPT = `
mp="$MOUNT_POINT"
mkdir -p "$mp" || exit 1
if grep -q " $mp " /proc/self/mountinfo; then rm -f "$mp"/* "$mp"/sub/* 2>/dev/null; umount -l "$mp"; fi
mount -t tmpfs -o size=8m e2e-fuse "$mp" || exit 1
echo "hello from the fuse" > "$mp/hello.txt"
mkdir "$mp/sub" && echo "inside sub" > "$mp/sub/inner.txt"
cat /proc/sys/kernel/random/uuid > "$mp/generation" && cp "$mp/generation" "$mp/sub/generation"
trap 'umount -l "$mp"; exit 0' TERM
sleep 2147483647 &
echo $! > /tmp/daemon.pid
wait $!
exit 1
`;


async function apply(obj: AppliedObject, manager = 'e2e-user'): Promise<void> {
  await kubeRequest(kc, 'PATCH', `${installObjectPath(obj)}?fieldManager=${manager}&force=true`, obj, 'application/apply-patch+yaml');
}

async function get(path: string): Promise<any> {
  return (await kubeRequest(kc, 'GET', path)).body;
}

async function gone(path: string): Promise<boolean> {
  return kubeRequest(kc, 'GET', path).then(() => false, (err: { status?: number }) => err.status === 404);
}

async function podsWith(namespace: string, selector: string): Promise<k8s.V1Pod[]> {
  return (await get(`/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(selector)}`)).items as k8s.V1Pod[];
}

async function readyPod(namespace: string, selector: string, description: string): Promise<k8s.V1Pod> {
  return waitFor(description, POD_DEADLINE_MS, async () => {
    const pods = (await podsWith(namespace, selector)).filter((p) => !p.metadata?.deletionTimestamp);
    const ready = pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    return ready.length === 1 ? done(ready[0]) : notYet(pods.map((p) => `${p.metadata?.name}: ${p.status?.phase} ${JSON.stringify(p.status?.containerStatuses?.[0]?.state)}`).join('; ') || 'no pod');
  }, { intervalMs: 250 });
}

async function nodeLabel(key = labelKey()): Promise<string | undefined> {
  return (await get(`/api/v1/nodes/${realNodeName()}`)).metadata.labels?.[key];
}

const SESSMGR_LABEL = 'fluid.io/efc-sessmgr';
const sessMgrWorkDir = () => `${mountRoot}/efc-sock-${ns}`;

function isSessMgrObject(doc: AppliedObject): boolean {
  return doc.metadata.namespace === 'efc-system' || (doc.kind === 'Namespace' && doc.metadata.name === 'efc-system');
}

/** Takes the session manager label off the real node (no DaemonSet of another test file may start a pod there). */
async function removeSessMgrLabel(): Promise<void> {
  await kubeRequest(kc, 'PATCH', `/api/v1/nodes/${realNodeName()}`, { metadata: { labels: { [SESSMGR_LABEL]: null } } }, 'application/strategic-merge-patch+json');
}

interface AppVolume {
  readonly name: string;
  readonly claim: string;
  readonly mountPath: string;
  readonly subPath?: string;
  readonly readOnly?: boolean;
}

/** A busybox pod on the real node; HostToContainer, as Fluid's fuse recovery asks of applications. */
function appPod(name: string, volumes: readonly AppVolume[]): object {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns },
    spec: {
      ...onRealNode(), terminationGracePeriodSeconds: 0,
      containers: [{
        name: 'app', image: clusterImages().busybox, imagePullPolicy: 'IfNotPresent', command: ['sleep', '2147483647'],
        volumeMounts: volumes.map((v) => ({ name: v.name, mountPath: v.mountPath, mountPropagation: 'HostToContainer', ...(v.subPath ? { subPath: v.subPath } : {}) })),
      }],
      volumes: volumes.map((v) => ({ name: v.name, persistentVolumeClaim: { claimName: v.claim, ...(v.readOnly ? { readOnly: true } : {}) } })),
    },
  };
}

async function runPod(pod: object): Promise<{ pod: k8s.V1Pod; runningMs: number }> {
  const started = Date.now();
  const name = (pod as { metadata: { name: string } }).metadata.name;
  await kubeRequest(kc, 'POST', `/api/v1/namespaces/${ns}/pods`, pod);
  const running = await waitFor(`pod ${ns}/${name} to run`, POD_DEADLINE_MS, async () => {
    const p = (await get(`/api/v1/namespaces/${ns}/pods/${name}`)) as k8s.V1Pod;
    if (p.status?.containerStatuses?.[0]?.ready) return done(p);
    const events = (await get(`/api/v1/namespaces/${ns}/events?fieldSelector=${encodeURIComponent(`involvedObject.name=${name}`)}`)).items as k8s.CoreV1Event[];
    return notYet(`${p.status?.phase}; last event: ${events.at(-1)?.reason} ${events.at(-1)?.message}`);
  }, { intervalMs: 100 });
  return { pod: running, runningMs: Date.now() - started };
}

async function exec(pod: string, script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return kubectl(['-n', ns, 'exec', pod, '--', 'sh', '-c', script]);
}

interface LogLine {
  readonly msg: string;
  readonly [key: string]: unknown;
}

async function pluginLog(): Promise<LogLine[]> {
  const pod = await readyPod(SYSTEM_NS, `app.kubernetes.io/name=${CSI_PLUGIN_NAME}`, 'the CSI plugin pod');
  const logs = await kubectl(['-n', SYSTEM_NS, 'logs', pod.metadata!.name!]);
  return logs.stdout.trim().split('\n').flatMap((l) => {
    try {
      return [JSON.parse(l) as LogLine];
    } catch {
      return [];
    }
  });
}

/** A failed wait says, besides what it saw, what the plugin logged about recovery and failures. */
async function withPluginLog<T>(wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (err) {
    const lines = await pluginLog().catch(() => []);
    const told = lines.filter((l) => (l.level as number) >= 40 || /recover/i.test(l.msg)).slice(-15).map((l) => JSON.stringify(l));
    throw new Error(`${(err as Error).message}\nCSI plugin log (warnings and recovery):\n${told.join('\n')}`);
  }
}

/** Mounts on the host that belong to this test: its volumes' targets and the application pods' folders, its fuse. */
function leftoverMounts(podUids: readonly string[]): string[] {
  const underKubelet = mountsUnder(kubeletDir).filter((p) => p.includes(`/kubernetes.io~csi/${ns}-`) || podUids.some((uid) => p.includes(`/pods/${uid}/`)));
  return [...underKubelet, ...mountsUnder(`${mountRoot}/thin/${ns}`)];
}

function hostMountOptions(target: string): string[] | undefined {
  const entries = parseMountInfo(fs.readFileSync('/proc/self/mountinfo', 'utf8')).filter((e) => e.mountPoint === target);
  return entries.at(-1)?.options as string[] | undefined;
}

beforeAll(async () => {
  await acquireOperatorLock('csi.test.ts');
  const started = Date.now();
  // What a user pipes into `kubectl apply --server-side`, pinned to the real node, with its kubelet folder and the
  // cluster's shared mount root.
  const docs = parseAllDocuments(installManifests({
    namespace: SYSTEM_NS, nodeSelector: { [REAL_NODE_LABEL]: 'true' }, tolerations: [{ key: REAL_NODE_LABEL, operator: 'Exists' }],
    kubeletDir, mountRoot,
  })).map((d) => d.toJS() as AppliedObject);
  await installCrds(kc, docs.filter((d) => d.kind === 'CustomResourceDefinition'), 'fluid-cdk8s-test');
  // All but EFC's session manager, whose image is not on the real node: the EFC test below stands in for it.
  for (const doc of docs.filter((d) => d.kind !== 'CustomResourceDefinition' && !isSessMgrObject(d))) await apply(doc, 'fluid-cdk8s-test');
  // The kubelet registered the driver: it lists it in the node's CSINode.
  await waitFor('the kubelet to register fuse.csi.fluid.io in CSINode', POD_DEADLINE_MS, async () => {
    const drivers = ((await get(`/apis/storage.k8s.io/v1/csinodes/${realNodeName()}`)).spec.drivers ?? []) as { name: string; nodeID: string }[];
    return drivers.some((d) => d.name === 'fuse.csi.fluid.io' && d.nodeID === realNodeName()) ? done(true) : notYet(JSON.stringify(drivers));
  }, { intervalMs: 250 });
  figures['install (CRDs included) → driver registered'] = `${Date.now() - started} ms`;
  const plugin = await readyPod(SYSTEM_NS, `app.kubernetes.io/name=${CSI_PLUGIN_NAME}`, 'the CSI plugin pod');
  const registered = (await pluginLog()).find((l) => l.msg === 'The kubelet registered the driver');
  const containerStarted = Date.parse(plugin.status!.containerStatuses![0].state!.running!.startedAt as unknown as string);
  figures['plugin container start → driver registered'] = `${(registered!.time as number) - containerStarted} ms`;
  await readyPod(SYSTEM_NS, `app.kubernetes.io/name=${OPERATOR_NAME}`, 'the operator pod to be Ready');

  ns = await createNamespace(kc, 'e2e-csi');
  await apply({
    apiVersion: 'data.fluid.io/v1alpha1', kind: 'ThinRuntimeProfile', metadata: { name: PROFILE },
    spec: { fileSystemType: 'tmpfs', fuse: { image: clusterImages().busybox, imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', FUSE_SCRIPT] } },
  } as AppliedObject);
  await apply({
    apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', metadata: { name: DATASET, namespace: ns },
    spec: { mounts: [{ name: 'scratch', mountPoint: 'tmpfs://e2e-scratch' }], accessModes: ['ReadWriteMany'] },
  } as AppliedObject);
  await apply({
    apiVersion: 'data.fluid.io/v1alpha1', kind: 'ThinRuntime', metadata: { name: DATASET, namespace: ns },
    spec: { profileName: PROFILE, fuse: { cleanPolicy: 'OnDemand' } },
  } as AppliedObject);
  await waitFor(`PVC ${ns}/${DATASET} to be Bound`, BOUND_DEADLINE_MS, async () => {
    const phase = await get(resourcePath(resourceOf('PersistentVolumeClaim'), ns, DATASET)).then((p) => p.status?.phase, () => 'absent');
    return phase === 'Bound' ? done(true) : notYet(phase);
  }, { intervalMs: 250 });
}, OPERATOR_LOCK_DEADLINE_MS + POD_DEADLINE_MS * 2 + BOUND_DEADLINE_MS);

afterAll(async () => {
  try {
    process.stderr.write(`\n[csi.test.ts] figures: ${JSON.stringify(figures, null, 1)}\n`);
    if (ns) {
      // Deleted while the operator still runs, so its finalizers go with it.
      await kubeRequest(kc, 'DELETE', resourcePath(resourceOf('Dataset'), ns, DATASET)).catch(() => undefined);
      await waitFor(`Dataset ${ns}/${DATASET} to be deleted`, BOUND_DEADLINE_MS, async () => (await gone(resourcePath(resourceOf('Dataset'), ns, DATASET)) ? done(true) : notYet('still there')));
      await startNamespaceDeletion(kc, ns);
      await kubeRequest(kc, 'DELETE', `/api/v1/persistentvolumes/${ns}-sub`).catch(() => undefined);
      await kubeRequest(kc, 'DELETE', `/api/v1/persistentvolumes/${ns}-efc`).catch(() => undefined);
      await removeSessMgrLabel().catch(() => undefined);
      fs.rmSync(sessMgrWorkDir(), { recursive: true, force: true });
    }
    await kubeRequest(kc, 'DELETE', resourcePath(resourceOf('ThinRuntimeProfile'), undefined, PROFILE)).catch(() => undefined);
    await kubeRequest(kc, 'DELETE', resourcePath(resourceOf('Deployment'), SYSTEM_NS, OPERATOR_NAME)).catch(() => undefined);
    await kubeRequest(kc, 'DELETE', resourcePath(resourceOf('DaemonSet'), SYSTEM_NS, CSI_PLUGIN_NAME)).catch(() => undefined);
    await waitFor('the operator and CSI plugin pods to be gone', POD_DEADLINE_MS, async () => {
      const left = [...await podsWith(SYSTEM_NS, `app.kubernetes.io/name=${OPERATOR_NAME}`), ...await podsWith(SYSTEM_NS, `app.kubernetes.io/name=${CSI_PLUGIN_NAME}`)];
      return left.length === 0 ? done(true) : notYet(left.map((p) => p.metadata?.name).join(', '));
    });
    // The plugin removed its registration socket on SIGTERM, so the kubelet forgot the driver.
    expect(fs.existsSync(`${kubeletDir}/plugins_registry/fuse.csi.fluid.io-reg.sock`)).toBe(false);
    await kubeRequest(kc, 'DELETE', '/apis/storage.k8s.io/v1/csidrivers/fuse.csi.fluid.io').catch(() => undefined);
  } finally {
    releaseOperatorLock();
  }
}, BOUND_DEADLINE_MS + POD_DEADLINE_MS + 30_000);

test('staging labels the node, the fuse pod mounts, and the application reads and writes through the bind mount', async () => {
  const pv = await get(`/api/v1/persistentvolumes/${ns}-${DATASET}`);
  // The operator renders fuse mounts under the MOUNT_ROOT install gave it.
  expect(pv.spec.csi).toMatchObject({ driver: 'fuse.csi.fluid.io', volumeAttributes: { fluid_path: fluidPath(), mount_type: 'tmpfs', mount_pod_node_selector_key: labelKey() } });
  expect(await nodeLabel()).toBeUndefined();

  const { pod, runningMs } = await runPod(appPod('reader', [{ name: 'data', claim: DATASET, mountPath: '/data' }]));
  figures['app pod create → Running (stage + fuse start + publish)'] = `${runningMs} ms`;
  expect(pod.spec?.nodeName).toBe(realNodeName());
  expect(await nodeLabel()).toBe('true');
  expect(await exec('reader', 'cat /data/hello.txt /data/sub/inner.txt')).toMatchObject({ code: 0, stdout: 'hello from the fuse\ninside sub\n' });
  // Written through the application's mount, seen where the fuse mounted: one file system.
  expect((await exec('reader', 'echo from the app > /data/written')).code).toBe(0);
  expect(fs.readFileSync(`${fluidPath()}/written`, 'utf8')).toBe('from the app\n');

  const target = `${kubeletDir}/pods/${pod.metadata!.uid}/volumes/kubernetes.io~csi/${ns}-${DATASET}/mount`;
  expect(hostMountOptions(target)).toContain('rw');
  const log = await pluginLog();
  const staged = log.find((l) => l.msg.startsWith('Staged') && l.volumeId === `${ns}-${DATASET}`);
  const published = log.find((l) => l.msg === 'Published' && l.target === target);
  expect(staged).toMatchObject({ labelKey: labelKey(), fluidPath: fluidPath() });
  expect(published).toMatchObject({ source: fluidPath(), method: 'bind', readOnly: false, pod: `${ns}/reader` });
  figures['NodeStageVolume: label → fuse mount live'] = `${staged!.readyMs} ms (label patched after ${staged!.labelledMs} ms)`;
  figures['NodePublishVolume'] = `${published!.publishMs} ms`;
}, POD_DEADLINE_MS + 30_000);

test('fluid_sub_path and a container subPath both show only the sub-folder', async () => {
  // A reference dataset's PV: the physical dataset's attributes plus fluid_sub_path (Fluid's referencedataset/volume.go).
  const pv = await get(`/api/v1/persistentvolumes/${ns}-${DATASET}`);
  await kubeRequest(kc, 'POST', '/api/v1/persistentvolumes', {
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: `${ns}-sub` },
    spec: {
      accessModes: ['ReadWriteMany'], capacity: { storage: '1Gi' }, storageClassName: 'fluid', claimRef: { namespace: ns, name: 'sub' },
      csi: { driver: 'fuse.csi.fluid.io', volumeHandle: `${ns}-sub`, volumeAttributes: { ...pv.spec.csi.volumeAttributes, fluid_sub_path: 'sub' } },
    },
  });
  await kubeRequest(kc, 'POST', `/api/v1/namespaces/${ns}/persistentvolumeclaims`, {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'sub' },
    spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'fluid', volumeName: `${ns}-sub` },
  });
  await runPod(appPod('subpaths', [
    { name: 'attr', claim: 'sub', mountPath: '/attr' },
    { name: 'kubelet', claim: DATASET, mountPath: '/kubelet', subPath: 'sub' },
  ]));
  expect(await exec('subpaths', 'ls /attr; echo --; ls /kubelet; echo --; cat /attr/inner.txt')).toMatchObject({ code: 0, stdout: 'generation\ninner.txt\n--\ngeneration\ninner.txt\n--\ninside sub\n' });
}, POD_DEADLINE_MS + 30_000);

test('a readOnly claim is bound read-only: writes fail in the pod, and the target is an ro mount on the host', async () => {
  const { pod } = await runPod(appPod('readonly', [{ name: 'data', claim: DATASET, mountPath: '/data', readOnly: true }]));
  const write = await exec('readonly', 'echo nope > /data/nope');
  expect(write.code).not.toBe(0);
  expect(write.stderr).toMatch(/Read-only file system/);
  expect(fs.existsSync(`${fluidPath()}/nope`)).toBe(false);
  expect(await exec('readonly', 'cat /data/hello.txt')).toMatchObject({ code: 0, stdout: 'hello from the fuse\n' });
  expect(hostMountOptions(`${kubeletDir}/pods/${pod.metadata!.uid}/volumes/kubernetes.io~csi/${ns}-${DATASET}/mount`)).toContain('ro');
}, POD_DEADLINE_MS + 30_000);

test("an EFC volume: staging labels the node for EFC's session manager and waits for its socket, then goes on", async () => {
  // What an EFC PV adds (Fluid's create_volume.go): the session manager's folder. The fuse is this file's Thin fuse;
  // the test stands in for the session manager, whose image is not here, by creating its socket file.
  await removeSessMgrLabel();
  const pv = await get(`/api/v1/persistentvolumes/${ns}-${DATASET}`);
  fs.mkdirSync(sessMgrWorkDir(), { recursive: true });
  await kubeRequest(kc, 'POST', '/api/v1/persistentvolumes', {
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: `${ns}-efc` },
    spec: {
      accessModes: ['ReadWriteMany'], capacity: { storage: '1Gi' }, storageClassName: 'fluid', claimRef: { namespace: ns, name: 'efc' },
      csi: { driver: 'fuse.csi.fluid.io', volumeHandle: `${ns}-efc`, volumeAttributes: { ...pv.spec.csi.volumeAttributes, efc_sessmgr_workdir: sessMgrWorkDir() } },
    },
  });
  await kubeRequest(kc, 'POST', `/api/v1/namespaces/${ns}/persistentvolumeclaims`, {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'efc' },
    spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'fluid', volumeName: `${ns}-efc` },
  });
  const started = Date.now();
  const app = runPod(appPod('efc', [{ name: 'data', claim: 'efc', mountPath: '/data' }]));
  app.catch(() => undefined);
  await waitFor(`node label ${SESSMGR_LABEL}=true`, POD_DEADLINE_MS, async () => {
    const value = await nodeLabel(SESSMGR_LABEL);
    return value === 'true' ? done(true) : notYet(`${SESSMGR_LABEL}=${value}`);
  }, { intervalMs: 100 });
  const labelled = Date.now();
  fs.writeFileSync(`${sessMgrWorkDir()}/sessmgrd.sock`, '');
  await app;
  figures['EFC stage: pod create → session manager label'] = `${labelled - started} ms`;
  expect(await exec('efc', 'cat /data/hello.txt')).toMatchObject({ code: 0, stdout: 'hello from the fuse\n' });
  const served = (await pluginLog()).find((l) => l.msg === 'EFC session manager serves on this node' && l.volumeId === `${ns}-efc`);
  expect(served).toMatchObject({ socket: `${sessMgrWorkDir()}/sessmgrd.sock` });
}, POD_DEADLINE_MS * 2 + 30_000);

test('killing the fuse process: once the fuse container restarts and remounts, the plugin rebinds and the running application reads again', async () => {
  const reader = (await get(`/api/v1/namespaces/${ns}/pods/reader`)) as k8s.V1Pod;
  const before = (await exec('reader', 'cat /data/generation')).stdout.trim();
  expect(before).toMatch(/^[0-9a-f-]{36}$/);
  const [fuse] = (await podsWith(ns, `release=${DATASET},role=thin-fuse`)).filter((p) => !p.metadata?.deletionTimestamp);
  const restarts = fuse.status?.containerStatuses?.[0]?.restartCount ?? 0;

  const killed = Date.now();
  expect((await kubectl(['-n', ns, 'exec', fuse.metadata!.name!, '--', 'sh', '-c', 'kill -9 $(cat /tmp/daemon.pid)'])).code).toBe(0);
  const after = await withPluginLog(waitFor('the application to read a new fuse generation', RECOVERY_DEADLINE_MS, async () => {
    const r = await exec('reader', 'cat /data/generation /data/hello.txt');
    const [generation, hello] = r.stdout.split('\n');
    return r.code === 0 && generation !== before && hello === 'hello from the fuse' ? done(generation) : notYet(`exit ${r.code}: ${r.stdout.trim()} ${r.stderr.trim()}`);
  }, { intervalMs: 250 }));
  figures['fuse process killed → application reads the remounted fuse'] = `${Date.now() - killed} ms`;

  const fuseNow = (await get(`/api/v1/namespaces/${ns}/pods/${fuse.metadata!.name}`)) as k8s.V1Pod;
  expect(fuseNow.status?.containerStatuses?.[0]?.restartCount).toBeGreaterThan(restarts);
  const readerNow = (await get(`/api/v1/namespaces/${ns}/pods/reader`)) as k8s.V1Pod;
  expect(readerNow.metadata?.uid).toBe(reader.metadata?.uid);
  expect(readerNow.status?.containerStatuses?.[0]?.restartCount).toBe(0);
  // The other publications were repaired too: the read-only one, fluid_sub_path, and the kubelet's subPath bind.
  await withPluginLog(waitFor('every application mount to show the new generation', RECOVERY_DEADLINE_MS, async () => {
    const seen = [await exec('readonly', 'cat /data/generation'), await exec('subpaths', 'cat /attr/generation'), await exec('subpaths', 'cat /kubelet/generation')];
    return seen.every((r) => r.stdout.trim() === after) ? done(true) : notYet(seen.map((r) => `${r.code}: ${r.stdout.trim()}${r.stderr.trim()}`).join('; '));
  }, { intervalMs: 250 }));
  expect((await exec('readonly', 'echo nope > /data/nope')).code).not.toBe(0);
  const recovered = (await pluginLog()).filter((l) => l.msg.startsWith('Fuse recovered'));
  expect(recovered.map((l) => l.mountPoint)).toEqual(expect.arrayContaining([`${kubeletDir}/pods/${reader.metadata!.uid}/volumes/kubernetes.io~csi/${ns}-${DATASET}/mount`]));
}, RECOVERY_DEADLINE_MS * 2 + 30_000);

test('deleting the application pods unstages: the fuse label goes (OnDemand), the fuse pod stops, and no mount is left', async () => {
  const apps = ['reader', 'subpaths', 'readonly', 'efc'];
  const uids = await Promise.all(apps.map(async (name) => (await get(`/api/v1/namespaces/${ns}/pods/${name}`)).metadata.uid as string));
  const deleted = Date.now();
  for (const name of apps) await kubeRequest(kc, 'DELETE', `/api/v1/namespaces/${ns}/pods/${name}`);
  await waitFor(`node label ${labelKey()} to be removed`, POD_DEADLINE_MS, async () => {
    const value = await nodeLabel();
    return value === undefined ? done(true) : notYet(`${labelKey()}=${value}`);
  }, { intervalMs: 250 });
  figures['app pods deleted → fuse label removed'] = `${Date.now() - deleted} ms`;
  await waitFor('the fuse pod to stop', POD_DEADLINE_MS, async () => {
    const left = await podsWith(ns, `release=${DATASET},role=thin-fuse`);
    return left.length === 0 ? done(true) : notYet(left.map((p) => `${p.metadata?.name} ${p.status?.phase}`).join(', '));
  }, { intervalMs: 250 });
  await waitFor('no mount of this test under the kubelet folder or the mount root', 30_000, async () => {
    const left = leftoverMounts(uids);
    return left.length === 0 ? done(true) : notYet(left.join(', '));
  }, { intervalMs: 250 });
  expect(fs.readdirSync(`${kubeletDir}/plugins/fuse.csi.fluid.io/publications`)).toEqual([]);
  const unstaged = (await pluginLog()).filter((l) => l.msg === 'Unstaged');
  expect(unstaged.some((l) => l.removed === true && l.policy === 'OnDemand')).toBe(true);
}, POD_DEADLINE_MS * 2 + 60_000);
