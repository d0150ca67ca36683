// The cache sync's rounds against an Alluxio master that answers like one (its commands' output in Fluid's
// formats): what it runs after binding, what it learns, what it does when a mount changes or a query fails, and that
// it leaves runtimes that are not bound alone. `exec` is the sync's own seam (the operator passes pods/exec there).
import pino from 'pino';
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { DEFAULT_SETTINGS } from '../../../../constructs/render-documents';
import type { ExecOutput } from '../../../../constructs/runtimes/cache-client';
import type { RuntimeKey } from '../../../../operator/reconcilers/runtime-snapshot';
import { CacheSync, CacheSyncMetrics, PodExec } from '../../../../operator/sync/cache-sync';
import { alluxioCount, alluxioMetrics, alluxioSummary } from '../../../support/alluxio-outputs';
import { boundAlluxio, boundAlluxioRuntime, boundDataset, BOUND_NAMESPACE } from '../../../support/bound-runtime';
import { PlanState } from '../../../support/plan-state';

const ID = 'AlluxioRuntime/team-a/hbase';
const DEADLINE_MS = 3_000;

/** An Alluxio master: its mount table follows mount.sh, which mounts what `wanted` lists when it runs. */
class AlluxioMaster {
  readonly calls: string[] = [];
  mounted: string[] = [];
  wanted: string[] = ['/hbase'];
  used = '512.00MB';
  failSummary = false;
  failLoad = false;

  readonly exec: PodExec = async (target, command): Promise<ExecOutput> => {
    const line = command.join(' ');
    this.calls.push(`${target.namespace}/${target.pod}/${target.container}: ${line}`);
    const ok = (stdout: string): ExecOutput => ({ stdout, stderr: '', exitCode: 0 });
    switch (line) {
      case 'alluxio fs mount':
        return ok([' /underFSStorage  on  /  (local, capacity=0B, used=0B, not read-only, not shared, properties={})', ...this.mounted.map((p) => `https://example.org${p}/  on  ${p} (web, capacity=-1B, used=-1B, read-only, not shared, properties={})`)].join('\n'));
      case '/etc/fluid/scripts/mount.sh':
        this.mounted = [...this.wanted];
        return ok('');
      case 'alluxio fsadmin report summary':
        return this.failSummary ? { stdout: '', stderr: 'Failed to connect to the master', exitCode: 1 } : ok(alluxioSummary(this.used, '1024.00MB'));
      case 'alluxio fsadmin report metrics':
        return ok(alluxioMetrics('10.00MB', '30.00MB', 3));
      case 'alluxio getConf alluxio.underfs.version':
        return ok('3.3.4');
      case 'alluxio fs loadMetadata -R /':
        return this.failLoad ? { stdout: '', stderr: 'UFS unreachable', exitCode: 1 } : ok('');
      case 'alluxio fs count /':
        return ok(alluxioCount(3, 1, 3221225472));
      case 'bash -c alluxio fsadmin report metrics | grep Master.FilesCompleted':
        return ok('Master.FilesCompleted  (Type: COUNTER, Value: 3)');
      default:
        return { stdout: '', stderr: `unknown command ${line}`, exitCode: 127 };
    }
  };
}

function masterPod(startedAt = '2026-12-03T10:00:00Z') {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'hbase-master-0', namespace: BOUND_NAMESPACE },
    status: { phase: 'Running', containerStatuses: [{ name: 'alluxio-master', state: { running: { startedAt } } }] },
  };
}

interface Harness {
  readonly sync: CacheSync;
  readonly master: AlluxioMaster;
  readonly failures: string[];
  readonly gauges: { ufsTotal?: string; fileNum?: string }[];
  /** Resolves once the sync reported a change that satisfies `check`. */
  changed(check: () => boolean): Promise<void>;
}

