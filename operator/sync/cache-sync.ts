// The cache sync: once a runtime is bound, its engine's cache client is asked for the cache figures every period,
// for the HCFS endpoint once, for the UFS totals once (and after the mounts change), and to bring the cache's UFS
// mounts in line with the Dataset when they change or the master restarted (Fluid's Sync → queryCacheStatus,
// SyncMetadata, UpdateOnUFSChange, checkIfRemountRequired). It runs beside the work queue, never in it: a slow
// exec delays nothing else. It writes nothing: what it learns becomes the runtime's observation, and a change of an
// observation queues the runtime, whose plan writes the status (cache-status.ts). An idle cache therefore costs
// exec calls and no API writes.
import type { Logger } from 'pino';
import { objectField } from '../process-logger';
import type { CacheClient, CacheQueryContext, ExecInPod, ExecOutput } from '../../constructs/runtimes/cache-client';
import { ufsStatusOf } from '../../constructs/runtimes/cache-figures';
import type { EngineRegistry } from '../../constructs/runtimes/engine-registry';
import type { EngineSettings } from '../../constructs/runtimes/runtime-engine';
import type { ClusterView } from '../reconcilers/cluster-view';
import { findCondition, kubeTime } from '../reconcilers/conditions';
import { boundRuntimeOf } from '../reconcilers/dataset-status';
import { servedRenderInput } from '../reconcilers/runtime-plan';
import { podSummaryOf, RuntimeKey, runtimeSnapshot } from '../reconcilers/runtime-snapshot';
import { CacheObservation, sameObservation } from './cache-observation';
import { dueQueries, mountsKey, SyncMemory, ufsTotalUnknown } from './sync-due';

/** The queries of a round, as they are named in failures and in fluid_cdk8s_cache_query_errors_total. */
export const CACHE_QUERIES = { mounts: 'mount sync', figures: 'cache figures', hcfs: 'HCFS status', ufs: 'UFS totals' } as const;

/** Runs a command in a pod through the apiserver (operator/kube/pod-exec.ts in the operator). */
export type PodExec = (target: { readonly namespace: string; readonly pod: string; readonly container: string }, command: readonly string[], options?: { readonly timeoutMs?: number }) => Promise<ExecOutput>;

/** The series the sync feeds (operator/metrics.ts). */
export interface CacheSyncMetrics {
  queryFailed(runtime: RuntimeKey, query: string): void;
  datasetUfs(dataset: { readonly namespace: string; readonly name: string }, status: { readonly ufsTotal?: string; readonly fileNum?: string }): void;
  forget(runtime: RuntimeKey): void;
}

export interface CacheSyncOptions {
  readonly view: ClusterView;
  readonly registry: EngineRegistry;
  readonly settings: EngineSettings;
  readonly exec: PodExec;
  /** Called with the runtime's queue key when its observation changed. */
  readonly changed: (key: string) => void;
  readonly logger: Logger;
  readonly metrics: CacheSyncMetrics;
  /** Between two rounds of one runtime; each round is shifted by up to a tenth, so runtimes do not march together. */
  readonly periodMs: number;
  /** Rounds running at once, over all runtimes. @default 4 */
  readonly concurrency?: number;
  /** Deadline of one command, unless the engine gives its own (loading metadata). @default 60 s */
  readonly queryTimeoutMs?: number;
  /** Least time between the starts of two rounds of one runtime. @default 5 s, as Fluid's defaultSyncRetryDuration */
  readonly minGapMs?: number;
  readonly now?: () => Date;
}

const MIN_GAP_MS = 5_000;
/** How long stop() waits for running rounds. */
const STOP_WAIT_MS = 5_000;
/** A mount sync the cache does not show yet (a ConfigMap the kubelet has not refreshed) is tried again this soon. */
const UNSETTLED_RETRY_MS = 10_000;

interface Tracked {
  readonly key: RuntimeKey;
  readonly id: string;
  observation?: CacheObservation;
  memo?: unknown;
  memory: SyncMemory;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  /** Asked for a round while one ran: start another when it ends. */
  again: boolean;
  lastStartMs: number;
  forgotten: boolean;
  /** What failed in the last round, and in the last metadata count (which ends apart from the rounds). */
  roundFailure?: string;
  countFailure?: string;
}

/** One message for both, so a cache that keeps failing the same way keeps the same condition (and writes nothing). */
function failureOf(t: Tracked): string | undefined {
  return [t.roundFailure, t.countFailure].filter(Boolean).join('; ') || undefined;
}

interface Served {
  readonly client: CacheClient;
  readonly ctx: CacheQueryContext;
  readonly mounts: string;
}

export class CacheSync {
  private readonly tracked = new Map<string, Tracked>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;
  private stopped = false;

  constructor(private readonly o: CacheSyncOptions) {}

  /** What the sync last learned about the runtime `Kind/namespace/name`; undefined before its first round. */
  observation(id: string): CacheObservation | undefined {
    return this.tracked.get(id)?.observation;
  }

