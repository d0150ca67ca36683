// The data path for real, on the real node: the SeaweedFS examples (examples/seaweedfs/) with the operator and the
// CSI plugin installed as users install them. A second SeaweedFS serves the S3 bucket the Datasets name (the UFS);
// a CacheRuntime of class `seaweedfs` caches it in SeaweedFS volume servers, and a ThinRuntime of profile
// `rclone-s3` mounts it straight from the S3 gateway. Application pods read through the PVCs; the tests check the
// bytes, where they came from (the UFS's request counter, SeaweedFS's own shell), fuse recovery and clean-up.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import type * as k8s from '@kubernetes/client-node';
import { applyObject, deleteObject, getObject } from '../../cluster/apply-object';
import { mountsUnder } from '../../cluster/real-node/mounts';
import { FluidOnRealNode, installFluidOnRealNode } from '../../cluster/real-node/fluid-install';
import { pick, seaweedfsExampleObjects } from '../../cluster/seaweedfs-example/example-objects';
import { startReaderPod } from '../../cluster/seaweedfs-example/reader-pod';
import { sumOf, UfsBucket } from '../../cluster/seaweedfs-example/ufs-bucket';
import { CSI_PLUGIN_NAME } from '../../constructs/csi/csi-install';
import { fuseLabelKey } from '../../constructs/object-names';
import { kubeRequest } from '../../operator/kube/kube-request';
import type { AppliedObject } from '../../operator/kube/server-side-apply';
import { createNamespace, done, loadKubeConfig, notYet, startNamespaceDeletion, waitFor } from '../integration/support/cluster-client';
import { clusterEnv } from '../integration/support/cluster-env';
import { clusterImages, kubectl, realNodeName } from '../integration/support/real-node';
import { acquireOperatorLock, OPERATOR_LOCK_DEADLINE_MS, releaseOperatorLock } from './support/operator-lock';
import { hostPidsMounting } from './support/host-processes';

const kc = loadKubeConfig();
const MANAGER = 'e2e-data-path';
const POD_DEADLINE_MS = 90_000;
/** The cache's master, worker and client start one after another, each Ready in about a second once started. */
const BOUND_DEADLINE_MS = 180_000;
const DATALOAD_DEADLINE_MS = 180_000;
const RECOVERY_DEADLINE_MS = 90_000;
const DELETION_DEADLINE_MS = 120_000;
const CACHE_SYNC_PERIOD_S = 3;
/** A few sync rounds; the master learns the volume servers' sizes from their heartbeats, every few seconds. */
const CACHE_FIGURES_DEADLINE_MS = 60_000;

const mountRoot = clusterEnv('mountRoot');
const MiB = 1 << 20;

interface SourceFile {
  readonly key: string;
  readonly data: Buffer;
  readonly sha256: string;
}

function sourceFile(key: string, data: Buffer): SourceFile {
  return { key, data, sha256: createHash('sha256').update(data).digest('hex') };
}

/** What the bucket holds; warm.bin is read only after the DataLoad, so the cache has it from the DataLoad alone. */
const FILES = {
  hello: sourceFile('hello.txt', Buffer.from('hello from the bucket\n')),
  nested: sourceFile('sub/nested.txt', Buffer.from('inside a folder of the bucket\n')),
  big: sourceFile('big.bin', randomBytes(64 * MiB)),
  warm: sourceFile('warm.bin', randomBytes(32 * MiB)),
};

interface RuntimeCase {
  readonly kind: 'CacheRuntime' | 'ThinRuntime';
  readonly dataset: string;
  readonly fuseSelector: string;
  /** The fuse mount on the host: the PV's fluid_path. */
  readonly fluidPath: () => string;
}

const CACHE: RuntimeCase = {
  kind: 'CacheRuntime', dataset: 'bucket-cache', fuseSelector: 'cacheruntime.fluid.io/component-name=bucket-cache-client',
  fluidPath: () => `${mountRoot}/cache/${ns}/bucket-cache/cache-fuse`,
};
const THIN: RuntimeCase = {
  kind: 'ThinRuntime', dataset: 'bucket-thin', fuseSelector: 'release=bucket-thin,role=thin-fuse',
  fluidPath: () => `${mountRoot}/thin/${ns}/bucket-thin/thin-fuse`,
};
const RUNTIMES = [CACHE, THIN];

