// The engines' cache clients over canned command output: which commands they send to which pod, in what order, and
// what they make of the answers (the parsing itself is tested per engine in */cache-report.test.ts).
import type { CacheRuntimeSpec } from '../../../../crds/schema/cache-runtime';
import { cacheRuntimeCacheClient } from '../../../../constructs/runtimes/cache/cache-client';
import type { JindoRuntimeSpec } from '../../../../crds/schema/jindo-runtime';
import type { JuiceFSRuntimeSpec } from '../../../../crds/schema/juicefs-runtime';
import type { CacheQueryContext, ExecOutput } from '../../../../constructs/runtimes/cache-client';
import { jindoCacheClient } from '../../../../constructs/runtimes/jindo/cache-client';
import { juicefsCacheClient } from '../../../../constructs/runtimes/juicefs/cache-client';
import type { PodSummary } from '../../../../constructs/runtimes/render-input';
import { inputOf, Inputs } from './engine-fixtures';

type Answers = Record<string, string | ExecOutput>;

/** A context whose exec answers from `answers` by argv (joined with spaces), recording each call. */
function contextOf<Spec>(input: CacheQueryContext<Spec>['input'], answers: Answers, pods: PodSummary[] = [], runtimeStatus: Record<string, unknown> = {}) {
  const calls: string[] = [];
  const ctx: CacheQueryContext<Spec> = {
    input,
    datasetStatus: {},
    runtimeStatus,
    pods,
    now: new Date('2026-12-03T10:00:00Z'),
    exec: async (target, command): Promise<ExecOutput> => {
      const line = command.join(' ');
      calls.push(`${target.pod}/${target.container}: ${line}`);
      const answer = answers[line];
      if (answer === undefined) return { stdout: '', stderr: `no such command: ${line}`, exitCode: 127 };
      return typeof answer === 'string' ? { stdout: answer, stderr: '', exitCode: 0 } : answer;
    },
  };
  return { ctx, calls };
}

const JINDO = {
  kind: 'JindoRuntime',
  runtime: { replicas: 1, tieredstore: { levels: [{ mediumtype: 'MEM', path: '/dev/shm', quota: '4Gi', high: '0.9', low: '0.7' }] } },
  dataset: { mounts: [{ mountPoint: 'oss://bucket/a/', name: 'a' }, { mountPoint: 'oss://bucket/b/', name: 'b', path: '/data/b' }] },
};
const jindo = (i: Inputs = {}) => inputOf<JindoRuntimeSpec>(JINDO, i);
const JINDO_REPORT = `Namespace Address: localhost:18000
	Rpc Port: 8101
	Live Nodes: 1
	Total MEM Capacity: 4.00GB
	Used MEM Capacity: 1.00GB
`;