  /**
   * Called after each reconcile of a runtime: starts syncing a runtime that got bound, forgets one that is gone or
   * no longer bound, and runs a round early when the Dataset's mounts changed or the cache needs a remount.
   */
  notice(id: string): void {
    if (this.stopped) return;
    const key = parseKey(id);
    const served = this.served(key, this.tracked.get(id));
    if (!served) return this.forget(id);
    let t = this.tracked.get(id);
    if (!t) {
      const status = served.ctx.datasetStatus;
      // A count the Dataset shows was made for its mounts (or, after a restart, before it: mounts changed while no
      // operator ran are counted again only when they next change).
      const memory: SyncMemory = { mountsSettled: true, ufsRunning: false, ...(ufsTotalUnknown(status) ? {} : { ufsCountedFor: served.mounts }) };
      t = { key, id, memory, again: false, lastStartMs: 0, forgotten: false };
      this.tracked.set(id, t);
      this.o.metrics.datasetUfs(key, status);
      this.schedule(t, 0);
      return;
    }
    const early = t.memory.mountsSynced !== undefined && t.memory.mountsSynced !== served.mounts;
    const remount = served.client.remountDue?.(served.ctx) ?? false;
    if (early || remount) this.schedule(t, Math.max(0, t.lastStartMs + this.minGapMs - this.nowMs()));
  }

  /**
   * Stops every timer and waits, a few seconds at most, for the rounds that are running: a command may hang until
   * its deadline, and a pod's grace period is short. What they or a metadata count learn afterwards is dropped.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    const running = [...this.tracked.values()].map((t) => t.running);
    for (const id of [...this.tracked.keys()]) this.forget(id);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)));
    await Promise.race([Promise.all(running), bound]);
    clearTimeout(timer);
  }

  private forget(id: string): void {
    const t = this.tracked.get(id);
    if (!t) return;
    t.forgotten = true;
    clearTimeout(t.timer);
    this.tracked.delete(id);
    this.o.metrics.forget(t.key);
  }

  private get minGapMs(): number {
    return this.o.minGapMs ?? MIN_GAP_MS;
  }

  private nowMs(): number {
    return (this.o.now?.() ?? new Date()).getTime();
  }

  private schedule(t: Tracked, delayMs: number): void {
    if (t.forgotten) return;
    if (t.running) {
      t.again = true;
      return;
    }
    clearTimeout(t.timer);
    t.timer = setTimeout(() => void this.start(t), delayMs);
    t.timer.unref?.();
  }

  private async start(t: Tracked): Promise<void> {
    t.timer = undefined;
    const run = (async () => {
      await this.slot();
      try {
        if (!t.forgotten) {
          t.lastStartMs = this.nowMs();
          await this.round(t);
        }
      } catch (e) {
        // A bug here must not stop the sync of other runtimes, nor crash the operator.
        this.o.logger.error({ ...objectField(t.key), error: e instanceof Error ? e.message : String(e) }, 'Cache sync round failed');
      } finally {
        this.release();
      }
    })();
    t.running = run;
    await run;
    t.running = undefined;
    if (t.forgotten) return;
    const again = t.again;
    t.again = false;
    const period = this.o.periodMs * (0.9 + Math.random() * 0.2);
    this.schedule(t, again ? this.minGapMs : t.memory.mountsSettled ? period : Math.min(period, UNSETTLED_RETRY_MS));
  }

  private slot(): Promise<void> {
    if (this.active < (this.o.concurrency ?? 4)) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => resolve()));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  /** The runtime's client and query context, while it is bound to its Dataset and set up; undefined otherwise. */
  private served(key: RuntimeKey, t: Tracked | undefined): Served | undefined {
    const now = this.o.now?.() ?? new Date();
    const s = runtimeSnapshot(this.o.view, this.o.registry, key, this.o.settings, now);
    const client = s?.engine.cache;
    if (!s || !client || !s.dataset || s.runtime.raw.metadata.deletionTimestamp || s.dataset.raw.metadata.deletionTimestamp) return undefined;
    const storedDatasetStatus = s.dataset.raw.status ?? {};
    const bound = boundRuntimeOf(storedDatasetStatus);
    if (bound?.name !== key.name || bound.namespace !== key.namespace || !findCondition(storedDatasetStatus.conditions, 'Ready')) return undefined;
    const input = servedRenderInput(s);
    if (!input) return undefined;
    const namespace = key.namespace;
    const exec: ExecInPod = (target, command, options) => this.o.exec({ namespace, ...target }, command, { timeoutMs: options?.timeoutMs ?? this.o.queryTimeoutMs ?? 60_000 });
    // What this sync observed wins over what is stored until the plan has written it.
    const mountTime = t?.observation?.mountTime;
    const runtimeStatus = { ...(s.runtime.raw.status ?? {}), ...(mountTime ? { mountTime } : {}) };
    const ufs = t?.observation?.ufs;
    const datasetStatus = ufs?.state === 'done' ? { ...storedDatasetStatus, ufsTotal: ufs.ufsTotal, fileNum: ufs.fileNum } : storedDatasetStatus;
    const pods = this.o.view.list('Pod', namespace).map(podSummaryOf).filter((p) => !p.deleting);
    const ctx: CacheQueryContext = { input, datasetStatus, runtimeStatus, pods, exec, now };
    return { client, ctx, mounts: mountsKey(input.dataset.spec.mounts) };
  }