let ns = '';
let fluid: FluidOnRealNode | undefined;
let ufs: UfsBucket;
let cacheObjects: AppliedObject[] = [];
const figures: Record<string, string> = {};

const readerName = (c: RuntimeCase) => `reader-${c.dataset}`;

async function pods(selector: string): Promise<k8s.V1Pod[]> {
  return (await kubeRequest(kc, 'GET', `/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent(selector)}`)).body.items as k8s.V1Pod[];
}

async function exec(pod: string, script: string, container?: string, input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return kubectl(['-n', ns, 'exec', ...(input === undefined ? [] : ['-i']), pod, ...(container ? ['-c', container] : []), '--', 'sh', '-c', script], { input });
}

/** `sha256sum` output for these paths, as the bucket's bytes would give it. */
function expectedSums(paths: readonly [string, SourceFile][]): string {
  return paths.map(([path, file]) => `${file.sha256}  ${path}\n`).join('');
}

async function runReader(c: RuntimeCase): Promise<k8s.V1Pod> {
  return startReaderPod(kc, {
    name: readerName(c), namespace: ns, claim: c.dataset, image: clusterImages().busybox, script: 'exec sleep 2147483647',
    mounts: [{ mountPath: '/data' }, { mountPath: '/sub', subPath: 'sub' }],
  }, MANAGER, POD_DEADLINE_MS);
}