function harness(state: PlanState, periodMs = 3_600_000): Harness {
  const master = new AlluxioMaster();
  const failures: string[] = [];
  const gauges: { ufsTotal?: string; fileNum?: string }[] = [];
  const waiters: (() => void)[] = [];
  const metrics: CacheSyncMetrics = {
    queryFailed: (_runtime: RuntimeKey, query: string) => failures.push(query),
    datasetUfs: (_dataset, status) => gauges.push(status),
    forget: () => undefined,
  };
  const sync = new CacheSync({
    view: { get: (...a) => state.view().get(...a), list: (...a) => state.view().list(...a), parsed: (...a) => state.view().parsed(...a), presence: (...a) => state.view().presence(...a) },
    registry: builtinEngines(),
    settings: DEFAULT_SETTINGS,
    exec: master.exec,
    changed: () => waiters.splice(0).forEach((w) => w()),
    logger: pino({ level: 'silent' }),
    metrics,
    periodMs,
    minGapMs: 10,
  });
  const changed = (check: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the sync reported no such change in time; it saw ${JSON.stringify(sync.observation(ID))} after ${JSON.stringify(master.calls)}`)), DEADLINE_MS);
      const look = () => {
        if (check()) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(look);
      };
      look();
    });
  return { sync, master, failures, gauges, changed };
}

describe('cache sync of a bound Alluxio runtime', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.sync.stop());

  it('mounts the Dataset, reads the figures and the HCFS endpoint, and counts the UFS beside the round', async () => {
    const state = boundAlluxio();
    state.put(masterPod());
    h = harness(state);
    const { sync, master } = h;
    sync.notice(ID);
    // The percentage is of the UFS total, so a round follows the count.
    await h.changed(() => sync.observation(ID)?.ufs?.state === 'done' && !!sync.observation(ID)?.cacheStates?.cachedPercentage);
    const observed = sync.observation(ID)!;
    expect(observed.cacheStates).toMatchObject({ cached: '512.00MiB', cacheCapacity: '1.00GiB', cachedPercentage: '16.7%' });
    expect(observed.hcfs).toEqual({ endpoint: expect.stringMatching(/^alluxio:\/\/hbase-master-0\.team-a:\d+$/), underlayerFileSystemVersion: '3.3.4' });
    expect(observed.ufs).toEqual({ state: 'done', ufsTotal: '3.00GiB', fileNum: '3' });
    expect(observed.mountTime).toBeDefined();
    expect(observed.failure).toBeUndefined();
    expect(master.calls).toContain('team-a/hbase-master-0/alluxio-master: /etc/fluid/scripts/mount.sh');
    expect(master.calls.indexOf('team-a/hbase-master-0/alluxio-master: alluxio fs loadMetadata -R /')).toBeGreaterThan(master.calls.indexOf('team-a/hbase-master-0/alluxio-master: /etc/fluid/scripts/mount.sh'));
    expect(h.gauges).toContainEqual({ ufsTotal: '3.00GiB', fileNum: '3' });
  });

  it('a failing query is reported with its command and pod, counted, and the other figures still come', async () => {
    const state = boundAlluxio();
    h = harness(state);
    h.master.failSummary = true;
    h.sync.notice(ID);
    await h.changed(() => !!h!.sync.observation(ID)?.failure);
    const observed = h.sync.observation(ID)!;
    expect(observed.failure).toBe('cache figures: `alluxio fsadmin report summary` in pod hbase-master-0 (container alluxio-master) exited with 1: Failed to connect to the master');
    expect(observed.cacheStates).toBeUndefined();
    expect(observed.hcfs?.underlayerFileSystemVersion).toBe('3.3.4');
    expect(h.failures).toEqual(['cache figures']);
  });

  it('a cache that keeps failing the same way keeps one failure message, round after round', async () => {
    const state = boundAlluxio();
    h = harness(state, 30);
    h.master.failSummary = true;
    h.master.failLoad = true;
    h.sync.notice(ID);
    const seen: (string | undefined)[] = [];
    const rounds = () => h!.master.calls.filter((c) => c.endsWith('report summary')).length;
    await h.changed(() => {
      seen.push(h!.sync.observation(ID)?.failure);
      return rounds() >= 4;
    });
    const last = h.sync.observation(ID)!.failure!;
    expect(last).toContain('cache figures: `alluxio fsadmin report summary`');
    expect(last).toContain('UFS totals: `alluxio fs loadMetadata -R /` in pod hbase-master-0 (container alluxio-master) exited with 1: UFS unreachable');
    // After the first round and the first count, every change reported carries the same message.
    expect(new Set(seen.slice(2)).size).toBe(1);
  });

  it('runs mount.sh again as soon as the Dataset gains a mount, and not while the mounts are unchanged', async () => {
    const state = boundAlluxio();
    h = harness(state);
    const { sync, master } = h;
    sync.notice(ID);
    await h.changed(() => sync.observation(ID)?.ufs?.state === 'done');
    const mountRuns = () => master.calls.filter((c) => c.endsWith('/etc/fluid/scripts/mount.sh')).length;
    expect(mountRuns()).toBe(1);
    sync.notice(ID);
    expect(mountRuns()).toBe(1);

    const ds = state.get('Dataset', 'hbase', 'team-a')!;
    state.put({ ...ds, spec: { mounts: [...(ds.spec.mounts as object[]), { mountPoint: 'https://example.org/spark/', name: 'spark' }] } });
    master.wanted = ['/hbase', '/spark'];
    master.used = '768.00MB';
    sync.notice(ID);
    await h.changed(() => sync.observation(ID)?.cacheStates?.cached === '768.00MiB' && sync.observation(ID)?.ufs?.state === 'done');
    expect(mountRuns()).toBe(2);
    expect(master.mounted).toEqual(['/hbase', '/spark']);
  });

  it('leaves a runtime alone until its Dataset is bound', async () => {
    const state = new PlanState([boundDataset(), boundAlluxioRuntime()]);
    h = harness(state);
    h.sync.notice(ID);
    expect(h.sync.observation(ID)).toBeUndefined();
    expect(h.master.calls).toEqual([]);
  });
});
