// The engine-contract member that talks to a running cache: which command to run in which pod, and how to read the
// answer. Fluid's engines hold this in ~20 Go methods each (queryCacheStatus, SyncMetadata, PrepareUFS,
// UpdateOnUFSChange, GetHCFSStatus); here an engine gives up to four queries, and the operator's cache sync
// (operator/sync/) decides when to run them, runs them off the work queue, and turns their answers into status.
// The queries reach the cluster only through `ctx.exec`, so they stay testable with canned outputs.
import type { CacheFigures, ExecTarget, UfsFigures } from './cache-figures';
import type { PodSummary, RenderInput } from './render-input';

export interface ExecOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** The command's exit status; 0 is success. */
  readonly exitCode: number;
}

/** Runs `command` (argv, no shell) in a container of a pod of the runtime's namespace, through the apiserver. */
export type ExecInPod = (target: ExecTarget, command: readonly string[], options?: { readonly timeoutMs?: number }) => Promise<ExecOutput>;

/** A query that could not be answered: the command, where it ran and what came back, for the runtime's condition. */
export class CacheQueryError extends Error {
  override readonly name = 'CacheQueryError';
}

/** The stdout of a finished command; a non-zero exit is a CacheQueryError naming the command and pod. */
export function successfulOutput(out: ExecOutput, target: ExecTarget, command: readonly string[]): string {
  if (out.exitCode === 0) return out.stdout.trim();
  const said = (out.stderr.trim() || out.stdout.trim()).split('\n').slice(-3).join(' | ').slice(0, 300);
  throw new CacheQueryError(`\`${command.join(' ')}\` in pod ${target.pod} (container ${target.container}) exited with ${out.exitCode}${said ? `: ${said}` : ''}`);
}

/** Runs a command that must succeed and gives its stdout, trimmed as Fluid's exec helper trims it. */
export async function execChecked(exec: ExecInPod, target: ExecTarget, command: readonly string[], options?: { readonly timeoutMs?: number }): Promise<string> {
  return successfulOutput(await exec(target, command, options), target, command);
}

/** What a cache query may read besides the cache itself. */
export interface CacheQueryContext<Spec = unknown> {
  /** The runtime, its Dataset, profile or class, settings and allocated ports, as the runtime was last rendered. */
  readonly input: RenderInput<Spec>;
  /** Dataset.status as stored (ufsTotal, mounts). */
  readonly datasetStatus: Readonly<Record<string, any>>;
  /** The runtime's status as stored (mountTime, workerNumberReady). */
  readonly runtimeStatus: Readonly<Record<string, any>>;
  /** Pods of the runtime's namespace that are not being deleted. */
  readonly pods: readonly PodSummary[];
  readonly exec: ExecInPod;
  readonly now: Date;
}

/** The result of cache figures, with what the engine keeps for its next query (Alluxio's previous metrics). */
export interface CacheStatesAnswer<Memo> {
  readonly figures: CacheFigures;
  readonly memo?: Memo;
}

/** What a mount sync did; `changed` false when the cache already held exactly the Dataset's mounts. */
export interface MountSyncAnswer {
  readonly changed: boolean;
  /** Each command sent, for the log. */
  readonly commands: readonly string[];
  /** True when the mounts now match the Dataset; false asks for another try on the next sync. */
  readonly settled: boolean;
  /** False when this runtime's cache mounts nothing by command (Jindo without a master): no mountTime to record. @default true */
  readonly managed?: boolean;
}

export interface HcfsStatus {
  readonly endpoint: string;
  readonly underlayerFileSystemVersion: string;
}

export interface CacheClient<Spec = any, Memo = any> {
  /** The cache figures of runtime.status.cacheStates and Dataset.status.cacheStates; run every sync period. */
  cacheStates(ctx: CacheQueryContext<Spec>, memo: Memo | undefined): Promise<CacheStatesAnswer<Memo>>;
  /**
   * Fluid's metadata sync: Dataset.status.ufsTotal and fileNum. Run once the runtime is bound while ufsTotal is
   * unknown, and again after the mounts changed; it may take long (Alluxio loads the whole namespace), so it runs
   * apart from the other queries. @default - ufsTotal and fileNum are never written
   */
  ufsTotals?(ctx: CacheQueryContext<Spec>): Promise<UfsFigures>;
  /** Dataset.status.hcfs: the endpoint Hadoop clients use and the UFS version. @default - none */
  hcfs?(ctx: CacheQueryContext<Spec>): Promise<HcfsStatus>;
  /**
   * Brings the cache's UFS mounts in line with the Dataset's (mounts missing in the cache are mounted, mounts the
   * Dataset no longer lists are unmounted where the engine can). Run when the Dataset's mounts change and when the
   * master restarted since status.mountTime. @default - the engine mounts its UFS by itself
   */
  syncMounts?(ctx: CacheQueryContext<Spec>): Promise<MountSyncAnswer>;
  /**
   * Whether `syncMounts` must run although the Dataset's mounts did not change: Fluid remounts when the master
   * container started after status.mountTime. @default - only on a mount change
   */
  remountDue?(ctx: CacheQueryContext<Spec>): boolean;
}

/** The value of a parse, or a CacheQueryError carrying the parser's message. */
export function parsedOrThrow<T>(parsed: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Error }): T {
  if (parsed.ok) return parsed.value;
  throw new CacheQueryError(parsed.error.message);
}

/**
 * Fluid's remount check (checkIfRemountRequired in each engine's ufs.go): the master container started after the
 * mounts were last made, so what was mounted by command is gone. False while either time is unknown.
 */
export function restartedSinceMount(mountTime: Date | undefined, startedAt: Date | undefined): boolean {
  return mountTime !== undefined && startedAt !== undefined && mountTime.getTime() < startedAt.getTime();
}

/** Whether the pod's `container` runs and since when, as a Date. */
export function containerStartedAt(pods: readonly PodSummary[], podName: string, container: string): { listed: boolean; startedAt?: Date } {
  const pod = pods.find((p) => p.name === podName);
  const started = pod?.containersStartedAt?.[container];
  return { listed: !!pod, ...(started ? { startedAt: new Date(started) } : {}) };
}