describe('Jindo cache client', () => {
  it('mounts each Dataset mount the master lacks, tolerates "already exists", and loads the cacheset', async () => {
    const { ctx, calls } = contextOf(jindo(), {
      'jindocache -mount': 'mount oss://bucket/a/ /a',
      'jindocache -mount /data/b oss://bucket/b/': { stdout: 'Mount point already exists', stderr: '', exitCode: 1 },
      'jindocache -listCacheSet': 'no cachesets',
      'jindocache -refreshCacheSet -path /cacheset.xml': 'ok',
    });
    const answer = await jindoCacheClient.syncMounts!(ctx);
    expect(answer).toEqual({ changed: true, settled: true, commands: ['jindocache -mount /data/b oss://bucket/b/', 'jindocache -refreshCacheSet -path /cacheset.xml'] });
    expect(calls.every((c) => c.startsWith('demo-jindofs-master-0/jindofs-master: '))).toBe(true);
  });

  it('a failed mount is an error naming the command and the pod', async () => {
    const { ctx } = contextOf(jindo(), {
      'jindocache -mount': '',
      'jindocache -mount /a oss://bucket/a/': { stdout: '', stderr: 'AccessDenied', exitCode: 2 },
    });
    await expect(jindoCacheClient.syncMounts!(ctx)).rejects.toThrow('`jindocache -mount /a oss://bucket/a/` in pod demo-jindofs-master-0 (container jindofs-master) exited with 2: AccessDenied');
  });

  it('reads the memory tier of the report for the figures, and the UFS bytes per mount', async () => {
    const { ctx } = contextOf(jindo(), {
      'jindocache -report': JINDO_REPORT,
      'jindo fs -count jindo:///a': '1 2 1024 jindo:///a',
      'jindo fs -count jindo:///data/b': '1 3 2048 jindo:///data/b',
    });
    const { figures } = await jindoCacheClient.cacheStates(ctx, undefined);
    expect(figures.states).toMatchObject({ cacheCapacity: '4.00GiB', cached: '1.00GiB' });
    expect(await jindoCacheClient.ufsTotals!(ctx)).toMatchObject({ ufsTotalBytes: 3072n });
    expect(await jindoCacheClient.hcfs!(ctx)).toEqual({ endpoint: expect.stringMatching(/^demo-jindofs-master-0\.team-a:\d+$/), underlayerFileSystemVersion: '' });
  });

  it('has nothing to ask when the master is disabled', async () => {
    const { ctx, calls } = contextOf(jindo({ runtime: { master: { disabled: true } } }), {});
    expect((await jindoCacheClient.cacheStates(ctx, undefined)).figures.states).toEqual({});
    expect(await jindoCacheClient.ufsTotals!(ctx)).toEqual({});
    expect(await jindoCacheClient.hcfs!(ctx)).toEqual({ endpoint: 'N/A', underlayerFileSystemVersion: '' });
    expect(calls).toEqual([]);
  });
});

const JUICEFS = {
  kind: 'JuiceFSRuntime',
  runtime: { replicas: 2, tieredstore: { levels: [{ mediumtype: 'SSD', path: '/mnt/jfs-cache', quota: '10Gi', low: '0.1' }] } },
  dataset: { mounts: [{ mountPoint: 'juicefs:///demo', name: 'minio', options: { bucket: 'http://minio:9000/test', storage: 'minio' }, encryptOptions: [{ name: 'metaurl', valueFrom: { secretKeyRef: { name: 'jfs', key: 'metaurl' } } }] }] },
};
const MOUNT = '/runtime-mnt/juicefs/team-a/demo/juicefs-fuse';
const pod = (name: string, controller: string, phase = 'Running'): PodSummary => ({ name, labels: {}, podIP: '10.0.0.1', deleting: false, phase, controller: { kind: controller.endsWith('fuse') ? 'DaemonSet' : 'StatefulSet', name: controller } });

describe('JuiceFS cache client', () => {
  it('averages the .stats of the running fuse pods (community) and takes the used bytes from df in the first worker', async () => {
    const stats = (bytes: number, hits: number, misses: number) => `juicefs_blockcache_bytes ${bytes}\njuicefs_blockcache_hits ${hits}\njuicefs_blockcache_miss ${misses}\njuicefs_blockcache_hit_bytes ${hits * 1024}\njuicefs_blockcache_miss_bytes ${misses * 1024}`;
    const pods = [pod('demo-fuse-b', 'demo-fuse'), pod('demo-fuse-a', 'demo-fuse'), pod('demo-fuse-c', 'demo-fuse', 'Pending'), pod('demo-worker-0', 'demo-worker')];
    const { ctx, calls } = contextOf(inputOf<JuiceFSRuntimeSpec>(JUICEFS), {
      [`cat ${MOUNT}/.stats`]: stats(1 << 30, 3, 1),
      'df --block-size=1': `Filesystem 1B-blocks Used Available Use% Mounted on\nJuiceFS:demo 8589934592 4294967296 4294967296 50% ${MOUNT}`,
    }, pods, {});
    const { figures } = await juicefsCacheClient.cacheStates({ ...ctx, runtimeStatus: { workerNumberReady: 2 } }, undefined);
    expect(figures.states).toEqual({ cacheCapacity: '20.00GiB', cached: '1.00GiB', cachedPercentage: '25.0%', cacheHitRatio: '75.0%', cacheThroughputRatio: '75.0%' });
    expect(calls).toEqual([
      `demo-fuse-a/juicefs-fuse: cat ${MOUNT}/.stats`,
      `demo-fuse-b/juicefs-fuse: cat ${MOUNT}/.stats`,
      'demo-worker-0/juicefs-worker: df --block-size=1',
    ]);
  });

  it('without a running worker, the percentage stays blank and the UFS cannot be counted', async () => {
    const { ctx } = contextOf(inputOf<JuiceFSRuntimeSpec>(JUICEFS), {}, []);
    const { figures } = await juicefsCacheClient.cacheStates(ctx, undefined);
    expect(figures.states.cachedPercentage).toBe('');
    await expect(juicefsCacheClient.ufsTotals!(ctx)).rejects.toThrow('no running pod of StatefulSet demo-worker');
  });
});

