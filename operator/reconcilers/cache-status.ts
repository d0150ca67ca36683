// The cache sync's observation merged into the status the runtime plan writes (Fluid: queryCacheStatus and
// UpdateCacheOfDataset in pkg/ddc/*/dataset.go, SyncMetadata in metadata.go, GetHCFSStatus in hcfs.go, mountTime in
// ufs.go). Pure. Without an observation (the operator just started, or the sync has not run yet) the stored values
// are carried, so a restart rewrites nothing.
import type { RuntimeEngine } from '../../constructs/runtimes/runtime-engine';
import { METADATA_SYNC_NOT_DONE } from '../../constructs/runtimes/cache-figures';
import type { CacheObservation } from '../sync/cache-observation';
import { Condition, kubeTime, removeCondition, setCondition } from './conditions';

/** Our condition for a cache that does not answer; Fluid only logs and counts runtime_sync_healthcheck_error_total. */
export const CACHE_SYNCED = 'CacheSynced';

/**
 * The runtime status with cacheStates (Fluid's RuntimeStatus only; CacheRuntimeStatus has no such field), mountTime
 * and, while the cache's queries fail, CacheSynced False. The phase fields are left alone: a cache that does not
 * answer does not make a healthy runtime unhealthy.
 */
export function withRuntimeCache(engine: RuntimeEngine, status: Record<string, unknown>, previous: Record<string, any> | undefined, observed: CacheObservation | undefined, now: Date): Record<string, unknown> {
  if (!engine.cache) return status;
  const next = { ...status };
  const flat = (engine.status ?? { form: 'flat' }).form === 'flat';
  const cacheStates = observed?.cacheStates ?? previous?.cacheStates;
  if (flat && cacheStates) next.cacheStates = cacheStates;
  const mountTime = observed?.mountTime ?? previous?.mountTime;
  if (mountTime) next.mountTime = mountTime;
  if (observed) {
    const conditions = (next.conditions ?? []) as Condition[];
    next.conditions = observed.failure
      ? setCondition(conditions, { type: CACHE_SYNCED, status: 'False', reason: 'CacheQueryFailed', message: observed.failure }, kubeTime(now), 'lastProbeTime')
      : removeCondition(conditions, CACHE_SYNCED);
  }
  return next;
}

/** The bound Dataset's status with the cache figures, UFS totals and HCFS endpoint the sync observed. */
export function withDatasetCache(engine: RuntimeEngine, status: Record<string, unknown>, observed: CacheObservation | undefined): Record<string, unknown> {
  if (!engine.cache || !observed) return status;
  const next = { ...status };
  if (observed.cacheStates) next.cacheStates = observed.cacheStates;
  if (observed.hcfs) next.hcfs = { ...observed.hcfs };
  if (observed.ufs?.state === 'calculating') {
    next.ufsTotal = METADATA_SYNC_NOT_DONE;
    next.fileNum = METADATA_SYNC_NOT_DONE;
  } else if (observed.ufs?.state === 'done') {
    for (const field of ['ufsTotal', 'fileNum'] as const) {
      if (observed.ufs[field] === undefined) delete next[field];
      else next[field] = observed.ufs[field];
    }
  }
  return next;
}
