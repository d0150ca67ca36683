// The cache sync's observation in the status the runtime plan writes: figures, UFS totals, HCFS and mount time on
// the runtime and its Dataset, CacheSynced while queries fail, and nothing written for what did not change.
import { builtinEngines } from '../../../../constructs/runtimes/builtin-engines';
import { CACHE_SYNCED, withDatasetCache, withRuntimeCache } from '../../../../operator/reconcilers/cache-status';
import type { CacheObservation } from '../../../../operator/sync/cache-observation';
import { boundAlluxio, BOUND_NOW, planBound } from '../../../support/bound-runtime';
import type { PlanState } from '../../../support/plan-state';

const NOW = BOUND_NOW;
const registry = builtinEngines();
const alluxio = registry.get('AlluxioRuntime')!;
const thin = registry.get('ThinRuntime')!;
const cache = registry.get('CacheRuntime')!;

const FIGURES = { cached: '1.00GiB', cacheCapacity: '2.00GiB', cachedPercentage: '50.0%', cacheHitRatio: '0.0%' };
const plan = planBound;
const bound = () => boundAlluxio();

const statusOf = (state: PlanState, kind: string) => state.get(kind, 'hbase', 'team-a')!.status!;

describe('the cache observation in the runtime plan', () => {
  it('writes the figures to runtime.status.cacheStates and Dataset.status.cacheStates, with hcfs, ufsTotal, fileNum and mountTime', () => {
    const state = bound();
    const observed: CacheObservation = {
      cacheStates: FIGURES,
      hcfs: { endpoint: 'alluxio://hbase-master-0.team-a:20000', underlayerFileSystemVersion: '3.3.0' },
      ufs: { state: 'done', ufsTotal: '12.00GiB', fileNum: '42' },
      mountTime: '2026-12-03T10:04:00Z',
    };
    state.apply(plan(state, observed));
    expect(statusOf(state, 'AlluxioRuntime')).toMatchObject({ cacheStates: FIGURES, mountTime: '2026-12-03T10:04:00Z' });
    expect(statusOf(state, 'Dataset')).toMatchObject({ cacheStates: FIGURES, hcfs: observed.hcfs, ufsTotal: '12.00GiB', fileNum: '42', phase: 'Bound' });
    // The same observation again, and then none at all (an operator that just restarted): nothing to write.
    expect(plan(state, observed).writes).toEqual([]);
    expect(plan(state).writes).toEqual([]);
  });

  it('shows [Calculating] while the metadata sync runs, as Fluid does', () => {
    const state = bound();
    state.apply(plan(state, { ufs: { state: 'calculating' } }));
    expect(statusOf(state, 'Dataset')).toMatchObject({ ufsTotal: '[Calculating]', fileNum: '[Calculating]' });
  });

  it('a failing query is a CacheSynced=False condition that goes once queries answer; phases and figures stay', () => {
    const state = bound();
    state.apply(plan(state, { cacheStates: FIGURES }));
    const failure = 'cache figures: `alluxio fsadmin report summary` in pod hbase-master-0 (container alluxio-master) exited with 1';
    state.apply(plan(state, { cacheStates: FIGURES, failure }));
    const failing = statusOf(state, 'AlluxioRuntime');
    expect(failing.conditions).toContainEqual(expect.objectContaining({ type: CACHE_SYNCED, status: 'False', reason: 'CacheQueryFailed', message: failure }));
    expect(failing).toMatchObject({ masterPhase: 'Ready', workerPhase: 'Ready', cacheStates: FIGURES });
    expect(statusOf(state, 'Dataset')).toMatchObject({ phase: 'Bound', cacheStates: FIGURES });
    // The same failure again writes nothing.
    expect(plan(state, { cacheStates: FIGURES, failure }).writes).toEqual([]);
    state.apply(plan(state, { cacheStates: FIGURES }));
    expect(statusOf(state, 'AlluxioRuntime').conditions.map((c: { type: string }) => c.type)).not.toContain(CACHE_SYNCED);
  });
});

describe('withRuntimeCache and withDatasetCache', () => {
  it('leave engines without a cache client alone', () => {
    expect(withRuntimeCache(thin, { a: 1 }, { cacheStates: FIGURES }, { cacheStates: FIGURES, failure: 'x' }, NOW)).toEqual({ a: 1 });
    expect(withDatasetCache(thin, { a: 1 }, { cacheStates: FIGURES })).toEqual({ a: 1 });
  });

  it('carry stored figures and mount time when nothing was observed yet', () => {
    const previous = { cacheStates: FIGURES, mountTime: '2026-12-03T10:00:00Z' };
    expect(withRuntimeCache(alluxio, { conditions: [] }, previous, undefined, NOW)).toEqual({ conditions: [], ...previous });
    expect(withDatasetCache(alluxio, { ufsTotal: '1.00GiB' }, undefined)).toEqual({ ufsTotal: '1.00GiB' });
  });

  it('removes ufsTotal and fileNum an engine does not count', () => {
    expect(withDatasetCache(alluxio, { ufsTotal: '[Calculating]', fileNum: '[Calculating]' }, { ufs: { state: 'done', ufsTotal: '3.00KiB' } })).toEqual({ ufsTotal: '3.00KiB' });
  });

  it('writes no cacheStates into the per-component status of CacheRuntime, whose CRD has none', () => {
    const withClient = { ...cache, cache: alluxio.cache };
    expect(withRuntimeCache(withClient, {}, undefined, { cacheStates: FIGURES, mountTime: '2026-12-03T10:00:00Z' }, NOW)).toEqual({ mountTime: '2026-12-03T10:00:00Z', conditions: [] });
  });
});