  private async round(t: Tracked): Promise<void> {
    const served = this.served(t.key, t);
    if (!served) return this.forget(t.id);
    const { client, ctx, mounts } = served;
    const runtime = t.key;
    const remountDue = client.remountDue?.(ctx) ?? false;
    const hcfsKnown = !!t.observation?.hcfs || !!ctx.datasetStatus.hcfs;
    const autoSync = (ctx.input.runtime.spec as { runtimeManagement?: { metadataSyncPolicy?: { autoSync?: boolean } } })?.runtimeManagement?.metadataSyncPolicy?.autoSync !== false;
    const due = dueQueries({ client, memory: t.memory, mountsKey: mounts, remountDue, datasetStatus: ctx.datasetStatus, autoSync, hcfsKnown });

    const next: { -readonly [K in keyof CacheObservation]: CacheObservation[K] } = { ...t.observation, failure: undefined };
    const failures: string[] = [];
    const attempt = async <T>(query: string, run: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await run();
      } catch (e) {
        failures.push(`${query}: ${e instanceof Error ? e.message : String(e)}`);
        this.o.metrics.queryFailed(runtime, query);
        return undefined;
      }
    };

    if (due.syncMounts && client.syncMounts) {
      const sync = client.syncMounts;
      const answer = await attempt(CACHE_QUERIES.mounts, () => sync(ctx));
      if (answer) {
        if (answer.managed !== false && (answer.changed || remountDue || !ctx.runtimeStatus.mountTime)) next.mountTime = kubeTime(ctx.now);
        if (answer.changed) this.o.logger.info({ ...objectField(t.key), commands: answer.commands, settled: answer.settled }, 'Synced the cache\'s UFS mounts');
        t.memory = { ...t.memory, mountsSynced: mounts, mountsSettled: answer.settled };
      }
    }
    const states = await attempt(CACHE_QUERIES.figures, () => client.cacheStates(ctx, t.memo));
    if (states) {
      next.cacheStates = states.figures.states;
      t.memo = states.memo;
    }
    if (due.hcfs && client.hcfs) {
      const query = client.hcfs;
      const hcfs = await attempt(CACHE_QUERIES.hcfs, () => query(ctx));
      if (hcfs) next.hcfs = hcfs;
    }
    // Counted once the mounts are in place, which may be this round's doing.
    if (dueQueries({ client, memory: t.memory, mountsKey: mounts, remountDue: false, datasetStatus: ctx.datasetStatus, autoSync, hcfsKnown }).ufsTotals && client.ufsTotals) {
      next.ufs = { state: 'calculating' };
      this.count(t, client.ufsTotals, ctx, mounts);
    }
    t.roundFailure = failures.length ? failures.join('; ') : undefined;
    next.failure = failureOf(t);
    if (t.roundFailure && next.failure !== t.observation?.failure) this.o.logger.warn({ ...objectField(t.key), failure: t.roundFailure }, 'Cache query failed');
    this.commit(t, next);
  }

  /** Fluid's metadata sync, beside the rounds: it may take as long as the engine allows it. */
  private count(t: Tracked, ufsTotals: NonNullable<CacheClient['ufsTotals']>, ctx: CacheQueryContext, mounts: string): void {
    t.memory = { ...t.memory, ufsRunning: true };
    void ufsTotals(ctx).then(
      (figures) => {
        if (t.forgotten) return;
        const ufs = ufsStatusOf(figures);
        t.memory = { ...t.memory, ufsRunning: false, ufsCountedFor: mounts };
        t.countFailure = undefined;
        this.o.metrics.datasetUfs(t.key, ufs);
        this.o.logger.info({ ...objectField(t.key), ...ufs }, 'Counted the UFS');
        this.commit(t, { ...t.observation, ufs: { state: 'done', ...ufs }, failure: failureOf(t) });
        // Cached percentages are of the UFS total: compute them again soon rather than a period later.
        this.schedule(t, this.minGapMs);
      },
      (e: unknown) => {
        if (t.forgotten) return;
        t.memory = { ...t.memory, ufsRunning: false };
        this.o.metrics.queryFailed(t.key, CACHE_QUERIES.ufs);
        const failure = `${CACHE_QUERIES.ufs}: ${e instanceof Error ? e.message : String(e)}`;
        if (failure !== t.countFailure) this.o.logger.warn({ ...objectField(t.key), failure }, 'Cache query failed');
        t.countFailure = failure;
        // The next round counts again; meanwhile the Dataset keeps what it showed before.
        const { ufs: _dropped, ...rest } = t.observation ?? {};
        this.commit(t, { ...rest, failure: failureOf(t) });
      },
    );
  }

  private commit(t: Tracked, next: CacheObservation): void {
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as CacheObservation;
    if (t.forgotten || sameObservation(t.observation, clean)) return;
    t.observation = clean;
    this.o.changed(t.id);
  }
}

function parseKey(id: string): RuntimeKey {
  const [kind, namespace, name] = id.split('/');
  return { kind, namespace, name };
}