const CLASS = {
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'CacheRuntimeClass',
  metadata: { name: 'kv' },
  fileSystemType: 'kv',
  topology: {
    master: {
      workloadType: { kind: 'StatefulSet' },
      template: { spec: { containers: [{ name: 'kv-master', image: 'kv' }, { name: 'sidecar', image: 'kv' }] } },
      executionEntries: { reportSummary: { command: ['/report'] }, mountUFS: { command: ['/mount', '--all'], timeout: 60 } },
    },
    worker: { workloadType: { kind: 'StatefulSet' }, template: { spec: { containers: [{ name: 'kv-worker', image: 'kv' }] } }, executionEntries: { reportSummary: { command: ['/worker-report'] } } },
  },
};
const CACHE_RUNTIME = { kind: 'CacheRuntime', runtime: { runtimeClassName: 'kv' }, dataset: { mounts: [{ mountPoint: 's3://b/x', name: 'x' }, { mountPoint: 'local:///data', name: 'local' }, { mountPoint: 's3://b/y', name: 'y', path: '/deep/y' }] } };
const cacheRuntime = (i: Inputs = {}) => ({ ...inputOf<CacheRuntimeSpec>(CACHE_RUNTIME, i), runtimeClass: CLASS as never });

describe('CacheRuntime cache client (the class execution entries)', () => {
  it('runs reportSummary in the first container of the first master and writes its four figures as printed', async () => {
    const { ctx, calls } = contextOf(cacheRuntime(), { '/report': JSON.stringify({ cached: '1.50GiB', cacheCapacity: '4.00GiB', cachedPercentage: '37.5%', extra: 'ignored' }) });
    expect((await cacheRuntimeCacheClient.cacheStates(ctx, undefined)).figures.states).toEqual({ cached: '1.50GiB', cacheCapacity: '4.00GiB', cachedPercentage: '37.5%', cacheHitRatio: '' });
    expect(calls).toEqual(['demo-master-0/kv-master: /report']);
  });

  it('uses the worker entries when the runtime disables the master, and never mounts then', async () => {
    const { ctx, calls } = contextOf(cacheRuntime({ runtime: { master: { disabled: true } } }), { '/worker-report': '{"cached":"1B"}' });
    expect((await cacheRuntimeCacheClient.cacheStates(ctx, undefined)).figures.states.cached).toBe('1B');
    expect(await cacheRuntimeCacheClient.syncMounts!(ctx)).toEqual({ changed: false, settled: true, commands: [], managed: false });
    expect(calls).toEqual(['demo-worker-0/kv-worker: /worker-report']);
  });

  it('mountUFS is settled once it reports every non-native mount at its namespace path', async () => {
    const partly = contextOf(cacheRuntime(), { '/mount --all': '{"mounted":["/x"]}' });
    expect(await cacheRuntimeCacheClient.syncMounts!(partly.ctx)).toEqual({ changed: true, settled: false, commands: ['/mount --all'] });
    const all = contextOf(cacheRuntime(), { '/mount --all': '{"mounted":["/deep/y","/x"]}' });
    expect((await cacheRuntimeCacheClient.syncMounts!(all.ctx)).settled).toBe(true);
  });

  it('output that is not JSON is an error naming the entry, command and pod', async () => {
    const { ctx } = contextOf(cacheRuntime(), { '/report': 'cached: 1GiB' });
    await expect(cacheRuntimeCacheClient.cacheStates(ctx, undefined)).rejects.toThrow('reportSummary (`/report` in pod demo-master-0) printed no JSON: "cached: 1GiB"');
  });
});
