// Which of an engine's cache queries a sync round runs, from what the sync remembers about the runtime. Pure, so
// the pacing rules are unit-tested without a cluster or a clock.
import type { CacheClient } from '../../constructs/runtimes/cache-client';
import { METADATA_SYNC_NOT_DONE } from '../../constructs/runtimes/cache-figures';

/** What the sync remembers between rounds of one runtime, beside its observation. */
export interface SyncMemory {
  /** The Dataset mounts (mountsKey) the cache's mounts last matched; undefined before the first mount sync. */
  readonly mountsSynced?: string;
  /** False after a mount sync whose effect was not visible yet (Alluxio reads its mount list from a ConfigMap). */
  readonly mountsSettled: boolean;
  /** The Dataset mounts the last finished metadata sync counted. */
  readonly ufsCountedFor?: string;
  readonly ufsRunning: boolean;
}

export interface DueInput {
  readonly client: CacheClient;
  readonly memory: SyncMemory;
  /** The Dataset's mounts now, as mountsKey gives them. */
  readonly mountsKey: string;
  /** The engine says the cache lost its mounts (its master restarted after status.mountTime). */
  readonly remountDue: boolean;
  readonly datasetStatus: Readonly<Record<string, any>>;
  /** runtimeManagement.metadataSyncPolicy.autoSync, which Fluid reads as true when unset. */
  readonly autoSync: boolean;
  /** The HCFS endpoint was observed already, or the Dataset's status has one. */
  readonly hcfsKnown: boolean;
}

export interface DueQueries {
  readonly syncMounts: boolean;
  readonly hcfs: boolean;
  /** Start a metadata sync (it runs beside the rounds, since loading a namespace may take hours). */
  readonly ufsTotals: boolean;
}

/** A stable key of the Dataset's mounts: a change of any mount field is a change of the cache's UFS. */
export function mountsKey(mounts: readonly unknown[] | undefined): string {
  return JSON.stringify(mounts ?? []);
}

/** Whether Dataset.status.ufsTotal still waits for a count (never counted, or a count cut short by a restart). */
export function ufsTotalUnknown(status: Readonly<Record<string, any>>): boolean {
  return !status.ufsTotal || status.ufsTotal === METADATA_SYNC_NOT_DONE;
}

export function dueQueries(d: DueInput): DueQueries {
  const { client, memory } = d;
  const syncMounts = !!client.syncMounts && (memory.mountsSynced !== d.mountsKey || !memory.mountsSettled || d.remountDue);
  // A count must follow the mounts it counts: while a mount sync is pending, the count waits for the next round.
  const mountsInPlace = !syncMounts;
  const countedOther = memory.ufsCountedFor !== undefined && memory.ufsCountedFor !== d.mountsKey;
  const ufsTotals = !!client.ufsTotals && d.autoSync && !memory.ufsRunning && mountsInPlace
    && (countedOther || (memory.ufsCountedFor === undefined && ufsTotalUnknown(d.datasetStatus)));
  return { syncMounts, hcfs: !!client.hcfs && !d.hcfsKnown, ufsTotals };
}