/** A command run by `weed shell` in the cache's master pod, against its own master and filer. */
async function weedShell(commands: string): Promise<string> {
  const master = (await getObject(kc, 'Pod', `${CACHE.dataset}-master-0`, ns)) as k8s.V1Pod;
  const ip = master.status?.podIP;
  const r = await exec(master.metadata!.name!, `weed shell -master=${ip}:9333 -filer=${ip}:8888`, 'filer', `${commands}\n`);
  if (r.code !== 0) throw new Error(`weed shell ${JSON.stringify(commands)} exited ${r.code}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** fs.meta.cat prints the entry as JSON, then a line of chunk statistics. */
async function filerEntry(path: string): Promise<{ chunks?: { size: string }[]; remoteEntry?: { lastLocalSyncTsNs?: string } }> {
  const out = await weedShell(`fs.meta.cat ${path}`);
  return JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1));
}

/** Requests the cache's volume servers have answered so far (SeaweedFS_volumeServer_request_total). */
async function volumeServerRequests(): Promise<number> {
  const workers = await pods(`cacheruntime.fluid.io/component-name=${CACHE.dataset}-worker`);
  let sum = 0;
  for (const w of workers) sum += sumOf(await (await fetch(`http://${w.status!.podIP}:9325/metrics`)).text(), 'SeaweedFS_volumeServer_request_total');
  return sum;
}

async function pluginLog(): Promise<{ msg: string; [key: string]: unknown }[]> {
  const [plugin] = (await kubeRequest(kc, 'GET', `/api/v1/namespaces/${fluid!.namespace}/pods?labelSelector=${encodeURIComponent(`app.kubernetes.io/name=${CSI_PLUGIN_NAME}`)}`)).body.items as k8s.V1Pod[];
  const logs = await kubectl(['-n', fluid!.namespace, 'logs', plugin.metadata!.name!]);
  return logs.stdout.split('\n').flatMap((l) => {
    try {
      return [JSON.parse(l)];
    } catch {
      return [];
    }
  });
}

async function nodeLabels(): Promise<Record<string, string>> {
  return ((await getObject(kc, 'Node', realNodeName())) as k8s.V1Node).metadata?.labels ?? {};
}

/** Mounts on the host that belong to this test: its fuses, and the kubelet's volume and subPath binds of its claims. */
function leftoverMounts(): string[] {
  const kubelet = mountsUnder(fluid!.kubeletDir).filter((p) => RUNTIMES.some((c) => p.includes(`${ns}-${c.dataset}`)));
  return [...kubelet, ...mountsUnder(`${mountRoot}/cache/${ns}`), ...mountsUnder(`${mountRoot}/thin/${ns}`)];
}

beforeAll(async () => {
  await acquireOperatorLock('data-path.test.ts');
  const started = Date.now();
  // A short cache sync period, so the Dataset's cache columns follow the DataLoad within seconds.
  fluid = await installFluidOnRealNode(kc, { clusterDir: clusterEnv('dir'), node: realNodeName(), mountRoot, cacheSyncPeriodSeconds: CACHE_SYNC_PERIOD_S });
  figures['install → CSI driver registered and operator Ready'] = `${Date.now() - started} ms`;
  ns = await createNamespace(kc, 'e2e-data');
  ufs = await UfsBucket.deploy(kc, ns, MANAGER);
  for (const file of Object.values(FILES)) await ufs.put(file.key, file.data);
  cacheObjects = seaweedfsExampleObjects('cache-runtime', { namespace: ns, ufsAddress: ufs.address });
  const thinObjects = seaweedfsExampleObjects('thin-runtime', { namespace: ns, ufsAddress: ufs.address });
  // The DataLoad is applied by its own test, once the cache has served a first read.
  for (const obj of [...cacheObjects.filter((o) => o.kind !== 'DataLoad'), ...thinObjects]) await applyObject(kc, obj, MANAGER);
}, OPERATOR_LOCK_DEADLINE_MS + POD_DEADLINE_MS * 3);

afterAll(async () => {
  try {
    process.stderr.write(`\n[data-path.test.ts] figures: ${JSON.stringify(figures, null, 1)}\n`);
    if (ns) {
      // While the operator still runs, so the Datasets' and runtimes' finalizers go with them.
      for (const c of RUNTIMES) await deleteObject(kc, 'Pod', readerName(c), ns);
      for (const c of RUNTIMES) await deleteObject(kc, 'Dataset', c.dataset, ns);
      await waitFor('the Datasets to be deleted', DELETION_DEADLINE_MS, async () => {
        const left = (await Promise.all(RUNTIMES.map((c) => getObject(kc, 'Dataset', c.dataset, ns)))).filter((d) => d);
        return left.length === 0 ? done(true) : notYet(left.map((d) => d.metadata.name).join(', '));
      });
      await startNamespaceDeletion(kc, ns);
    }
    await deleteObject(kc, 'CacheRuntimeClass', pick(cacheObjects, 'CacheRuntimeClass').metadata.name).catch(() => undefined);
    await deleteObject(kc, 'ThinRuntimeProfile', 'rclone-s3');
    await fluid?.uninstall();
  } finally {
    releaseOperatorLock();
  }
}, DELETION_DEADLINE_MS + POD_DEADLINE_MS * 2);

test('both Datasets bind: the SeaweedFS cache (master + filer, volume server) and the rclone thin runtime', async () => {
  const started = Date.now();
  await waitFor('Datasets bucket-cache and bucket-thin to be Bound with their PVCs', BOUND_DEADLINE_MS, async () => {
    const states = await Promise.all(RUNTIMES.map(async (c) => {
      const dataset = await getObject(kc, 'Dataset', c.dataset, ns);
      const pvc = await getObject(kc, 'PersistentVolumeClaim', c.dataset, ns);
      return `${c.dataset}: ${dataset?.status?.phase ?? '(none)'}, PVC ${pvc?.status?.phase ?? 'absent'}`;
    }));
    return states.every((s) => s.endsWith('Bound, PVC Bound')) ? done(true) : notYet(states.join('; '));
  }, { intervalMs: 250 });
  figures['apply → both Datasets Bound'] = `${Date.now() - started} ms`;
  // The master's first container mounted the bucket into the filer before it was Ready, so the listing is there.
  expect(await weedShell('fs.ls /datasets')).toEqual(expect.stringContaining('big.bin'));
  const pv = await getObject(kc, 'PersistentVolume', `${ns}-${CACHE.dataset}`);
  expect(pv.spec.csi.volumeAttributes).toMatchObject({ fluid_path: CACHE.fluidPath(), mount_type: 'cache' });
}, BOUND_DEADLINE_MS + 30_000);

describe.each(RUNTIMES)('$kind', (c) => {
  test('an application reads every object with the sha256 it has in the bucket (64 MiB, a sub-folder by subPath), and cannot write', async () => {
    const s3Before = await ufs.s3Requests();
    const started = Date.now();
    const reader = await runReader(c);
    figures[`${c.kind}: reader pod create → Running (stage + fuse start + publish)`] = `${Date.now() - started} ms`;
    expect(reader.spec?.nodeName).toBe(realNodeName());
    const paths: [string, SourceFile][] = [['/data/hello.txt', FILES.hello], ['/data/big.bin', FILES.big], ['/sub/nested.txt', FILES.nested]];
    // The cache's warm.bin waits for the DataLoad test; the thin runtime has no cache to keep it out of.
    if (c === THIN) paths.push(['/data/warm.bin', FILES.warm]);
    const read = Date.now();
    expect(await exec(readerName(c), `sha256sum ${paths.map(([p]) => p).join(' ')}`)).toMatchObject({ code: 0, stdout: expectedSums(paths) });
    figures[`${c.kind}: first read of ${paths.length} files (${paths.length === 4 ? 96 : 64} MiB + bytes)`] = `${Date.now() - read} ms`;
    // The first read went to the bucket: the cache had nothing of it yet, the thin runtime has no cache.
    expect(await ufs.s3Requests()).toBeGreaterThan(s3Before);

    for (const target of ['/data/new.txt', '/sub/new.txt', '/data/hello.txt']) {
      const write = await exec(readerName(c), `echo nope > ${target}`);
      expect(write.code).not.toBe(0);
      expect(write.stderr).toMatch(/Read-only file system/);
    }
    expect((await exec(readerName(c), 'cat /data/hello.txt')).stdout).toBe(FILES.hello.data.toString());
  }, POD_DEADLINE_MS + 60_000);
});

/** The cache columns of `kubectl get dataset`, as the operator's cache sync wrote them from the class's reportSummary. */
async function cacheColumns(): Promise<Record<string, string>> {
  const out = await kubectl(['-n', ns, 'get', 'dataset', CACHE.dataset, '-o', 'custom-columns=CACHED:.status.cacheStates.cached,CAPACITY:.status.cacheStates.cacheCapacity,PERCENTAGE:.status.cacheStates.cachedPercentage', '--no-headers']);
  const [cached = '', capacity = '', percentage = ''] = out.stdout.trim().split(/\s+/);
  return { cached, capacity, percentage };
}

/** "12.34MiB" in bytes; the format Fluid and the class's reportSummary write. */
function bytesOf(size: string): number {
  const m = /^([\d.]+)(B|KiB|MiB|GiB|TiB)$/.exec(size);
  if (!m) throw new Error(`not a size: ${JSON.stringify(size)}`);
  return Number(m[1]) * 1024 ** ['B', 'KiB', 'MiB', 'GiB', 'TiB'].indexOf(m[2]);
}

test('CacheRuntime: a DataLoad from the class warms the cache on the real node; the bytes are in the volume servers, and reading them again makes no request to the UFS', async () => {
  const before = await filerEntry('/datasets/warm.bin');
  expect(before.chunks ?? []).toEqual([]);
  // The Dataset shows the cache's figures before the DataLoad: what the first reads left, of the capacity.
  const columnsBefore = await waitFor('the Dataset to show CACHED and CACHE CAPACITY', CACHE_FIGURES_DEADLINE_MS, async () => {
    const c = await cacheColumns();
    return c.cached && c.capacity && c.cached !== '<none>' && c.capacity !== '<none>' ? done(c) : notYet(JSON.stringify(c));
  }, { intervalMs: 500 });
  expect(bytesOf(columnsBefore.capacity)).toBeGreaterThan(0);

  const dataLoad = pick(cacheObjects, 'DataLoad');
  const started = Date.now();
  await applyObject(kc, dataLoad, MANAGER);
  const phase = await waitFor(`DataLoad ${ns}/${dataLoad.metadata.name} to finish`, DATALOAD_DEADLINE_MS, async () => {
    const p: string | undefined = (await getObject(kc, 'DataLoad', dataLoad.metadata.name, ns))?.status?.phase;
    return p === 'Complete' || p === 'Failed' ? done(p) : notYet(p ?? '(none)');
  }, { intervalMs: 250 });
  const [job] = await pods(`job-name=${dataLoad.metadata.name}-loader-job`);
  const log = await kubectl(['-n', ns, 'logs', job.metadata!.name!]);
  expect({ phase, log: log.stdout.split('\n').slice(-3) }).toMatchObject({ phase: 'Complete' });
  figures['DataLoad apply → Complete (a Job on the real node)'] = `${Date.now() - started} ms`;
  expect(job.spec?.nodeName).toBe(realNodeName());
  expect(log.stdout).toMatch(/are in the volume servers/);

  // SeaweedFS's own view: warm.bin now has chunks holding all its bytes, and the volume servers hold every file.
  const after = await filerEntry('/datasets/warm.bin');
  expect((after.chunks ?? []).reduce((sum, chunk) => sum + Number(chunk.size), 0)).toBe(FILES.warm.data.length);
  expect(Number(after.remoteEntry?.lastLocalSyncTsNs ?? 0)).toBeGreaterThan(0);
  const volumes = await weedShell('volume.list');
  const total = Number(/total size:(\d+)/.exec(volumes)?.[1] ?? 0);
  const bucketBytes = Object.values(FILES).reduce((sum, f) => sum + f.data.length, 0);
  expect(total).toBeGreaterThanOrEqual(bucketBytes);
  figures['volume servers after the DataLoad (volume.list)'] = `${total} bytes; the bucket holds ${bucketBytes}`;
  // And the Dataset's CACHED column grows with them (measured, not a constant: volume sizes include their overhead).
  const columnsAfter = await waitFor('CACHED to grow after the DataLoad', CACHE_FIGURES_DEADLINE_MS, async () => {
    const c = await cacheColumns();
    return c.cached && c.cached !== '<none>' && bytesOf(c.cached) > bytesOf(columnsBefore.cached) ? done(c) : notYet(`${JSON.stringify(c)}, before ${JSON.stringify(columnsBefore)}`);
  }, { intervalMs: 500 });
  figures['Dataset cache columns before → after the DataLoad'] = `${JSON.stringify(columnsBefore)} → ${JSON.stringify(columnsAfter)}`;

  const s3Before = await ufs.s3Requests();
  const volumeBefore = await volumeServerRequests();
  const paths: [string, SourceFile][] = [['/data/warm.bin', FILES.warm], ['/data/big.bin', FILES.big], ['/data/hello.txt', FILES.hello], ['/sub/nested.txt', FILES.nested]];
  expect(await exec(readerName(CACHE), `sha256sum ${paths.map(([p]) => p).join(' ')}`)).toMatchObject({ code: 0, stdout: expectedSums(paths) });
  const s3After = await ufs.s3Requests();
  expect({ s3After, metrics: (await ufs.metrics()).split('\n').filter((l) => l.startsWith('SeaweedFS_s3_request_total')) })
    .toMatchObject({ s3After: s3Before });
  // warm.bin was never read through this client before, so its bytes came from the volume servers.
  expect(await volumeServerRequests()).toBeGreaterThan(volumeBefore);
}, DATALOAD_DEADLINE_MS + 60_000);

describe.each(RUNTIMES)('$kind', (c) => {
  test('killing the fuse process (SIGKILL): the fuse container restarts, the CSI plugin rebinds, and the running application reads again', async () => {
    const reader = (await getObject(kc, 'Pod', readerName(c), ns)) as k8s.V1Pod;
    const [fuse] = (await pods(c.fuseSelector)).filter((p) => !p.metadata?.deletionTimestamp);
    const restarts = fuse.status?.containerStatuses?.[0]?.restartCount ?? 0;
    const pids = hostPidsMounting(c.fluidPath());
    expect(pids).toHaveLength(1);

    const killed = Date.now();
    process.kill(pids[0], 'SIGKILL');
    const paths: [string, SourceFile][] = [['/data/hello.txt', FILES.hello], ['/sub/nested.txt', FILES.nested]];
    await waitFor(`${readerName(c)} to read through the remounted fuse`, RECOVERY_DEADLINE_MS, async () => {
      const r = await exec(readerName(c), `sha256sum ${paths.map(([p]) => p).join(' ')}`);
      return r.code === 0 && r.stdout === expectedSums(paths) ? done(true) : notYet(`exit ${r.code}: ${r.stdout.trim()} ${r.stderr.trim()}`);
    }, { intervalMs: 250 });
    figures[`${c.kind}: fuse SIGKILLed → the application reads again`] = `${Date.now() - killed} ms`;

    const fuseNow = (await getObject(kc, 'Pod', fuse.metadata!.name!, ns)) as k8s.V1Pod;
    expect(fuseNow.metadata?.uid).toBe(fuse.metadata?.uid);
    expect(fuseNow.status?.containerStatuses?.[0]?.restartCount).toBeGreaterThan(restarts);
    const readerNow = (await getObject(kc, 'Pod', readerName(c), ns)) as k8s.V1Pod;
    expect(readerNow.metadata?.uid).toBe(reader.metadata?.uid);
    expect(readerNow.status?.containerStatuses?.[0]?.restartCount).toBe(0);
    const recovered = (await pluginLog()).filter((l) => l.msg.startsWith('Fuse recovered') && l.volumeId === `${ns}-${c.dataset}`);
    expect(recovered.map((l) => l.mountPoint)).toEqual(expect.arrayContaining([expect.stringContaining(`/pods/${reader.metadata!.uid}/`)]));
  }, RECOVERY_DEADLINE_MS + 30_000);
});

test('a Dataset in use waits for its pod; once the application, the runtime and the Dataset are deleted, no mount, node label or fuse pod is left', async () => {
  for (const c of RUNTIMES) await deleteObject(kc, 'Dataset', c.dataset, ns);
  await waitFor('the operator to report both Datasets in use', DELETION_DEADLINE_MS, async () => {
    const events = (await kubeRequest(kc, 'GET', `/api/v1/namespaces/${ns}/events?fieldSelector=${encodeURIComponent('reason=ErrorDeleteDataset')}`)).body.items as k8s.CoreV1Event[];
    const reported = RUNTIMES.filter((c) => events.some((e) => e.involvedObject.name === c.dataset && e.message?.includes(readerName(c))));
    return reported.length === RUNTIMES.length ? done(true) : notYet(`reported: ${reported.map((r) => r.dataset).join(', ') || 'none'}`);
  }, { intervalMs: 250 });
  for (const c of RUNTIMES) {
    const dataset = await getObject(kc, 'Dataset', c.dataset, ns);
    expect(dataset?.metadata?.deletionTimestamp).toBeDefined();
    expect(dataset?.status?.phase).toBe('Bound');
  }

  for (const c of RUNTIMES) await deleteObject(kc, 'Pod', readerName(c), ns);
  for (const c of RUNTIMES) await deleteObject(kc, c.kind, c.dataset, ns);
  await waitFor('the Datasets, runtimes and every pod of theirs to be gone', DELETION_DEADLINE_MS, async () => {
    const left = [
      ...(await Promise.all(RUNTIMES.flatMap((c) => [getObject(kc, 'Dataset', c.dataset, ns), getObject(kc, c.kind, c.dataset, ns)]))).filter((o) => o).map((o) => `${o.kind} ${o.metadata.name}`),
      ...(await pods('cacheruntime.fluid.io/name')).map((p) => `pod ${p.metadata?.name}`),
      ...(await pods(THIN.fuseSelector)).map((p) => `pod ${p.metadata?.name}`),
      ...(await Promise.all(RUNTIMES.map((c) => getObject(kc, 'Pod', readerName(c), ns)))).filter((p) => p).map((p) => `pod ${p.metadata.name}`),
    ];
    return left.length === 0 ? done(true) : notYet(left.join(', '));
  }, { intervalMs: 500 });
  const labels = await nodeLabels();
  expect(Object.keys(labels).filter((k) => k.includes(`-${ns}-`) || k === fuseLabelKey({ namespace: ns, name: CACHE.dataset }))).toEqual([]);
  await waitFor('no mount of this test on the host', 30_000, async () => {
    const left = leftoverMounts();
    return left.length === 0 ? done(true) : notYet(left.join(', '));
  }, { intervalMs: 250 });
  // The plugin's records of published targets (one JSON file each) name none of this test's volumes.
  const records = `${fluid!.kubeletDir}/plugins/fuse.csi.fluid.io/publications`;
  const ours = fs.readdirSync(records).map((f) => JSON.parse(fs.readFileSync(`${records}/${f}`, 'utf8')) as { volumeId: string })
    .filter((r) => r.volumeId.startsWith(`${ns}-`));
  expect(ours).toEqual([]);
}, DELETION_DEADLINE_MS * 2 + 60_000);
